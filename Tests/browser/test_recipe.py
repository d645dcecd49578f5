"""A run with a training recipe: its learning-rate curve and its strip of augmented images."""
import pytest
from playwright.sync_api import expect

from conftest import api, submit, tiny_spec, wait_finished


@pytest.fixture(scope="module")
def recipe_run():
    rid = submit(tiny_spec("recipe-mlp", epochs=4, optimizer={"type": "adamw", "lr": 0.003},
                           schedule={"type": "cosine", "warmup_epochs": 1},
                           augment={"rotate": 15, "translate": 0.1, "scale": [0.9, 1.1]}, label_smoothing=0.1))
    wait_finished([rid])
    return rid


def test_recipe_learningRateCurve_plotsEachEpochsLastStep(recipe_run, open_page):
    rows = api("GET", f"/api/runs/{recipe_run}/epochs")[1]["epochs"]
    rates = [r["learning_rate"] for r in rows]
    # warm-up ends at epoch 1's last step; cosine decay after (min_lr 0 comes after the last step)
    assert rates[0] == pytest.approx(0.003, rel=1e-6) and rates[-1] < 0.1 * rates[0] and rates == sorted(rates, reverse=True)
    page = open_page(f"#/runs/{recipe_run}")
    canvas = page.locator("canvas[aria-label*='learning rate at the last step']").first
    expect(canvas).to_be_visible()
    drawn = canvas.evaluate("c => Chart.getChart(c).data.datasets[0].data.map(p => p.y ?? p)")
    assert drawn == pytest.approx(rates)


def test_recipe_augmentedStrip_drawsTheApisImages(recipe_run, open_page):
    status, body = api("GET", f"/api/runs/{recipe_run}/augmented")
    assert status == 200 and body["shape"] == [28, 28] and len(body["images"]) == 8 == len(body["labels"])
    assert api("GET", f"/api/runs/{recipe_run}/augmented")[1] == body          # seeded: the same images each call
    page = open_page(f"#/runs/{recipe_run}")
    figures = page.locator(".augmented-strip figure")
    expect(figures).to_have_count(8)
    assert figures.locator("figcaption").all_inner_texts() == [str(l) for l in body["labels"]]
    # The brightest pixel of the first image is drawn dark, a zero pixel white (3x zoom).
    pixels = body["images"][0]
    ink = max(range(784), key=lambda i: pixels[i])
    blank = next(i for i in range(784) if pixels[i] == 0)
    shade = page.locator(".augmented-strip canvas").first.evaluate(
        "(c, [a, b]) => [a, b].map(i => c.getContext('2d').getImageData((i % 28) * 3 + 1, Math.floor(i / 28) * 3 + 1, 1, 1).data[0])",
        [ink, blank])
    assert shade[0] < 64 and shade[1] == 255


def test_recipe_runWithoutAugment_hasNoStrip(runs, open_page):
    page = open_page(f"#/runs/{runs['rich']}")
    expect(page.locator("h1")).to_contain_text("rich-mlp")
    expect(page.locator("section:has(#curves-title)")).to_be_visible()
    expect(page.locator(".augmented-strip")).to_have_count(0)


def test_recipe_badAugmentCount_is400NamingCount(recipe_run):
    status, body = api("GET", f"/api/runs/{recipe_run}/augmented?count=0")
    assert status == 400 and body["error"]["field"] == "count"
