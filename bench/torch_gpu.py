#!/usr/bin/env python3
"""PyTorch on a CUDA GPU for one spec: seconds per epoch and test accuracy, beside mlplab's in
scripts/gpu-check. The model, optimizer and loss are torch_reference.py's (the lab's PyTorch twin);
the data set lives on the GPU; constant learning rate, no augmentation (the lab specs' recipe).

    python3 bench/torch_gpu.py specs/seed-mlp.json --data data/mnist [--epochs N]
"""
import argparse, json, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench"))
import torch  # noqa: E402
import torch_reference as ref  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("spec")
    ap.add_argument("--data", required=True)
    ap.add_argument("--epochs", type=int)
    a = ap.parse_args()
    spec = json.load(open(a.spec))
    torch.manual_seed(spec.get("seed", 0))
    dev = torch.device("cuda")
    Xtr, Ytr, Xte, Yte = (t.to(dev) for t in ref.load(a.data))
    model = ref.build_model(spec.get("model", {})).to(dev)
    opt = ref.build_optimizer(spec.get("optimizer", {}), model.parameters())
    loss, bs = ref.loss_fn(spec.get("loss", "cross_entropy")), spec.get("batch_size", 32)
    gen = torch.Generator(device=dev).manual_seed(spec.get("seed", 0))
    for epoch in range(1, (a.epochs or spec.get("epochs", 10)) + 1):
        model.train()
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        perm = torch.randperm(Xtr.shape[0], generator=gen, device=dev)
        for i in range(0, Xtr.shape[0], bs):
            idx = perm[i:i + bs]
            opt.zero_grad(set_to_none=True)
            loss(model(Xtr[idx]), Ytr[idx]).backward()
            opt.step()
        torch.cuda.synchronize()
        dt = time.perf_counter() - t0
        model.eval()
        with torch.no_grad():
            logits = torch.cat([model(Xte[i:i + 2000]) for i in range(0, Xte.shape[0], 2000)])
        acc = (logits.argmax(1) == Yte).float().mean().item()
        print(json.dumps({"epoch": epoch, "train_seconds": round(dt, 4), "test_accuracy": acc}), flush=True)
    print(json.dumps({"summary": True, "engine": f"torch {torch.__version__} {torch.cuda.get_device_name()}"}))


if __name__ == "__main__":
    main()
