"""Sweep runs elsewhere in the dashboard: the compare view's spec diff and metric pickers, the run
view's validation metrics and learning-rate curve, and starting a sweep from the editor."""
import json
import re

from playwright.sync_api import expect

from conftest import api, tiny_sweep_spec, wait_sweep


def flatten(value, prefix=""):
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else k))
        return out
    return {prefix: value}


def run_of(sweep, lr, activation, seed):
    runs = api("GET", f"/api/runs?sweep={sweep['id']}&limit=100")[1]["runs"]
    return next(r for r in runs if r["overrides"] == {"optimizer.lr": lr, "model.activation": activation, "seed": seed}
                or r["overrides"] == {"model.activation": activation, "optimizer.lr": lr, "seed": seed})


def test_compare_specDiff_listsOnlyTheFieldsThatDiffer(sweep, open_page):
    a, b = run_of(sweep, 0.1, "relu", 1), run_of(sweep, 0.003, "relu", 2)
    page = open_page(f"#/compare?ids={a['id']},{b['id']}")
    diff = page.locator("section:has(#diff-title) table")
    fa, fb = flatten(a["spec"]), flatten(b["spec"])
    expected = sorted(p for p in set(fa) | set(fb) if p != "name" and fa.get(p) != fb.get(p))
    assert expected == ["optimizer.lr", "seed"]
    expect(diff.locator("tbody tr")).to_have_count(len(expected))
    assert [r.get_attribute("data-path") for r in diff.locator("tbody tr").all()] == expected
    assert diff.locator("tbody tr[data-path=seed] td").all_inner_texts() == ["seed", "1", "2"]
    same = len([p for p in set(fa) | set(fb) if p != "name"]) - len(expected)
    expect(diff.locator("caption")).to_have_text(f"2 fields differ; {same} are the same in every run (names aside)")
    # One run alone: nothing to diff.
    page.get_by_role("link", name=f"Remove run {a['id']} from the comparison").click()
    expect(page.locator("section:has(#diff-title)")).to_contain_text("Choose two or more runs")


def test_compare_metricPicker_overlaysAnyStoredMetric(sweep, open_page):
    a, b = run_of(sweep, 0.1, "tanh", 1), run_of(sweep, 0.003, "tanh", 1)
    page = open_page(f"#/compare?ids={a['id']},{b['id']}")
    picker = page.locator("#compare-metric-1")
    expect(picker.locator("option[value=validation_accuracy]")).to_have_count(1)
    assert picker.input_value() == "test_accuracy"
    picker.select_option("validation_loss")
    figure = page.locator("figure[data-metric=validation_loss]")
    expect(figure.locator("figcaption")).to_have_text("Validation loss per epoch")
    sets = figure.locator("canvas").evaluate("c => Chart.getChart(c).data.datasets.map(d => d.data.map(p => p.y))")
    for run, ys in zip((a, b), sets):
        assert ys == [e["validation_loss"] for e in api("GET", f"/api/runs/{run['id']}/epochs")[1]["epochs"]]
    page.locator("#compare-metric-2").select_option("learning_rate")
    lr = page.locator("figure[data-metric=learning_rate] canvas").evaluate("c => Chart.getChart(c).data.datasets.map(d => d.data[0].y)")
    assert [round(v, 6) for v in lr] == [0.1, 0.003]
    page.locator("#compare-metric-1").select_option("test_accuracy")   # leave the pickers as found
    page.locator("#compare-metric-2").select_option("test_loss")


def test_runView_sweepRun_showsValidationAndLearningRate(sweep, open_page):
    run = run_of(sweep, 0.1, "relu", 1)
    page = open_page(f"#/runs/{run['id']}")
    epochs = page.locator("section:has(#epochs-title) table")
    expect(epochs.locator("tbody tr")).to_have_count(2)
    heads = epochs.locator("thead th").all_inner_texts()
    assert {"Val. loss", "Val. acc.", "Val. AUC macro", "Learning rate"} <= set(heads)
    rows = api("GET", f"/api/runs/{run['id']}/epochs")[1]["epochs"]
    i = heads.index("Val. acc.") + 1
    assert epochs.locator(f"tbody td:nth-child({i})").all_inner_texts() == [f"{r['validation_accuracy'] * 100:.2f}%" for r in rows]
    curves = page.locator("section:has(#curves-title) canvas")
    expect(curves).to_have_count(3)
    expect(page.locator("figure:has-text('Learning rate per epoch')")).to_be_visible()
    val = curves.first.evaluate("c => Chart.getChart(c).data.datasets[2]")
    assert val["label"] == "validation loss" and [p["y"] for p in val["data"]] == [r["validation_loss"] for r in rows]
    summary = page.locator("section:has(#sum-title)")
    expect(summary.get_by_role("link", name=f"#{sweep['id']}")).to_be_visible()
    expect(summary).to_contain_text("500 images")


def test_runView_runWithoutValidation_leavesItOutOfTableAndLegend(runs, open_page):
    page = open_page(f"#/runs/{runs['rich']}")
    expect(page.locator("section:has(#epochs-title) table tbody tr")).to_have_count(3)
    heads = page.locator("section:has(#epochs-title) table thead th").all_inner_texts()
    assert "Val. acc." not in heads
    legend = page.locator("section:has(#curves-title) canvas").first.evaluate(
        "c => Chart.getChart(c).legend.legendItems.map(i => i.text)")
    assert legend == ["train loss", "test loss"]


def test_sweeps_editor_startsASweepThatRunsLive(open_page):
    page = open_page("#/sweeps")
    page.get_by_role("button", name="Random: log-uniform learning rate").click()
    spec = json.loads(page.locator("#sweep-editor").input_value())
    assert spec["random"]["params"]["optimizer.lr"] == {"log_uniform": [1e-4, 0.3]}
    spec = tiny_sweep_spec("from-editor", grid={"optimizer.lr": [0.05, 0.01]}, seeds=[3], early_stopping={"rule": "median", "min_epochs": 1})
    page.fill("#sweep-editor", json.dumps(spec, indent=2))
    page.locator("#sweep-editor").press("Control+Enter")
    page.wait_for_url(re.compile(r"#/sweeps/\d+$"))
    sweep_id = int(page.url.rsplit("/", 1)[1])
    expect(page.locator("h1")).to_contain_text("from-editor")
    done = wait_sweep(sweep_id)
    expect(page.locator("h1 .badge")).to_have_text(done["status"], timeout=10_000)   # the page follows it live
    expect(page.locator("section:has(#progress-title) .progress-text")).to_have_text("2/2 runs")
    expect(page.locator("section:has(#configs-title) table tbody tr")).to_have_count(2)


def test_sweeps_editor_badSweep_marksItsField(open_page):
    before = len(api("GET", "/api/sweeps")[1]["sweeps"])
    page = open_page("#/sweeps")
    spec = tiny_sweep_spec("bad-sweep", grid={"model.dropout": [0.1, 3]})
    text = json.dumps(spec, indent=2)
    page.fill("#sweep-editor", text)
    page.get_by_role("button", name="Start sweep").click()
    result = page.locator("#sweep-result")
    expect(result.locator(".error-field")).to_have_text("Field grid.model.dropout[1]")
    expect(result).to_contain_text("The server rejected the sweep")
    line = next(i + 1 for i, s in enumerate(text.split("\n")) if s.strip() == "3")
    expect(page.locator("section:has(#new-sweep-title) .gutter-inner .marked")).to_have_text(str(line))
    expect(result).to_contain_text(f"Line {line} (marked in the editor).")
    expect(page.locator("#sweep-editor")).to_have_attribute("aria-invalid", "true")
    assert len(api("GET", "/api/sweeps")[1]["sweeps"]) == before
    page.locator("#sweep-editor").press("End")
    page.keyboard.type(" ")
    expect(page.locator("section:has(#new-sweep-title) .gutter-inner .marked")).to_have_count(0)
