#!/usr/bin/env python3
"""The recipe headline (issue 11): `mlplab train SPEC --threads N --seed S` for each seed, timed
from outside as a user would time it (wall clock of the whole command: data loading, training,
evaluation), one seed after the other.

    bench/headline.py specs/mnist-99.json                   # seeds 1 2 3, two threads
    bench/headline.py specs/mnist-995.json --seeds 1 2 3 --budget 600
    bench/headline.py specs/mnist-99.json --torch            # and the PyTorch twin, seed 1

Prints one row per seed: wall seconds, seconds of training, final test accuracy, the first epoch
at or above --target and the wall seconds when it ended, and whether the run met the target
within --budget seconds. Uses .build/release/mlplab (MLPLAB_BIN overrides) and MNIST from
../shared/data (MLPLAB_DATA). The machine is shared: run it alone.
"""
import argparse, json, os, subprocess, sys, tempfile, time

from compare import ROOT, TORCH, default_python


def timed(cmd, env):
    """(wall seconds, epoch rows as dicts, wall seconds at the end of each epoch)."""
    start, rows, ends = time.perf_counter(), [], []
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT) as p:
        for line in p.stdout:
            line = line.strip()
            if line.startswith("{"):
                row = json.loads(line)
                if "epoch" in row:
                    rows.append(row)
                    ends.append(time.perf_counter() - start)
    if p.returncode != 0:
        sys.exit(f"headline: {' '.join(cmd)} exited with {p.returncode}")
    return time.perf_counter() - start, rows, ends


def accuracy(row):
    return row.get("test_accuracy", row.get("accuracy"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("spec")
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--target", type=float, default=0.99)
    ap.add_argument("--budget", type=float, default=45, help="wall seconds allowed (default 45)")
    ap.add_argument("--torch", action="store_true", help="also train the PyTorch twin (first seed)")
    ap.add_argument("--python", default=default_python())
    a = ap.parse_args()
    env = dict(os.environ)
    env.setdefault("MLPLAB_DATA", os.path.normpath(os.path.join(ROOT, "..", "shared", "data")))
    binary = env.get("MLPLAB_BIN", os.path.join(ROOT, ".build", "release", "mlplab"))
    spec = os.path.abspath(a.spec)
    runs = [("mlplab", seed, [binary, "train", spec, "--json", "--threads", str(a.threads), "--seed", str(seed)])
            for seed in a.seeds]
    if a.torch:
        with open(spec) as f:
            twin = json.load(f)
        twin["seed"] = a.seeds[0]
        tmp = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump(twin, tmp)
        tmp.close()
        runs.append(("torch", a.seeds[0], [a.python, TORCH, tmp.name, "--threads", str(a.threads),
                                           "--data", os.path.join(env["MLPLAB_DATA"], "mnist")]))
    print(f"{os.path.basename(spec)}: {a.threads} thread(s), target {a.target:.2%} within {a.budget:.0f} s wall")
    print(f"{'engine':<7} {'seed':>4} {'wall s':>7} {'train s':>7} {'final acc':>9} {'epoch >= target':>15} "
          f"{'wall s then':>11} {'met':>4}")
    for engine, seed, cmd in runs:
        wall, rows, ends = timed(cmd, env)
        train = sum(r.get("train_seconds", 0) for r in rows)
        first = next((i for i, r in enumerate(rows) if accuracy(r) >= a.target), None)
        final = accuracy(rows[-1])
        met = final >= a.target and wall <= a.budget
        print(f"{engine:<7} {seed:>4} {wall:>7.1f} {train:>7.1f} {final:>9.2%} "
              f"{rows[first]['epoch'] if first is not None else '-':>15} "
              f"{f'{ends[first]:.1f}' if first is not None else '-':>11} {'yes' if met else 'no':>4}", flush=True)


if __name__ == "__main__":
    main()
