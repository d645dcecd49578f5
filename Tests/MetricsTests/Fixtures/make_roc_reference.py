#!/usr/bin/env python3
"""Writes roc_reference.json: scikit-learn's ROC-AUCs on a small 3-class set with many ties.

    /tmp/ref/bin/python make_roc_reference.py     # needs numpy and scikit-learn; not part of CI
"""
import json, os
import numpy as np
from sklearn.metrics import roc_auc_score, roc_curve

rng = np.random.default_rng(0)
y = rng.integers(0, 3, size=60)
p = rng.dirichlet([1, 1, 1], size=60)
p = np.round(p, 1)                                # coarse scores: lots of ties
p[y == 0, 0] += 0.1                               # some signal
p = p.astype(np.float32).astype(np.float64)       # mlplab's probabilities are float32: tie as float32 does
onehot = np.eye(3)[y]
fpr0, tpr0, _ = roc_curve(onehot[:, 0], p[:, 0])
out = {"labels": y.tolist(), "scores": p.tolist(),
       "auc_per_class": [roc_auc_score(onehot[:, k], p[:, k]) for k in range(3)],
       "auc_macro": roc_auc_score(onehot, p, average="macro"),
       "auc_micro": roc_auc_score(onehot, p, average="micro"),
       "class0_fpr": fpr0.tolist(), "class0_tpr": tpr0.tolist()}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "roc_reference.json")
json.dump(out, open(path, "w"))
print("wrote", path)
