"""Fixtures of the MLflow-client tests.

scripts/mlflow-test starts `mlplab serve` on a free loopback port with a temporary database and
passes its URL in MLPLAB_URL; these tests point MLflow's own Python client (mlflow-skinny) at it,
exactly as a user's script would with MLFLOW_TRACKING_URI.
"""
import json
import os
import time
import urllib.error
import urllib.request

import mlflow
import pytest

BASE = os.environ.get("MLPLAB_URL", "http://127.0.0.1:8080").rstrip("/")


def api(method, path, body=None, raw=None):
    """(status, decoded JSON or None) of one request to the service."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(BASE + path, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            text = res.read()
            return res.status, json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        text = e.read()
        return e.code, json.loads(text) if text else None


@pytest.fixture(scope="session", autouse=True)
def tracking():
    mlflow.set_tracking_uri(BASE)
    yield BASE


@pytest.fixture(scope="session")
def mlplab_run():
    """One small run trained by mlplab itself (2 epochs, 500 MNIST images), finished."""
    spec = {"name": "own-mlp", "dataset": "mnist", "model": {"type": "mlp", "hidden": [32]},
            "optimizer": {"type": "sgd", "lr": 0.05, "momentum": 0.9}, "epochs": 2, "batch_size": 50,
            "seed": 1, "train_samples": 500, "test_samples": 200}
    status, run = api("POST", "/api/runs", spec)
    assert status == 201, run
    deadline = time.time() + 120
    while time.time() < deadline:
        _, run = api("GET", f"/api/runs/{run['id']}")
        if run["status"] in ("finished", "failed", "cancelled"):
            break
        time.sleep(0.2)
    assert run["status"] == "finished", run
    return run
