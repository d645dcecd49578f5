"""Sweeps: the list, the sweep view's configuration table (against the API's numbers), its sort,
the plots, the best runs' overlay and the runs list filtered by sweep, on a real finished sweep."""
from playwright.sync_api import expect

from conftest import api


def pct(x):
    return f"{x * 100:.2f}%"


def rows(page):
    return page.locator("section:has(#configs-title) table tbody tr")


def column(page, head):
    """The texts of one column of the configuration table, by its header's text."""
    heads = [h.strip(" ▲▼\n\t") for h in page.locator("section:has(#configs-title) table thead th").all_inner_texts()]
    i = heads.index(head) + 1
    return page.locator(f"section:has(#configs-title) table tbody tr td:nth-child({i})").all_inner_texts()


def chart(canvas, expr):
    return canvas.evaluate(f"c => {{ const ch = Chart.getChart(c); return {expr}; }}")


def test_sweeps_list_showsTheSweepAndItsBest(sweep, open_page):
    page = open_page("#/sweeps")
    row = page.locator("main table tbody tr", has=page.locator(f"a[href='#/sweeps/{sweep['id']}']").first)
    expect(row.locator(".badge")).to_have_text("finished")
    expect(row.locator(".progress-text")).to_have_text("8/8 runs")
    expect(row).to_contain_text("8 finished")
    best = sweep["best"]
    expect(row.get_by_role("link", name=f"Best run {best['run_id']}: {pct(best['objective'])}")).to_be_visible()
    expect(page.locator("nav a[data-route=sweeps]")).to_have_attribute("aria-current", "page")
    row.get_by_role("link", name="ui-sweep", exact=True).click()
    expect(page.locator("h1")).to_contain_text(f"Sweep #{sweep['id']} ui-sweep")


def test_sweepView_table_meansEqualTheApi(sweep, open_page):
    page = open_page(f"#/sweeps/{sweep['id']}")
    configs = sweep["configurations"]
    expect(rows(page)).to_have_count(len(configs))
    assert [r.get_attribute("data-key") for r in rows(page).all()] == [c["key"] for c in configs]   # best first
    assert column(page, "optimizer.lr") == [str(c["overrides"]["optimizer.lr"]) for c in configs]
    assert column(page, "model.activation") == [c["overrides"]["model.activation"] for c in configs]
    shown = [float(v) for v in page.locator("section:has(#configs-title) td.objective span").evaluate_all("ns => ns.map(n => n.dataset.mean)")]
    assert shown == [c["objective"]["mean"] for c in configs]
    texts = column(page, "validation accuracy (max)")
    assert texts == [f"{pct(c['objective']['mean'])} ± {pct(c['objective']['std'])}" for c in configs]
    assert column(page, "Test accuracy") == [f"{pct(c['test_accuracy']['mean'])} ± {pct(c['test_accuracy']['std'])}" for c in configs]
    assert column(page, "Seeds") == ["2"] * len(configs)
    summary = page.locator("section:has(#progress-title)")
    expect(summary.locator(".progress-text")).to_have_text("8/8 runs")
    expect(summary.get_by_role("link", name=f"#{sweep['best']['run_id']}")).to_be_visible()


def test_sweepView_sortByHeaders_ordersTheRows(sweep, open_page):
    page = open_page(f"#/sweeps/{sweep['id']}")
    expect(rows(page)).to_have_count(4)
    objective = page.locator("th button[data-sort=objective]")
    objective.click()
    expect(page.locator("th:has(button[data-sort=objective])")).to_have_attribute("aria-sort", "descending")
    means = lambda: [float(v) for v in page.locator("td.objective span").evaluate_all("ns => ns.map(n => n.dataset.mean)")]
    assert means() == sorted(means(), reverse=True)
    objective.click()
    expect(page.locator("th:has(button[data-sort=objective])")).to_have_attribute("aria-sort", "ascending")
    assert means() == sorted(means())
    expect(page.locator("th button[data-sort=objective]")).to_be_focused()   # the focus survives the redraw
    page.locator("th button[data-sort='param:optimizer.lr']").click()
    lrs = [float(v) for v in column(page, "optimizer.lr")]
    assert lrs == sorted(lrs)
    page.locator("th button[data-sort='param:model.activation']").click()
    assert column(page, "model.activation") == ["relu", "relu", "tanh", "tanh"]
    page.locator("th button[data-sort=rank]").click()
    assert column(page, "Rank") == ["1", "2", "3", "4"]


def test_sweepView_plots_haveAnAxisPerParameterAndALinePerConfiguration(sweep, open_page):
    page = open_page(f"#/sweeps/{sweep['id']}")
    figure = page.locator("figure.parcoords")
    expect(figure.locator(".pc-axis")).to_have_count(3)          # lr, activation, the objective
    expect(figure.locator("polyline.pc-line")).to_have_count(4)   # one per configuration
    assert figure.locator(".pc-label").evaluate_all("ns => ns.map(n => n.textContent)") == [
        f"{k} (log)" if k == "optimizer.lr" else k for k in sweep["configurations"][0]["overrides"]] + ["validation accuracy"]
    assert figure.locator("svg").get_attribute("aria-label").startswith("Parallel coordinates: 4 configurations")
    # The objective against each numeric parameter: only the learning rate here, on a log axis.
    boxes = page.locator(".sweep-plots figure.chart[data-param]")
    expect(boxes).to_have_count(1)
    assert boxes.first.get_attribute("data-param") == "optimizer.lr"
    canvas = boxes.first.locator("canvas")
    assert chart(canvas, "ch.options.scales.x.type") == "logarithmic"
    means = chart(canvas, "ch.data.datasets[0].data.map(d => [d.x, d.y])")
    assert sorted(means) == sorted([c["overrides"]["optimizer.lr"], c["objective"]["mean"]] for c in sweep["configurations"])
    assert chart(canvas, "ch.data.datasets[1].data.length") == 8   # min and max of each configuration


def test_sweepView_bestRuns_overlaysTheBestConfigurationsRuns(sweep, open_page):
    page = open_page(f"#/sweeps/{sweep['id']}")
    section = page.locator("section:has(#best-title)")
    expect(section.locator("h2")).to_have_text("Best runs: validation accuracy per epoch")
    expected = [i for c in sweep["configurations"] for i in c["run_ids"]][:6]
    canvas = section.locator("canvas")
    page.wait_for_function("c => Chart.getChart(c)?.data.datasets.length === 6", arg=canvas.element_handle())
    sets = chart(canvas, "ch.data.datasets.map(d => [d.label, d.data.map(p => p.y)])")
    assert [int(label.split()[0][1:]) for label, _ in sets] == expected
    for (label, ys), rid in zip(sets, expected):
        epochs = api("GET", f"/api/runs/{rid}/epochs")[1]["epochs"]
        assert ys == [e["validation_accuracy"] for e in epochs]
        assert "lr=" in label and "seed=" in label
    link = section.get_by_role("link", name="Compare these runs")
    expect(link).to_have_attribute("href", f"#/compare?ids={','.join(map(str, expected))}")


def test_sweepView_runsLink_filtersTheRunsList(sweep, open_page):
    page = open_page(f"#/sweeps/{sweep['id']}")
    page.get_by_role("link", name="Runs of this sweep").click()
    expect(page).to_have_url(f"{page.url.split('#')[0]}#/runs?sweep={sweep['id']}")
    table = page.locator("main table")
    expect(table.locator("tbody tr")).to_have_count(8)
    expect(page.locator(".notice-info")).to_contain_text(f"Only the runs of sweep #{sweep['id']}")
    heads = table.locator("thead th").all_inner_texts()
    i = heads.index("Sweep") + 1
    assert set(table.locator(f"tbody td:nth-child({i})").all_inner_texts()) == {f"#{sweep['id']}"}
    page.get_by_role("link", name="Show all runs").click()
    expect(page.locator(".notice-info")).to_have_count(0)


def test_runs_stoppedEarly_hasItsBadgeAndFilter(open_page):
    page = open_page("#/")
    expect(page.locator("#filter-status option[value=stopped_early]")).to_have_text("stopped early")
    # A sweep stops runs early only when they trail, so the badge is checked on its own.
    badge = page.evaluate("""() => import('/dom.js').then(m => { const b = m.badge('stopped_early');
      return [b.textContent, b.className, m.FINAL.has('stopped_early')]; })""")
    assert badge == ["stopped early", "badge badge-stopped_early", True]
