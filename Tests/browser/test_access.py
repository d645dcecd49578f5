"""Accessibility: axe-core (axe-playwright-python) on every view, light and dark, wide and phone;
keyboard use of the skip link and the navigation."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import PHONE, WIDE, tab_to

AXE = Axe()


def views(runs):
    return {"runs": "#/", "run": f"#/runs/{runs['rich']}", "compare": f"#/compare?ids={runs['tiny'][0]},{runs['mixers'][0]}",
            "submit": "#/submit"}


def ready(page, name):
    """Waits for the view's content, so axe sees the finished page."""
    what = {"runs": "main table", "run": "table.confusion", "compare": "main table >> nth=0", "submit": "#spec-editor"}[name]
    expect(page.locator(what)).to_be_visible()
    page.wait_for_timeout(300)


@pytest.mark.parametrize("name", ["runs", "run", "compare", "submit"])
@pytest.mark.parametrize("mode", ["light", "dark", "phone"])
def test_axe_view_noSeriousOrCriticalViolations(runs, open_page, name, mode):
    page = open_page(views(runs)[name], size=PHONE if mode == "phone" else WIDE, dark=mode == "dark")
    ready(page, name)
    violations = [v for v in AXE.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    report = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:5]]}" for v in violations)
    assert not violations, report


def test_keyboard_skipLinkAndNavigation_reachEveryView(runs, open_page):
    page = open_page("#/")
    ready(page, "runs")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    for label, heading in [("New run", "New run"), ("Compare", "Compare runs"), ("Runs", "Runs")]:
        tab_to(page, f"nav[aria-label=Main] a:has-text('{label}')")
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text(heading)
    tab_to(page, f"a[href='#/runs/{runs['rich']}']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("rich-mlp")
    # The ROC epoch picker by keyboard.
    tab_to(page, "#eval-epoch")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator(".roc-wrap figcaption")).to_have_text("ROC curves, epoch 2")
