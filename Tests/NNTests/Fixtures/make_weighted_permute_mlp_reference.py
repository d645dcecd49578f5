#!/usr/bin/env python3
"""Reference outputs for NNTests, from the PyTorch twins in ../../../../shared/bench/torch_reference.py.

    /tmp/ref/bin/python make_weighted_permute_mlp_reference.py > weighted_permute_mlp.json

Parameters are filled by formula (parameter k in `named_parameters()` order, element i:
0.5·sin(0.7·i + k)) and the input by cos(0.3·i), so the Swift test can rebuild them exactly.
"""
import json, math, os, sys

import torch

sys.path.insert(0, os.environ.get("MLPLAB_BENCH", "/work/shared/bench"))
from torch_reference import WeightedPermuteMLP  # noqa: E402

B, H, C = 2, 3, 6  # batch, grid side (= segments), channels (segment size 2)
m = WeightedPermuteMLP(C, H)
with torch.no_grad():
    for k, (_, p) in enumerate(m.named_parameters()):
        p.copy_(torch.tensor([0.5 * math.sin(0.7 * i + k) for i in range(p.numel())]).reshape(p.shape))
x = torch.tensor([math.cos(0.3 * i) for i in range(B * H * H * C)]).reshape(B, H, H, C)
y = m(x)
print(json.dumps({"batch": B, "grid": H, "dim": C, "parameters": [n for n, _ in m.named_parameters()],
                  "output_bhwc": [round(v, 7) for v in y.flatten().tolist()]}))
