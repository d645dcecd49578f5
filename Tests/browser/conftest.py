"""Fixtures of the dashboard's browser tests.

scripts/browser-test starts `mlplab serve` on a free loopback port with a temporary database and
passes its URL in MLPLAB_URL. The session fixture `runs` trains small real runs through the API
(a few hundred MNIST images each) before the first test; the tests then drive Debian's chromium
through Playwright and assert on what the pages show. Screenshots go to MLPLAB_SCREENSHOTS.
"""
import json
import os
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

BASE = os.environ.get("MLPLAB_URL", "http://127.0.0.1:8080").rstrip("/")
SHOTS = Path(os.environ.get("MLPLAB_SCREENSHOTS", ".screenshots"))
CHROMIUM = os.environ.get("MLPLAB_CHROMIUM", "/usr/bin/chromium")
WIDE = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


# MARK: - The API, for setting up and checking

def api(method, path, body=None):
    """(status, decoded JSON or None) of one request to the service."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(BASE + path, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            text = res.read()
            return res.status, json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        text = e.read()
        return e.code, json.loads(text) if text else None


def tiny_spec(name, **overrides):
    """A real MNIST run that trains in well under a second."""
    spec = {"name": name, "dataset": "mnist", "model": {"type": "mlp", "hidden": [32], "activation": "relu"},
            "optimizer": {"type": "sgd", "lr": 0.05, "momentum": 0.9}, "loss": "cross_entropy",
            "epochs": 2, "batch_size": 50, "seed": 1, "train_samples": 500, "test_samples": 200}
    spec.update(overrides)
    return spec


def submit(spec):
    status, run = api("POST", "/api/runs", spec)
    assert status == 201, run
    return run["id"]


def wait_finished(ids, timeout=180):
    deadline = time.time() + timeout
    pending = set(ids)
    while pending and time.time() < deadline:
        for i in list(pending):
            status, run = api("GET", f"/api/runs/{i}")
            assert run["status"] not in ("failed", "cancelled"), run
            if run["status"] == "finished":
                pending.discard(i)
        time.sleep(0.2)
    assert not pending, f"runs still not finished after {timeout} s: {sorted(pending)}"


@pytest.fixture(scope="session")
def runs():
    """The runs every test can rely on: 27 tiny MLPs all named "tiny" (the name filter is exact),
    3 tiny mixers, a 3-epoch run for the run view."""
    tiny = [submit(tiny_spec("tiny", seed=i, optimizer={"type": "sgd", "lr": 0.01 + 0.01 * (i % 5)}))
            for i in range(27)]
    mixers = [submit(tiny_spec(f"mixer-{i}", model={"type": "mixer", "patch": 7, "dim": 16, "depth": 1},
                               optimizer={"type": "adam", "lr": 0.003})) for i in range(3)]
    rich = submit(tiny_spec("rich-mlp", model={"type": "mlp", "hidden": [64, 32], "activation": "relu", "dropout": 0.1},
                            epochs=3, train_samples=2000, test_samples=1000))
    wait_finished(tiny + mixers + [rich])
    return {"tiny": tiny, "mixers": mixers, "rich": rich}


# MARK: - The browser

@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def open_page(browser):
    """open_page(hash, size=WIDE, dark=False) -> a page at BASE/#hash, with console errors collected."""
    contexts = []

    def opener(hash_="#/", size=WIDE, dark=False):
        context = browser.new_context(viewport=size, color_scheme="dark" if dark else "light", reduced_motion="reduce")
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("dialog", lambda d: d.accept())
        page.goto(f"{BASE}/{hash_}")
        return page

    yield opener
    for c in contexts:
        c.close()


def shot(page, name):
    """Saves a full-page screenshot for a person to look at (not compared by machine)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(500)   # charts draw without animation under reduced motion; let them settle
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def tab_to(page, selector, limit=250):
    """Presses Tab until the element matching selector has focus (keyboard-only use)."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("n => n === document.activeElement"):
            return
    raise AssertionError(f"{selector} never got the focus by Tab")


# MARK: - A real sweep

def tiny_sweep_spec(name, **overrides):
    """A sweep of 4 configurations (learning rate x activation) x 2 seeds of tiny MNIST runs."""
    spec = {"name": name,
            "base": {"dataset": "mnist", "model": {"type": "mlp", "hidden": [32], "activation": "relu"},
                     "optimizer": {"type": "sgd", "lr": 0.05, "momentum": 0.9}, "epochs": 2, "batch_size": 50,
                     "train_samples": 2000, "validation": 500, "test_samples": 200},
            "grid": {"optimizer.lr": [0.1, 0.003], "model.activation": ["relu", "tanh"]},
            "seeds": [1, 2], "objective": {"metric": "validation_accuracy", "goal": "max"}}
    spec.update(overrides)
    return spec


def wait_sweep(sweep_id, timeout=180):
    """The sweep (GET /api/sweeps/ID) once it is no longer queued or running."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        status, sweep = api("GET", f"/api/sweeps/{sweep_id}")
        assert status == 200, sweep
        if sweep["status"] not in ("queued", "running"):
            return sweep
        time.sleep(0.2)
    raise AssertionError(f"sweep {sweep_id} still running after {timeout} s")


@pytest.fixture(scope="session")
def sweep():
    """A finished sweep of 8 tiny runs, as GET /api/sweeps/ID tells it."""
    status, created = api("POST", "/api/sweeps", tiny_sweep_spec("ui-sweep"))
    assert status == 201, created
    done = wait_sweep(created["id"])
    assert done["status"] == "finished" and done["counts"]["finished"] == 8, done
    return done
