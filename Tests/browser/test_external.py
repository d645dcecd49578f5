"""Runs logged from outside through MLflow's API: in the runs list (source filter), on their
metrics page (any key per step) and in the compare view beside mlplab's own runs."""
import time

import pytest
from playwright.sync_api import expect

from conftest import api, shot

MLFLOW = "/api/2.0/mlflow"


@pytest.fixture(scope="module")
def external():
    """An external run as `mlflow` logs it: params, per-step loss, accuracy and ROC-AUC, a tag."""
    status, body = api("POST", f"{MLFLOW}/experiments/create", {"name": "browser-script"})
    assert status == 200, body
    status, body = api("POST", f"{MLFLOW}/runs/create", {"experiment_id": body["experiment_id"], "run_name": "ext-script",
                                                          "start_time": int(time.time() * 1000)})
    assert status == 200, body
    rid = body["run"]["info"]["run_id"]
    ts = int(time.time() * 1000)
    metrics = [{"key": k, "value": v, "timestamp": ts, "step": s} for s in range(1, 6)
               for k, v in (("loss", 1 / s), ("accuracy", 0.8 + s / 50), ("roc_auc", 0.95 + s / 200))]
    status, body = api("POST", f"{MLFLOW}/runs/log-batch", {"run_id": rid, "metrics": metrics,
                       "params": [{"key": "lr", "value": "0.01"}], "tags": [{"key": "notebook", "value": "pytorch_lab"}]})
    assert status == 200, body
    status, body = api("POST", f"{MLFLOW}/runs/update", {"run_id": rid, "status": "FINISHED", "end_time": ts})
    assert status == 200, body
    return int(rid)


def test_external_sourceFilter_listsOnlyLoggedRuns(runs, external, open_page):
    page = open_page("#/")
    page.select_option("#filter-source", "external")
    expect(page.locator("main table tbody tr")).to_have_count(1)
    expect(page.locator("main table tbody tr")).to_contain_text("ext-script")
    shot(page, "external-runs-list")
    page.get_by_role("link", name="ext-script").click()
    expect(page).to_have_url(f"{page.url.split('#')[0]}#/runs/{external}/metrics")


def test_external_metricsPage_plotsAnyKeyPerStep(external, open_page):
    page = open_page(f"#/runs/{external}/metrics")
    expect(page.locator("h1")).to_contain_text("ext-script")
    latest = page.locator("section[aria-labelledby='latest-title'] table tbody tr")
    expect(latest).to_have_count(3)
    expect(page.locator("section[aria-labelledby='params-title']")).to_contain_text("lr")
    page.select_option("#metric-key", "roc_auc")
    canvas = page.locator(".chart canvas").first
    page.wait_for_function("() => { const c = Chart.getChart(document.querySelector('.chart canvas'));"
                           " return c && c.data.datasets[0].label === 'roc_auc' && c.data.datasets[0].data.length === 5; }")
    assert canvas.evaluate("c => Chart.getChart(c).data.datasets[0].data.map(p => p.x)") == [1, 2, 3, 4, 5]
    shot(page, "external-metrics")


def test_external_compareWithOwnRun_overlaysAMetric(runs, external, open_page):
    own = runs["tiny"][3]
    page = open_page(f"#/compare?ids={own},{external}")
    expect(page.locator("section[aria-label='Chosen runs'] table tbody tr")).to_have_count(2)
    page.select_option("#compare-key", "loss")
    page.wait_for_function("() => { const c = Chart.getChart(document.querySelector(\"section[aria-label='Any metric'] canvas\"));"
                           " return c && c.data.datasets.length === 2 && c.data.datasets[1].data.length === 5; }")
    shot(page, "external-compare")
