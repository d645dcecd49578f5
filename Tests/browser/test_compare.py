"""Compare: runs ticked in the list (by keyboard), overlaid curves and the table."""
from playwright.sync_api import expect

from conftest import tab_to


def test_compare_tickTwoRunsByKeyboard_opensTheComparison(runs, open_page):
    a, b = runs["tiny"][0], runs["mixers"][0]
    page = open_page("#/")
    for rid in (a, b):
        tab_to(page, f"input[aria-label='Select run {rid} for comparison']")
        page.keyboard.press("Space")
    compare = page.get_by_role("button", name="Compare 2 selected runs")
    expect(compare).to_be_enabled()
    tab_to(page, "button:has-text('Compare 2 selected runs')")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{page.url.split('#')[0]}#/compare?ids={a},{b}")
    expect(page.locator("h1")).to_have_text("Compare 2 runs")
    table = page.locator("main table").first   # the chosen runs (the spec diff is the second)
    expect(table.locator("tbody tr")).to_have_count(2)
    assert [t.split()[0] for t in table.locator("tbody tr td:first-child").all_inner_texts()] == [f"#{a}", f"#{b}"]
    for canvas in page.locator("section[aria-label='Curves'] .chart canvas").all():
        sets = canvas.evaluate("c => Chart.getChart(c).data.datasets.map(d => [d.label, d.data.length])")
        assert [s[0].split()[0] for s in sets] == [f"#{a}", f"#{b}"] and all(s[1] == 2 for s in sets)


def test_compare_removeOne_leavesTheOther(runs, open_page):
    a, b = runs["tiny"][1], runs["tiny"][2]
    page = open_page(f"#/compare?ids={a},{b}")
    expect(page.locator("main table").first.locator("tbody tr")).to_have_count(2)
    page.get_by_role("link", name=f"Remove run {a} from the comparison").click()
    expect(page.locator("h1")).to_have_text("Compare 1 run")
    expect(page.locator("main table").first.locator("tbody tr")).to_have_count(1)


def test_compare_noIds_explains(open_page):
    page = open_page("#/compare")
    expect(page.get_by_text("No runs chosen.")).to_be_visible()
