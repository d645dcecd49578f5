#!/usr/bin/env python3
"""Writes recipe_reference.json: what torch computes for each training-recipe field.

    ~/ref/bin/python make_recipe_reference.py      # needs torch; not part of CI

- schedules: the learning rate of every optimizer step, from torch's schedulers (StepLR per
  epoch; LinearLR warm-up then CosineAnnealingLR via SequentialLR; OneCycleLR), each checked
  here against torch_reference.py's lr_factor, which defines the spec fields.
- augment: images through F.affine_grid + F.grid_sample (bilinear, zeros, align_corners=False):
  a 90-degree rotation of a 6x6 pattern, a general affine of a 28x28 image, and the same with an
  elastic field given as its raw uniform(-1, 1) draws (smoothed as torch_reference.py does).
- label_smoothing: F.cross_entropy's mean loss and its gradient on fixed logits.
- decay / clipping: parameters after 3 torch.optim steps with decay_norms_and_biases false
  (two param groups), and gradients after clip_grad_norm_.
"""
import importlib.util, json, math, os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "torch_reference", os.path.join(HERE, "..", "..", "..", "..", "shared", "bench", "torch_reference.py"))
if not os.path.exists(spec.origin):
    spec = importlib.util.spec_from_file_location("torch_reference", "/work/shared/bench/torch_reference.py")
ref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ref)
torch.manual_seed(0)
out = {"torch": torch.__version__}


# ------------------------------------------------------------------ schedules
def torch_lrs(sched, lr, steps_per_epoch, epochs):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=lr)
    total = steps_per_epoch * epochs
    kind, per_epoch = sched["type"], False
    if kind == "step":
        s, per_epoch = torch.optim.lr_scheduler.StepLR(opt, step_size=sched["step_size"], gamma=sched["gamma"]), True
    elif kind == "cosine":
        warm = int(sched["warmup_epochs"] * steps_per_epoch)
        cos = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total - warm, eta_min=sched["min_lr"])
        if warm > 0:
            lin = torch.optim.lr_scheduler.LinearLR(opt, start_factor=1 / warm, end_factor=1.0, total_iters=warm - 1)
            s = torch.optim.lr_scheduler.SequentialLR(opt, [lin, cos], milestones=[warm])
        else:
            s = cos
    elif kind == "onecycle":
        s = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=total, pct_start=sched["pct_start"],
                                                div_factor=sched["div_factor"], final_div_factor=sched["final_div_factor"],
                                                anneal_strategy="cos", cycle_momentum=False)
    lrs = []
    for step in range(total):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        if not per_epoch or (step + 1) % steps_per_epoch == 0:
            s.step()
    if kind != "onecycle":   # the reference's definition
        for step, v in enumerate(lrs):
            want = lr * ref.lr_factor(sched, step, steps_per_epoch, total, lr)
            assert abs(v - want) <= 1e-6 * lr, (sched, step, v, want)
    return lrs


SCHEDULES = [
    ({"type": "step", "step_size": 2, "gamma": 0.5}, 0.1, 7, 5),
    ({"type": "cosine", "warmup_epochs": 1, "min_lr": 0.0}, 0.001, 10, 4),
    ({"type": "cosine", "warmup_epochs": 0.5, "min_lr": 1e-4}, 0.01, 6, 3),
    ({"type": "cosine", "warmup_epochs": 0, "min_lr": 0.0}, 0.05, 5, 3),
    ({"type": "onecycle", "pct_start": 0.3, "div_factor": 25.0, "final_div_factor": 1e4}, 0.01, 9, 4),
    ({"type": "onecycle", "pct_start": 0.25, "div_factor": 10.0, "final_div_factor": 100.0}, 0.1, 4, 5),
]
out["schedules"] = [{"schedule": s, "lr": lr, "steps_per_epoch": spe, "epochs": ep, "lrs": torch_lrs(s, lr, spe, ep)}
                    for s, lr, spe, ep in SCHEDULES]


# ------------------------------------------------------------------ augmentation
def sample(img, angle_deg, scale, tx, ty, field=None, alpha=0.0, sigma=1.0):
    """One image (H, W) through the reference's transform with fixed draws; tx, ty in [-1, 1] units."""
    H, W = img.shape
    x = img.view(1, 1, H, W)
    ang = torch.tensor([angle_deg * math.pi / 180], dtype=torch.float32)
    sc = torch.tensor([scale], dtype=torch.float32)
    cos, sin = torch.cos(ang) / sc, torch.sin(ang) / sc
    t = torch.tensor([tx], dtype=torch.float32), torch.tensor([ty], dtype=torch.float32)
    theta = torch.stack([torch.stack([cos, -sin, t[0]], 1), torch.stack([sin, cos, t[1]], 1)], 1)
    grid = F.affine_grid(theta, [1, 1, H, W], align_corners=False)
    if field is not None:   # torch_reference.augment_batch's elastic step, on the given raw draws
        d = field.view(1, 2, H, W)
        r = int(3 * sigma + 0.5)
        k = torch.exp(-torch.arange(-r, r + 1, dtype=torch.float32) ** 2 / (2 * sigma * sigma))
        k = (k / k.sum()).view(1, 1, 1, -1).repeat(2, 1, 1, 1)
        d = F.conv2d(F.pad(d, (r, r, 0, 0)), k, groups=2)
        d = F.conv2d(F.pad(d, (0, 0, r, r)), k.transpose(2, 3), groups=2)
        grid = grid + d.permute(0, 2, 3, 1) * alpha * (2 / 28)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False).view(H, W)


pattern = torch.zeros(6, 6)
pattern[0, 1], pattern[1, 1], pattern[2, 1], pattern[2, 2], pattern[4, 4] = 1.0, 0.5, 0.25, 0.75, 0.6
digit = torch.rand(28, 28) * (torch.rand(28, 28) > 0.6).float()
field = torch.rand(2, 28, 28) * 2 - 1
cases = [
    ("rotate90", pattern, dict(angle_deg=90.0, scale=1.0, tx=0.0, ty=0.0)),
    ("affine", digit, dict(angle_deg=-17.0, scale=1.15, tx=0.12, ty=-0.07)),
    ("elastic", digit, dict(angle_deg=8.0, scale=0.9, tx=-0.05, ty=0.1, field=field, alpha=4.0, sigma=1.5)),
]
out["augment"] = []
for name, img, kw in cases:
    result = sample(img, **kw)
    entry = {"name": name, "shape": list(img.shape), "image": img.flatten().tolist(),
             "angle_deg": kw["angle_deg"], "scale": kw["scale"], "tx": kw["tx"], "ty": kw["ty"],
             "expected": result.flatten().tolist()}
    if "field" in kw:
        entry.update(field=kw["field"].flatten().tolist(), alpha=kw["alpha"], sigma=kw["sigma"])
    out["augment"].append(entry)

# ------------------------------------------------------------------ label smoothing
logits = (torch.randn(5, 10) * 3).requires_grad_()
labels = torch.tensor([3, 0, 9, 3, 7])
loss = F.cross_entropy(logits, labels, label_smoothing=0.1)
loss.backward()
out["smoothing"] = {"smoothing": 0.1, "logits": logits.detach().flatten().tolist(), "labels": labels.tolist(),
                    "loss": loss.item(), "gradient": logits.grad.flatten().tolist()}

# ------------------------------------------------------------------ decay exemption, clipping
W0 = torch.randn(3, 4).tolist()
B0 = torch.randn(3).tolist()
GRADS = [(torch.randn(3, 4).tolist(), torch.randn(3).tolist()) for _ in range(3)]
decay = {"w0": W0, "b0": B0, "grads": [{"w": g, "b": b} for g, b in GRADS], "cases": {}}
for name, cls, kw in [("adamw", torch.optim.AdamW, dict(lr=0.01, weight_decay=0.1)),
                      ("adam", torch.optim.Adam, dict(lr=0.01, weight_decay=0.1)),
                      ("sgd", torch.optim.SGD, dict(lr=0.1, momentum=0.9, weight_decay=0.05))]:
    w, b = torch.nn.Parameter(torch.tensor(W0)), torch.nn.Parameter(torch.tensor(B0))
    opt = cls([{"params": [w]}, {"params": [b], "weight_decay": 0.0}], **kw)
    for g, gb in GRADS:
        w.grad, b.grad = torch.tensor(g), torch.tensor(gb)
        opt.step()
    decay["cases"][name] = {"kwargs": kw, "w": w.detach().tolist(), "b": b.detach().tolist()}
out["decay"] = decay

w, b = torch.nn.Parameter(torch.tensor(W0)), torch.nn.Parameter(torch.tensor(B0))
w.grad, b.grad = torch.tensor(GRADS[0][0]) * 3, torch.tensor(GRADS[0][1]) * 3
norm = torch.nn.utils.clip_grad_norm_([w, b], 1.5)
out["clip"] = {"max_norm": 1.5, "w_grad": (torch.tensor(GRADS[0][0]) * 3).tolist(),
               "b_grad": (torch.tensor(GRADS[0][1]) * 3).tolist(), "norm": norm.item(),
               "w_clipped": w.grad.tolist(), "b_clipped": b.grad.tolist()}

path = os.path.join(HERE, "recipe_reference.json")
json.dump(out, open(path, "w"))
print("wrote", path, "with torch", torch.__version__)
