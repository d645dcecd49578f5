"""Writes python_written.safetensors with Python's safetensors (numpy API), for SafeTensorsTests:
our decoder must read what the reference writer writes. Run: ~/ref/bin/python make_safetensors_fixture.py"""
import numpy as np
from safetensors.numpy import save_file

tensors = {
    "net.0.weight": np.arange(12, dtype=np.float32).reshape(3, 4) / 8 - 0.5,
    "net.0.bias": np.array([1.5, -2.25, 3.0e-8], dtype=np.float32),
    "scalar": np.array(7.0, dtype=np.float32),
}
save_file(tensors, "python_written.safetensors", metadata={"epoch": "4", "note": "written by safetensors"})
