#!/usr/bin/env python3
"""ROC-AUC check: scikit-learn's AUCs, recomputed from the scores GET /api/runs/{id}/predictions
serves, against the AUCs mlplab stored for the same epoch (the /roc curves' per-class, micro and
macro AUCs, and the epoch row's auc_micro / auc_macro).

    ~/ref/bin/python bench/auc_check.py [--epochs 3] [--spec specs/seed-mlp.json]
    ~/ref/bin/python bench/auc_check.py --url http://127.0.0.1:8080 --run 7

Without --url it starts `.build/release/mlplab serve` on a free port with a fresh database in a
temporary folder (MNIST from MLPLAB_DATA, default ../shared/data), trains the spec with `epochs`
overridden, and checks its latest and best epochs. Prints the largest difference per epoch; exits
1 when any difference exceeds 1e-9. Micro: every (image, class) decision pooled
(roc_auc_score(average="micro") on one-hot labels); macro: the mean of the class AUCs.
"""
import argparse, json, os, sys

import numpy as np
from sklearn.metrics import roc_auc_score

from local_service import Client, LocalService

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOLERANCE = 1e-9


def check(service, run, which):
    preds = service.call("GET", f"/api/runs/{run}/predictions?epoch={which}")
    epoch = preds["epoch"]
    labels = np.array([p["label"] for p in preds["predictions"]])
    scores = np.array([p["scores"] for p in preds["predictions"]], dtype=np.float64)
    k = scores.shape[1]
    onehot = np.eye(k)[labels]
    ours = {c["curve"]: c["auc"] for c in service.call("GET", f"/api/runs/{run}/roc?epoch={epoch}")["curves"]}
    row = next(e for e in service.call("GET", f"/api/runs/{run}/epochs")["epochs"] if e["epoch"] == epoch)
    theirs = {str(c): roc_auc_score(onehot[:, c], scores[:, c]) for c in range(k)}
    theirs["micro"] = roc_auc_score(onehot, scores, average="micro")
    theirs["macro"] = roc_auc_score(onehot, scores, average="macro")
    pairs = [(name, ours[name], theirs[name]) for name in theirs]
    pairs += [("row auc_micro", row["auc_micro"], theirs["micro"]), ("row auc_macro", row["auc_macro"], theirs["macro"])]
    worst = max(abs(a - b) for _, a, b in pairs)
    print(f"run {run} epoch {epoch} ({which}): {len(labels)} test images, test accuracy {row['test_accuracy']:.4f}")
    print(f"  {'curve':>14} {'mlplab':>20} {'scikit-learn':>20} {'|diff|':>10}")
    for name, a, b in pairs:
        print(f"  {name:>14} {a:20.15f} {b:20.15f} {abs(a - b):10.2e}")
    print(f"  largest |difference|: {worst:.3e} (tolerance {TOLERANCE:g})")
    return worst


def train(spec_path, epochs):
    """Starts a fresh service and trains the spec; returns the service and the run id."""
    service = LocalService(prefix="mlplab-auc-")
    with open(spec_path) as f:
        spec = json.load(f)
    spec["epochs"] = epochs
    run = service.train(spec)
    if run["status"] != "finished":
        service.stop()
        sys.exit(f"auc_check: run {run['id']} ended {run['status']}")
    return service, run["id"]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url")
    p.add_argument("--run", type=int)
    p.add_argument("--spec", default=os.path.join(ROOT, "specs", "seed-mlp.json"))
    p.add_argument("--epochs", type=int, default=3)
    args = p.parse_args()
    if args.url:
        service, run = Client(args.url), args.run
    else:
        service, run = train(args.spec, args.epochs)
    try:
        worst = max(check(service, run, which) for which in ("latest", "best"))
    finally:
        service.stop()
    print(f"AUC check: largest |mlplab - scikit-learn| over per-class, micro and macro AUCs: {worst:.3e}")
    sys.exit(0 if worst <= TOLERANCE else 1)


if __name__ == "__main__":
    main()
