"""The run view's drawing pad: a digit drawn with scripted mouse moves on a trained seed-mlp run
(specs/seed-mlp.json on real MNIST) is sent as a PNG to POST /api/runs/{id}/predict, and the
ten probabilities are drawn as bars as it is drawn."""
import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import SHOTS, api, submit, wait_finished

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed_mlp():
    spec = json.loads((ROOT / "specs" / "seed-mlp.json").read_text())
    spec["epochs"] = 2                          # a test's budget; the full run reaches the same shape sooner or later
    rid = submit(spec)
    wait_finished([rid], timeout=600)
    return rid


def stroke(page, canvas, points, steps=30):
    """Mouse down at the first point, through the others in small moves, up at the last (canvas pixels)."""
    box = canvas.bounding_box()
    at = lambda p: (box["x"] + p[0] * box["width"] / 280, box["y"] + p[1] * box["height"] / 280)
    page.mouse.move(*at(points[0]))
    page.mouse.down()
    for a, b in zip(points, points[1:]):
        for s in range(1, steps + 1):
            t = s / steps
            page.mouse.move(*at((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))))
    page.mouse.up()


def test_drawPad_aDrawnSeven_isASeven(seed_mlp, open_page):
    page = open_page(f"#/runs/{seed_mlp}")
    canvas = page.locator("#draw-canvas")
    expect(canvas).to_be_visible()
    assert canvas.evaluate("c => [c.width, c.height]") == [280, 280]
    canvas.scroll_into_view_if_needed()
    requests = []
    page.on("request", lambda r: requests.append(r) if r.url.endswith("/predict") or "/predict?" in r.url else None)
    started = time.monotonic()
    stroke(page, canvas, [(70, 65), (215, 65), (125, 245)])
    drawn = time.monotonic() - started
    expect(page.locator("#draw-top")).to_have_text("7")
    expect(page.locator(".prob-row.top")).to_have_attribute("data-class", "7")
    # Bars for all ten classes, summing to about 100%.
    values = page.locator(".prob-row .prob-value").all_text_contents()
    assert len(values) == 10 and abs(sum(float(v.rstrip("%")) for v in values) - 100) < 0.6
    # Sent as PNGs while drawing, throttled: one in flight and one per 120 ms at most (plus the last one
    # after the pen lifts), however fast the 60 mouse moves come.
    assert requests and all(r.headers.get("content-type") == "image/png" for r in requests)
    assert 1 <= len(requests) <= drawn / 0.12 + 2, (len(requests), drawn)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)
    page.locator("#draw").screenshot(path=str(SHOTS / "draw-seven.png"))
    # Clear empties the pad and the bars.
    page.click("#draw-clear")
    expect(page.locator("#draw-verdict")).to_have_text("Draw a digit.")
    assert page.errors == []
