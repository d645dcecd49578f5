#!/usr/bin/env python3
"""Writes optimizer_reference.json: parameters after 3 steps of each torch.optim optimizer.

    /tmp/ref/bin/python make_optimizer_reference.py     # needs torch; not part of CI

One parameter p0 (2x3) and fixed gradients per step; OptimizerTests replays the same steps
with mlplab's optimizers and compares.
"""
import json, os
import torch

P0 = [[0.5, -0.3, 0.8], [-1.2, 0.1, 0.0]]
GRADS = [[[0.1, -0.2, 0.3], [0.4, -0.5, 0.6]],
         [[-0.3, 0.1, 0.2], [0.0, 0.7, -0.1]],
         [[0.05, 0.05, -0.4], [0.2, -0.3, 0.9]]]
CASES = {
    "sgd": ("SGD", dict(lr=0.1)),
    "sgd_momentum": ("SGD", dict(lr=0.1, momentum=0.9)),
    "sgd_nesterov_wd": ("SGD", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
    "adam": ("Adam", dict(lr=0.01)),
    "adam_wd": ("Adam", dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    "adamw": ("AdamW", dict(lr=0.01)),
    "rmsprop": ("RMSprop", dict(lr=0.01, alpha=0.9)),
    "rmsprop_momentum_wd": ("RMSprop", dict(lr=0.01, alpha=0.99, momentum=0.5, weight_decay=0.1, eps=1e-6)),
    "adagrad": ("Adagrad", dict(lr=0.1)),
    "adagrad_decay": ("Adagrad", dict(lr=0.1, lr_decay=0.5, initial_accumulator_value=0.2, weight_decay=0.1)),
}
out = {"p0": P0, "grads": GRADS, "cases": {}}
for name, (cls, kw) in CASES.items():
    p = torch.nn.Parameter(torch.tensor(P0, dtype=torch.float32))
    opt = getattr(torch.optim, cls)([p], **kw)
    for g in GRADS:
        p.grad = torch.tensor(g, dtype=torch.float32)
        opt.step()
    out["cases"][name] = {"optimizer": cls, "kwargs": {k: list(v) if isinstance(v, tuple) else v for k, v in kw.items()},
                          "expected": p.detach().tolist()}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optimizer_reference.json")
json.dump(out, open(path, "w"), indent=1)
print("wrote", path, "with torch", torch.__version__)
