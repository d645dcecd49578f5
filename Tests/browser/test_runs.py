"""The runs list: filters, sort, paging, and a running run's progress moving live."""
import re

from playwright.sync_api import expect

from conftest import api, submit, tiny_spec


def rows(page):
    return page.locator("main table tbody tr")


def only_tiny(page):
    """Waits until the name filter "tiny" has been applied (it waits 300 ms after typing)."""
    expect(page.locator("main table tbody tr:not(:has-text('tiny'))")).to_have_count(0)


def column(page, head):
    """The texts of one column of the runs table, by its header."""
    heads = page.locator("main table thead th").all_inner_texts()
    i = heads.index(head) + 1
    return page.locator(f"main table tbody tr td:nth-child({i})").all_inner_texts()


def test_runs_nameFilterAndPaging_pagesOf25(runs, open_page):
    page = open_page("#/")
    page.select_option("#filter-limit", "25")
    page.fill("#filter-name", "tiny")
    only_tiny(page)
    expect(page.locator("main table caption")).to_have_text("25 runs on page 1")
    assert set(column(page, "Name")) == {"tiny"}
    page.get_by_role("button", name="Next page →").click()
    expect(page.locator("main table caption")).to_have_text("2 runs on page 2")
    expect(page.get_by_text("page 2", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Next page →")).to_be_disabled()
    page.get_by_role("button", name="← Previous page").click()
    expect(page.locator("main table caption")).to_have_text("25 runs on page 1")
    page.fill("#filter-name", "")


def test_runs_modelAndStatusFilters_showOnlyMatches(runs, open_page):
    page = open_page("#/")
    page.select_option("#filter-model", "mixer")
    expect(rows(page)).to_have_count(3)
    assert set(column(page, "Model")) == {"mixer"}
    page.select_option("#filter-status", "failed")
    expect(page.get_by_text("No runs match these filters.")).to_be_visible()
    page.select_option("#filter-status", "finished")
    expect(rows(page)).to_have_count(3)
    assert set(column(page, "Status")) == {"finished"}
    page.select_option("#filter-model", "")
    page.select_option("#filter-status", "")


def test_runs_sortByTestAccuracy_isDescending(runs, open_page):
    page = open_page("#/")
    page.select_option("#filter-sort", "-test_accuracy")
    page.fill("#filter-name", "tiny")
    only_tiny(page)
    expect(page.locator("main table caption")).to_have_text("27 runs on page 1")
    values = [float(v.rstrip("%")) for v in column(page, "Test acc.")]
    assert len(values) >= 25 and values == sorted(values, reverse=True)
    page.select_option("#filter-sort", "test_accuracy")
    page.wait_for_timeout(500)
    values = [float(v.rstrip("%")) for v in column(page, "Test acc.")]
    assert values == sorted(values)
    page.select_option("#filter-sort", "-created")
    page.fill("#filter-name", "")


def test_runs_runningRun_progressMovesLiveThenCancels(runs, open_page):
    live = submit(tiny_spec("live-run", model={"type": "mlp", "hidden": [100, 80], "activation": "relu"},
                            epochs=300, train_samples=60000, test_samples=2000, batch_size=32))
    page = open_page("#/")
    row = page.locator("main table tbody tr", has=page.get_by_role("link", name="live-run"))
    expect(row.locator(".badge")).to_have_text("running", timeout=30_000)
    # The table is redrawn on each refresh, so look the bar up afresh each time.
    above = """([id, min]) => {
      const bar = document.querySelector(`a[href='#/runs/${id}']`)?.closest('tr')?.querySelector('progress');
      return bar && Number(bar.value) > min ? Number(bar.value) : false;
    }"""
    first = page.wait_for_function(above, arg=[live, 0], timeout=30_000).json_value()
    second = page.wait_for_function(above, arg=[live, first], timeout=30_000).json_value()
    assert 0 < first < second < 1
    text = row.locator(".progress-text").inner_text()
    assert re.fullmatch(r"\d+/300 ep", text), text
    # The run's own page follows the same run through its event stream.
    run_page = open_page(f"#/runs/{live}")
    expect(run_page.locator("h1 .badge")).to_have_text("running")
    bars = run_page.locator(".live-progress progress")
    expect(bars).to_have_count(2)
    epochs = run_page.locator("section:has(#epochs-title) table tbody tr")
    expect(epochs.first).to_be_visible(timeout=30_000)
    done = epochs.count()
    # More rows arrive live (several may land between two looks: epochs take a fraction of a second).
    run_page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length > n",
                               arg=["section:has(#epochs-title) table tbody tr", done], timeout=30_000)
    row.get_by_role("button", name=f"Cancel run {live}").click()
    expect(row.locator(".badge")).to_have_text("cancelled", timeout=30_000)
    assert api("GET", f"/api/runs/{live}")[1]["status"] == "cancelled"
