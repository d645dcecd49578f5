"""Layout at 1400 and 390 px wide (and dark mode): screenshots of every view for a person to look
at, and at phone size no sideways scroll, charts inside their cards, a header of at most two
lines and controls large enough to tap."""
import pytest
from playwright.sync_api import expect

from conftest import PHONE, WIDE, api, shot
from test_access import ready, views

NO_SIDEWAYS = "() => document.documentElement.scrollWidth <= window.innerWidth"
CHARTS_OUTSIDE = """() => [...document.querySelectorAll('canvas')].filter(c => {
  const card = c.closest('.card, figure') ; if (!card) return true;
  const a = c.getBoundingClientRect(), b = card.getBoundingClientRect();
  return a.width === 0 || a.left < b.left - 0.5 || a.right > b.right + 0.5;
}).map(c => c.getAttribute('aria-label'))"""
HEADER_LINES = """() => {
  const tops = [...document.querySelector('.topbar').children].map(n => n.getBoundingClientRect())
    .map(r => Math.round(r.top + r.height / 2));
  const lines = [];
  for (const t of tops.sort((a, b) => a - b)) if (!lines.length || t - lines[lines.length - 1] > 12) lines.push(t);
  const nav = document.querySelector('.topbar nav').getBoundingClientRect().height;
  const health = document.querySelector('#health');
  const oneLine = parseFloat(getComputedStyle(health).lineHeight) * 1.5;
  return { lines: lines.length, navOneRow: nav < 60, healthOneLine: health.getBoundingClientRect().height <= oneLine };
}"""
SMALL_TARGETS = """() => [...document.querySelectorAll('button, select, .button, nav a, input')].filter(n => {
  const r = n.getBoundingClientRect(); if (r.width === 0 || getComputedStyle(n).visibility === 'hidden') return false;
  const min = n.type === 'checkbox' ? 24 : n.type === 'range' ? 16 : 40;
  return r.height < min || r.width < Math.min(min, 24);
}).map(n => `${n.tagName.toLowerCase()} ${n.getAttribute('aria-label') || n.textContent.trim().slice(0, 30) || n.id}: ${Math.round(n.getBoundingClientRect().height)}px`)"""


@pytest.mark.parametrize("name", ["runs", "run", "compare", "submit"])
def test_layout_wide_screenshot(runs, open_page, name):
    page = open_page(views(runs)[name], size=WIDE)
    ready(page, name)
    assert page.evaluate(NO_SIDEWAYS)
    assert page.evaluate(CHARTS_OUTSIDE) == []
    shot(page, f"{name}-1400")


@pytest.mark.parametrize("name", ["runs", "run", "compare", "submit"])
def test_layout_phone_nothingCutOff(runs, open_page, name):
    page = open_page(views(runs)[name], size=PHONE)
    ready(page, name)
    assert page.evaluate(NO_SIDEWAYS), "the page scrolls sideways at 390 px"
    assert page.evaluate(CHARTS_OUTSIDE) == [], "a chart runs past its card"
    header = page.evaluate(HEADER_LINES)
    assert header == {"lines": 2, "navOneRow": True, "healthOneLine": True}, header
    assert page.evaluate(SMALL_TARGETS) == []
    shot(page, f"{name}-390")


def test_layout_phone_wideTablesScrollInsideTheirCard(runs, open_page):
    page = open_page("#/", size=PHONE)
    ready(page, "runs")
    wrap = page.locator(".table-wrap").first
    sizes = wrap.evaluate("w => [w.scrollWidth, w.clientWidth, getComputedStyle(w).overflowX]")
    assert sizes[0] > sizes[1] and sizes[2] == "auto"
    created = page.locator("main table thead th", has_text="Created")
    created.scroll_into_view_if_needed()
    expect(created).to_be_in_viewport()
    assert page.evaluate(NO_SIDEWAYS)


def test_layout_submitError_screenshots(open_page):
    for size, label in [(WIDE, "1400"), (PHONE, "390")]:
        page = open_page("#/submit", size=size)
        page.fill("#f-optimizer-lr", "-1")
        page.get_by_role("button", name="Submit run").click()
        expect(page.locator("[data-path='optimizer.lr'] .field-error")).to_be_visible()
        shot(page, f"submit-error-{label}")


@pytest.mark.parametrize("name", ["runs", "run"])
def test_layout_darkMode_followsTheSystem(runs, open_page, name):
    page = open_page(views(runs)[name], size=WIDE, dark=True)
    ready(page, name)
    background = page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(13, 17, 23)"
    if name == "run":
        chart_text = page.evaluate("() => Chart.defaults.color")
        assert chart_text == "#9da7b3"   # the dark theme's muted text, not the light one
        micro = page.locator(".roc-wrap canvas").evaluate(
            "c => Chart.getChart(c).data.datasets.find(d => d.label.startsWith('micro')).borderColor")
        assert micro == "#e6edf3"
    shot(page, f"{name}-1400-dark")


def test_layout_darkMode_switchLive_redrawsChartsInDarkColours(runs, open_page):
    page = open_page(f"#/runs/{runs['rich']}", size=WIDE)
    ready(page, "run")
    series = "() => Chart.getChart(document.querySelector('section:has(#curves-title) canvas'))?.data.datasets[0].borderColor"
    assert page.evaluate(series) == "#0072b2"
    page.emulate_media(color_scheme="dark")
    page.wait_for_function(f"() => ({series})() === '#56b4e9'")
    assert page.evaluate("() => Chart.defaults.color") == "#9da7b3"
    expect(page.locator("table.confusion")).to_be_visible()
