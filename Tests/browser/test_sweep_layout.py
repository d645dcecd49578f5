"""The sweep pages at 1400 and 390 px (light and dark): screenshots for a person to look at, no
sideways scroll on a phone, wide tables and the parallel coordinates scrolling inside their card,
large enough controls, and axe-core with no serious or critical violation."""
import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import PHONE, WIDE, shot, tiny_sweep_spec
from test_layout import CHARTS_OUTSIDE, NO_SIDEWAYS, SMALL_TARGETS

AXE = Axe()


def open_ready(open_page, sweep, name, size, dark=False):
    page = open_page("#/sweeps" if name == "sweeps" else f"#/sweeps/{sweep['id']}", size=size, dark=dark)
    if name == "sweeps":
        expect(page.locator("main table tbody tr").first).to_be_visible()
    else:
        expect(page.locator("figure.parcoords")).to_be_visible()
        page.wait_for_function("() => Chart.getChart(document.querySelector('section:has(#best-title) canvas'))")
    page.wait_for_timeout(300)
    return page


@pytest.mark.parametrize("name", ["sweeps", "sweep"])
@pytest.mark.parametrize("mode", ["light", "dark", "phone"])
def test_sweepLayout_axe_noSeriousOrCriticalViolations(sweep, open_page, name, mode):
    page = open_ready(open_page, sweep, name, PHONE if mode == "phone" else WIDE, dark=mode == "dark")
    violations = [v for v in AXE.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    report = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:5]]}" for v in violations)
    assert not violations, report


@pytest.mark.parametrize("name", ["sweeps", "sweep"])
def test_sweepLayout_wideAndDark_screenshots(sweep, open_page, name):
    for dark in (False, True):
        page = open_ready(open_page, sweep, name, WIDE, dark=dark)
        assert page.evaluate(NO_SIDEWAYS)
        assert page.evaluate(CHARTS_OUTSIDE) == []
        shot(page, f"{name}-1400{'-dark' if dark else ''}")


@pytest.mark.parametrize("name", ["sweeps", "sweep"])
def test_sweepLayout_phone_nothingCutOff(sweep, open_page, name):
    page = open_ready(open_page, sweep, name, PHONE)
    assert page.evaluate(NO_SIDEWAYS), "the page scrolls sideways at 390 px"
    assert page.evaluate(CHARTS_OUTSIDE) == [], "a chart runs past its card"
    assert page.evaluate(SMALL_TARGETS) == []
    if name == "sweep":
        for box in (page.locator("section:has(#configs-title) .table-wrap"), page.locator(".parcoords-scroll")):
            sizes = box.evaluate("w => [w.scrollWidth, w.clientWidth, getComputedStyle(w).overflowX]")
            assert sizes[0] > sizes[1] and sizes[2] == "auto", sizes
    shot(page, f"{name}-390")


def test_sweepLayout_badSweep_screenshots(open_page):
    text = json.dumps(tiny_sweep_spec("bad-shot", grid={"model.dropout": [0.1, 3]}), indent=2)
    for size, label in [(WIDE, "1400"), (PHONE, "390")]:
        page = open_page("#/sweeps", size=size)
        page.fill("#sweep-editor", text)
        page.get_by_role("button", name="Start sweep").click()
        expect(page.locator("#sweep-result .error-field")).to_be_visible()
        page.locator("#sweep-result").scroll_into_view_if_needed()
        shot(page, f"sweeps-error-{label}")
