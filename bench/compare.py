#!/usr/bin/env python3
"""Side-by-side benchmark: mlplab against the PyTorch reference, on the same specs, one after
the other in one run, each on one BLAS thread.

    bench/compare.py [SPEC ...] [--epochs N] [--train-samples N] [--threads N] [--seed N] [--python /tmp/ref/bin/python]
    bench/compare.py specs/mnist-99.json --threads 2 --seed 1   # the recipe headline, beside the reference
    bench/compare.py --suite [--epochs 1]      # the five lab architectures (issue 4)

Defaults: specs/seed-mlp.json, the spec's epochs, MNIST from ../shared/data (MLPLAB_DATA).
Prints per spec: seconds per epoch of each engine (mean of the epochs), their ratio, final
test accuracy and AUC of each, and peak resident memory of each process. The machine is shared
and noisy: read the ratio, not the absolute seconds. Needs torch, numpy and scikit-learn in
--python's environment (python3 -m venv /tmp/ref && /tmp/ref/bin/pip install torch numpy
scikit-learn); not part of CI.
"""
import argparse, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
TORCH = os.path.join(SHARED, "bench", "torch_reference.py")


# --suite: the lab's five architectures, with the first N training images for the slow ones so
# a whole comparison takes minutes (seconds per epoch are scaled to the full 60,000 images).
SUITE = [("seed-mlp", None), ("deep-mlp", None), ("mixer", 12000), ("resmlp", 12000), ("vip", 3000)]


def default_python():
    """$TORCH_PYTHON, else the first venv found at ../ref (next to the checkouts), ~/ref or /tmp/ref."""
    if os.environ.get("TORCH_PYTHON"):
        return os.environ["TORCH_PYTHON"]
    for venv in (os.path.join(os.path.dirname(ROOT), "ref"), os.path.join(os.path.dirname(os.path.dirname(ROOT)), "ref"),
                 os.path.expanduser("~/ref"), "/tmp/ref"):
        if os.path.exists(os.path.join(venv, "bin", "python")):
            return os.path.join(venv, "bin", "python")
    return "/tmp/ref/bin/python"


def run(cmd, env):
    """Runs cmd and returns its JSON lines; exits on failure."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    out, err = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.strip()}")
    lines = [json.loads(l) for l in out.splitlines() if l.startswith("{")]
    return lines


def measured(cmd, env):
    """Runs cmd in a child of a child so RUSAGE_CHILDREN isolates its peak RSS."""
    wrapper = [sys.executable, "-c", (
        "import json,resource,subprocess,sys;"
        "p=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
        "sys.stdout.write(p.stdout);sys.stderr.write(p.stderr);"
        "print(json.dumps({'peak_rss_mb':resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024}));"
        "sys.exit(p.returncode)")] + cmd
    lines = run(wrapper, env)
    return lines[:-1], lines[-1]["peak_rss_mb"]


def summarize(lines):
    epochs = [l for l in lines if "epoch" in l]
    last = epochs[-1]
    return (sum(e["train_seconds"] for e in epochs) / len(epochs), last["test_accuracy"], last.get("auc_macro"))


def main():
    ap = argparse.ArgumentParser(description="mlplab vs PyTorch, seconds per epoch and accuracy")
    ap.add_argument("specs", nargs="*", default=[os.path.join(ROOT, "specs", "seed-mlp.json")])
    ap.add_argument("--epochs", type=int)
    ap.add_argument("--train-samples", type=int, help="use the first N training images")
    ap.add_argument("--threads", type=int, default=1, help="threads of each engine (default 1)")
    ap.add_argument("--seed", type=int, help="override the spec's seed")
    ap.add_argument("--python", default=default_python(),
                    help="the PyTorch venv's python: $TORCH_PYTHON, else ../ref or /tmp/ref beside the checkout")
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--suite", action="store_true", help="the five lab architectures of specs/, slow ones shortened")
    a = ap.parse_args()
    suite = {}
    if a.suite:
        a.specs = [os.path.join(ROOT, "specs", f"{name}.json") for name, _ in SUITE]
        suite = {name: n for name, n in SUITE}
    env = dict(os.environ)
    env.setdefault("MLPLAB_DATA", os.path.join(SHARED, "data"))
    if not a.skip_build:
        subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "mlplab"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    mlplab = os.path.join(ROOT, ".build", "release", "mlplab")
    rows = []
    for path in a.specs:
        spec = json.load(open(path))
        samples = a.train_samples or suite.get(spec.get("name"))
        if samples:
            spec["train_samples"] = samples
        if a.seed is not None:
            spec["seed"] = a.seed
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(spec, f)
        extra = ["--epochs", str(a.epochs)] if a.epochs else []
        ours, our_rss = measured([mlplab, "train", f.name, "--json", "--threads", str(a.threads)] + extra, env)
        engine = next((l["engine"] for l in ours if l.get("summary")), "?")
        data_dir = os.path.join(env["MLPLAB_DATA"].split(":")[0], spec.get("dataset", "mnist"))
        theirs, their_rss = measured([a.python, TORCH, f.name, "--threads", str(a.threads), "--data", data_dir] + extra, env)
        os.unlink(f.name)
        (s1, acc1, auc1), (s2, acc2, auc2) = summarize(ours), summarize(theirs)
        if samples:                                   # seconds per full 60,000-image epoch
            s1, s2 = s1 * 60000 / samples, s2 * 60000 / samples
        rows.append((spec.get("name", os.path.basename(path)), s1, s2, s1 / s2, acc1, acc2, auc1, auc2, our_rss, their_rss))
        print(f"{rows[-1][0]}: done", file=sys.stderr)
    print(f"mlplab engine: {engine}, {a.threads} thread(s) each side")
    print(f"{'spec':<16} {'mlplab s/ep':>11} {'torch s/ep':>10} {'ratio':>6} {'acc mlplab':>10} {'acc torch':>9}"
          f" {'auc mlplab':>10} {'auc torch':>9} {'RSS MB':>7} {'torch MB':>8}")
    for r in rows:
        print(f"{r[0]:<16} {r[1]:>11.3f} {r[2]:>10.3f} {r[3]:>6.2f} {r[4]:>10.4f} {r[5]:>9.4f} {r[6]:>10.5f} {r[7]:>9.5f}"
              f" {r[8]:>7.0f} {r[9]:>8.0f}")


if __name__ == "__main__":
    main()
