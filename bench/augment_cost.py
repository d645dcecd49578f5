#!/usr/bin/env python3
"""What augmentation costs: seconds per epoch of the lab's MLP (specs/seed-mlp.json) without and
with "augment" (rotate 10, translate 0.1, scale [0.9, 1.1]; --elastic adds alpha 8, sigma 3), on
mlplab and on the PyTorch reference, one thread each, the same epochs.

    bench/augment_cost.py [--epochs 2] [--repeats 5] [--spec specs/seed-mlp.json] [--elastic] [--no-torch]

Prints per engine: s/epoch plain, s/epoch augmented, and the augmented run's extra time as a share
of a plain epoch (issue 11's budget for mlplab: 15% with rotate+translate+scale). The machine is
shared and its speed drifts by 30% over seconds: the plain and augmented runs alternate
`--repeats` times (plain first in one pair, augmented first in the next, so a steady drift
cancels), each pair gives a share, and the figures are the medians (each pair's two runs are a
few seconds apart, so drift cancels in the share), so read the shares, not the seconds.
"""
import argparse, json, os, statistics, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from compare import TORCH, default_python, run  # noqa: E402


def epoch_seconds(cmd, env):
    return [l["train_seconds"] for l in run(cmd, env) if "epoch" in l]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--spec", default=os.path.join(ROOT, "specs", "seed-mlp.json"))
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--elastic", action="store_true")
    ap.add_argument("--no-torch", action="store_true")
    ap.add_argument("--python", default=default_python())
    a = ap.parse_args()
    env = dict(os.environ)
    env.setdefault("MLPLAB_DATA", os.path.normpath(os.path.join(ROOT, "..", "shared", "data")))
    spec = json.load(open(a.spec))
    augment = {"rotate": 10, "translate": 0.1, "scale": [0.9, 1.1]}
    if a.elastic:
        augment["elastic"] = {"alpha": 8, "sigma": 3}
    paths = []
    for extra in ({}, {"augment": augment}):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({**spec, **extra, "epochs": a.epochs}, f)
            paths.append(f.name)
    mlplab = os.path.join(ROOT, ".build", "release", "mlplab")
    data = os.path.join(env["MLPLAB_DATA"].split(":")[0], spec.get("dataset", "mnist"))
    engines = [("mlplab", lambda p: [mlplab, "train", p, "--json", "--threads", "1"])]
    if not a.no_torch:
        engines.append(("torch", lambda p: [a.python, TORCH, p, "--threads", "1", "--data", data]))
    print(f"{spec.get('name')}: {a.epochs} epochs, augment {json.dumps(augment)}")
    print(f"{'engine':<8} {'plain s/ep':>10} {'augmented s/ep':>14} {'extra':>7}")
    for name, cmd in engines:
        pairs = []
        for r in range(a.repeats):                                   # plain first, then augmented first
            order = paths if r % 2 == 0 else paths[::-1]
            seconds = {p: statistics.mean(epoch_seconds(cmd(p), env)) for p in order}
            pairs.append([seconds[p] for p in paths])
        plain, augmented = (statistics.median(t) for t in zip(*pairs))
        share = statistics.median((aug - pl) / pl for pl, aug in pairs)
        print(f"{name:<8} {plain:>10.3f} {augmented:>14.3f} {100 * share:>6.1f}%")
    for p in paths:
        os.unlink(p)


if __name__ == "__main__":
    main()
