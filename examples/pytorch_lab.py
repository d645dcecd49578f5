#!/usr/bin/env python3
"""The lab's PyTorch MLP on MNIST, logging to mlplab through MLflow's client.

Three lines make a PyTorch script log to mlplab (README, "Log from any script"):

    import mlflow
    mlflow.set_tracking_uri("http://127.0.0.1:8080")   # or MLFLOW_TRACKING_URI in the environment
    mlflow.set_experiment("pytorch-lab")

then `with mlflow.start_run():` around the loop and `mlflow.log_metrics(..., step=epoch)` in it.
The run appears on mlplab's dashboard (Source: logged), with a chart of every key per step.

    pip install torch numpy scikit-learn mlflow-skinny
    python3 examples/pytorch_lab.py [--epochs 10] [--data ../shared/data/mnist] [--train-samples N]

Model and recipe are the lab's seed-mlp spec: 784 -> 100 -> 80 -> 10, ReLU, dropout 0.2,
SGD lr 0.01 momentum 0.9, batch 32, 10 epochs, seed 10 (87,390 parameters, as mlplab's MLP).
"""
import argparse
import gzip
import os

import mlflow
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score

HERE = os.path.dirname(os.path.abspath(__file__))


def read_idx(path, header):
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=header)


def load(directory):
    def find(stem):
        for name in (stem + ".gz", stem):
            if os.path.exists(os.path.join(directory, name)):
                return os.path.join(directory, name)
        raise SystemExit(f"missing {stem}[.gz] in {directory}")
    images = lambda s: torch.from_numpy(read_idx(find(s), 16).reshape(-1, 784).astype(np.float32) / 255.0)
    labels = lambda s: torch.from_numpy(read_idx(find(s), 8).astype(np.int64))
    return (images("train-images-idx3-ubyte"), labels("train-labels-idx1-ubyte"),
            images("t10k-images-idx3-ubyte"), labels("t10k-labels-idx1-ubyte"))


class MLP(nn.Module):
    def __init__(self, hidden=(100, 80), dropout=0.2):
        super().__init__()
        sizes = (784, *hidden)
        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes, sizes[1:]))
        self.out = nn.Linear(sizes[-1], 10)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        for layer in self.hidden:
            x = self.dropout(F.relu(layer(x)))
        return self.out(x)


def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        logits = model(x)
        loss = F.cross_entropy(logits, y).item()
        probs = logits.softmax(dim=1).numpy()
    accuracy = float((probs.argmax(1) == y.numpy()).mean())
    auc = roc_auc_score(y.numpy(), probs, multi_class="ovr", average="macro")
    return loss, accuracy, auc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "data", "mnist"))
    ap.add_argument("--train-samples", type=int, default=None)
    args = ap.parse_args()
    params = {"model": "mlp", "hidden": "[100, 80]", "activation": "relu", "dropout": 0.2, "optimizer": "sgd",
              "lr": 0.01, "momentum": 0.9, "batch_size": 32, "epochs": args.epochs, "seed": 10}

    torch.manual_seed(params["seed"])
    x_train, y_train, x_test, y_test = load(args.data)
    if args.train_samples:
        x_train, y_train = x_train[:args.train_samples], y_train[:args.train_samples]
    model = MLP(dropout=params["dropout"])
    opt = torch.optim.SGD(model.parameters(), lr=params["lr"], momentum=params["momentum"])

    mlflow.set_tracking_uri(os.environ.get("MLFLOW_TRACKING_URI", "http://127.0.0.1:8080"))   # 1. where mlplab listens
    mlflow.set_experiment("pytorch-lab")                                                      # 2. an experiment
    with mlflow.start_run(run_name="torch-seed-mlp"):                                         # 3. a run around the loop
        mlflow.log_params(params)
        mlflow.log_param("parameters", sum(p.numel() for p in model.parameters()))
        for epoch in range(1, args.epochs + 1):
            model.train()
            order = torch.randperm(len(x_train))
            total = 0.0
            for i in range(0, len(order), params["batch_size"]):
                batch = order[i:i + params["batch_size"]]
                opt.zero_grad()
                loss = F.cross_entropy(model(x_train[batch]), y_train[batch])
                loss.backward()
                opt.step()
                total += loss.item() * len(batch)
            test_loss, test_accuracy, auc_macro = evaluate(model, x_test, y_test)
            mlflow.log_metrics({"train_loss": total / len(x_train), "test_loss": test_loss,
                                "test_accuracy": test_accuracy, "roc_auc_macro": auc_macro}, step=epoch)
            print(f"epoch {epoch:2d}  train_loss {total / len(x_train):.4f}  test_acc {test_accuracy:.4f}  auc {auc_macro:.5f}")


if __name__ == "__main__":
    main()
