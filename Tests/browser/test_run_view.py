"""One run: summary, curves, the ROC epoch picker and curve toggles, the confusion matrix, layers."""
import re

from playwright.sync_api import expect

from conftest import api, tab_to


def summary(page, term):
    return page.locator(".summary div", has=page.locator("dt", has_text=re.compile(f"^{term}$"))).locator("dd")


def datasets(page, canvas):
    """[(label, number of points, visible)] of the Chart.js chart drawn on a canvas."""
    return page.locator(canvas).first.evaluate(
        "c => { const ch = Chart.getChart(c); return ch.data.datasets.map((d, i) => [d.label, d.data.length, ch.isDatasetVisible(i)]); }")


def test_run_summaryAndCurves_showTheRun(runs, open_page):
    rid = runs["rich"]
    run = api("GET", f"/api/runs/{rid}")[1]
    page = open_page(f"#/runs/{rid}")
    expect(page.locator("h1")).to_contain_text("rich-mlp")
    expect(page.locator("h1 .badge")).to_have_text("finished")
    expect(summary(page, "Epochs")).to_have_text("3 / 3")
    expect(summary(page, "Parameters")).to_have_text(f"{run['parameters']:,}")
    expect(summary(page, "Engine")).to_have_text(re.compile(r"^cpu/"))     # the engine the run trained on
    # Durations to the millisecond (wall_seconds when the server sends it, else from the timestamps).
    expect(summary(page, "Wall time")).to_have_text(re.compile(r"^\d+\.\d{3} s$"))
    expect(summary(page, "Training time")).to_have_text(re.compile(r"^\d+\.\d{3} s$"))
    if isinstance(run.get("wall_seconds"), (int, float)):
        expect(summary(page, "Wall time")).to_have_text(f"{run['wall_seconds']:.3f} s")
    expect(page.locator("#epochs-title ~ * table tbody tr, section:has(#epochs-title) table tbody tr")).to_have_count(3)
    loss = datasets(page, "section:has(#curves-title) canvas")
    # A run without a validation split: its (empty) validation series stays out of the legend.
    drawn = [d for d in loss if d[1]]
    assert [d[0] for d in drawn] == ["train loss", "test loss"] and all(d[1] == 3 for d in drawn)


def test_run_rocEpochPicker_switchesRocAndConfusionToThatEpoch(runs, open_page):
    rid = runs["rich"]
    page = open_page(f"#/runs/{rid}")
    roc_caption = page.locator(".roc-wrap figcaption")
    expect(roc_caption).to_have_text("ROC curves, epoch 3")
    expect(page.locator("table.confusion caption")).to_contain_text("epoch 3")
    page.select_option("#eval-epoch", "1")
    expect(roc_caption).to_have_text("ROC curves, epoch 1")
    expect(page.locator("table.confusion caption")).to_contain_text("epoch 1")
    # The matrix counts every test image once: 1000 images, rows are the true classes 0-9.
    cells = page.locator("table.confusion tbody tr").evaluate_all(
        "trs => trs.map(tr => [...tr.querySelectorAll('td:not(.recall)')].map(td => Number(td.textContent)))")
    assert len(cells) == 10 and all(len(r) == 10 for r in cells)
    assert sum(map(sum, cells)) == 1000
    api_matrix = api("GET", f"/api/runs/{rid}/confusion?epoch=1")[1]["matrix"]
    assert cells == api_matrix
    page.select_option("#eval-epoch", "")
    expect(roc_caption).to_have_text("ROC curves, epoch 3")


def test_run_rocCurves_twelveTogglesHideAndShowEachCurve(runs, open_page):
    page = open_page(f"#/runs/{runs['rich']}")
    boxes = page.locator(".curve-toggles input[type=checkbox]")
    expect(boxes).to_have_count(12)
    curves = datasets(page, ".roc-wrap canvas")
    assert len(curves) == 13 and all(d[2] for d in curves[:12])   # 10 classes, micro, macro (+ chance)
    # Twelve distinct (colour, dash) pairs.
    styles = page.locator(".roc-wrap canvas").evaluate(
        "c => Chart.getChart(c).data.datasets.slice(0, 12).map(d => d.borderColor + String(d.borderDash))")
    assert len(set(styles)) == 12
    # By keyboard: focus class 3's checkbox and press Space.
    tab_to(page, ".curve-toggles input[data-curve='3']")
    page.keyboard.press("Space")
    expect(boxes.nth(3)).not_to_be_checked()
    assert datasets(page, ".roc-wrap canvas")[3][2] is False
    page.get_by_role("button", name="Hide all").click()
    assert not any(d[2] for d in datasets(page, ".roc-wrap canvas")[:12])
    page.get_by_role("button", name="Show all").click()
    assert all(d[2] for d in datasets(page, ".roc-wrap canvas")[:12])


def test_run_layers_tableMatchesTheApi(runs, open_page):
    rid = runs["rich"]
    run = api("GET", f"/api/runs/{rid}")[1]
    page = open_page(f"#/runs/{rid}")
    table = page.locator("section:has(#layers-title) table")
    expect(table.locator("caption")).to_have_text(f"{len(run['layers'])} layers, {run['parameters']:,} parameters")
    expect(table.locator("tbody tr")).to_have_count(len(run["layers"]))
    assert table.locator("tbody tr td:nth-child(2)").all_inner_texts() == [l["layer"] for l in run["layers"]]


def test_run_missing_saysSo(open_page):
    page = open_page("#/runs/999999")
    expect(page.get_by_role("alert")).to_contain_text("There is no run #999999")
