#!/usr/bin/env python3
"""Exported weights against the PyTorch twin: for each spec, train a short run on an mlplab
server, export its weights (GET /api/runs/{id}/weights), load them into the twin of
../shared/bench/torch_reference.py with `model.load_state_dict(safetensors.torch.load_file(f))`,
and compare the twin's logits on the first 1,000 test images with mlplab's own
(POST /api/runs/{id}/predict).

    ~/ref/bin/python bench/export_check.py [--epochs 1] [--train-samples 10000] [SPEC ...]

Starts `.build/release/mlplab serve` on a free port with a temporary database (MLPLAB_DATA,
default ../shared/data), unless --server URL names a running one. Prints one line per spec:
max |logit difference|, classes that agree, and whether the goal (1e-4) is met. Not part of CI.
"""
import argparse, json, os, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared")
sys.path.insert(0, os.path.join(SHARED, "bench"))
import torch  # noqa: E402
from safetensors.torch import load_file  # noqa: E402
import torch_reference as ref  # noqa: E402
from local_service import Client, LocalService  # noqa: E402

DEFAULT_SPECS = ["seed-mlp.json", "mixer.json", "resmlp.json", "vip.json"]


def find_spec(name):
    for d in (os.path.join(ROOT, "specs"), os.path.join(SHARED, "bench", "specs")):
        if os.path.exists(os.path.join(d, name)):
            return os.path.join(d, name)
    return name


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("specs", nargs="*", default=DEFAULT_SPECS)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--train-samples", type=int, default=10000, help="0: the whole split")
    ap.add_argument("--server", help="a running mlplab server (default: start one)")
    ap.add_argument("--images", type=int, default=1000)
    a = ap.parse_args()
    data_dir = os.environ.get("MLPLAB_DATA", os.path.join(SHARED, "data")).split(":")[0]
    _, _, Xte, _ = ref.load(os.path.join(data_dir, "mnist"))
    X = Xte[:a.images]
    service, work = Client(a.server) if a.server else LocalService(prefix="mlplab-export-"), tempfile.mkdtemp()
    torch.set_num_threads(1)
    ok = True
    print(f"{'spec':<14} {'epoch':>5} {'params':>8} {'max |dlogit|':>13} {'same class':>11}  goal 1e-4")
    try:
        for name in a.specs:
            spec = json.load(open(find_spec(name)))
            spec["epochs"] = a.epochs
            if a.train_samples:
                spec["train_samples"] = a.train_samples
            run = service.train(spec)
            if run["status"] != "finished":
                print(f"{name}: run {run['id']} {run['status']}: {run.get('error')}")
                ok = False
                continue
            path = os.path.join(work, f"run-{run['id']}.safetensors")
            with open(path, "wb") as f:
                f.write(service.call("GET", f"/api/runs/{run['id']}/weights?epoch=latest", raw=True))
            model = ref.build_model(spec.get("model", {}))
            model.load_state_dict(load_file(path))          # strict: every name and shape must match
            model.eval()
            with torch.no_grad():
                theirs = model(X)
            answer = service.call("POST", f"/api/runs/{run['id']}/predict?epoch=latest",
                          {"images": X.flatten(1).tolist()})
            ours = torch.tensor([p["logits"] for p in answer["predictions"]])
            diff = (ours - theirs).abs().max().item()
            same = int((ours.argmax(1) == theirs.argmax(1)).sum())
            good = diff <= 1e-4 and same == len(X)
            ok &= good
            print(f"{name:<14} {answer['epoch']:>5} {sum(p.numel() for p in model.parameters()):>8} {diff:>13.3e} "
                  f"{same:>5}/{len(X):<5}  {'ok' if good else 'MISSED'}", flush=True)
    finally:
        service.stop()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
