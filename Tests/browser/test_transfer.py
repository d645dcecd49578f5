"""Transfer: bytes over the wire of a first load (empty cache) of the dashboard and of a run page,
gzip and revalidation (ETag -> 304). The numbers are written to transfer.txt beside the screenshots."""
import urllib.error
import urllib.request

from conftest import BASE, SHOTS, WIDE

BUDGET = 100_000   # the limit for a first load of the dashboard; the run page is reported


def first_load(browser, hash_):
    """(bytes, [(url, bytes, content-encoding)]) of everything a fresh browser fetches to show BASE/hash_."""
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r))
    page.goto(f"{BASE}/{hash_}", wait_until="networkidle")
    rows = []
    for r in responses:
        if r.url.endswith("/events"):
            continue
        sizes = r.request.sizes()
        rows.append((r.url.replace(BASE, ""), sizes["responseHeadersSize"] + sizes["responseBodySize"],
                     r.headers.get("content-encoding", "")))
    context.close()
    return sum(n for _, n, _ in rows), rows


def test_transfer_firstLoads_underBudgetAndGzipped(runs, browser):
    lines = []
    for label, hash_ in [("dashboard (runs list)", "#/"), ("run page", f"#/runs/{runs['rich']}")]:
        total, rows = first_load(browser, hash_)
        lines.append(f"{label}: {total} bytes over the wire in {len(rows)} responses")
        lines += [f"  {n:>7}  {enc or 'identity':8}  {url}" for url, n, enc in rows]
        if label.startswith("dashboard"):
            assert total <= BUDGET, "\n".join(lines)
        chart = [r for r in rows if r[0].endswith("chart.min.js")]
        assert chart and chart[0][2] == "gzip"
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "transfer.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def test_transfer_staticFile_revalidatesWith304():
    first = urllib.request.urlopen(urllib.request.Request(f"{BASE}/app.js", headers={"Accept-Encoding": "gzip"}))
    tag = first.headers["ETag"]
    assert first.headers["Content-Encoding"] == "gzip" and first.headers["Cache-Control"] == "no-cache" and tag
    again = urllib.request.Request(f"{BASE}/app.js", headers={"Accept-Encoding": "gzip", "If-None-Match": tag})
    try:
        urllib.request.urlopen(again)
        raise AssertionError("expected 304")
    except urllib.error.HTTPError as e:
        assert e.code == 304


def test_transfer_csvAndJson_gzipped(runs):
    for path in [f"/api/runs/{runs['rich']}/epochs?format=csv", f"/api/runs/{runs['rich']}/roc"]:
        res = urllib.request.urlopen(urllib.request.Request(BASE + path, headers={"Accept-Encoding": "gzip"}))
        assert res.headers["Content-Encoding"] == "gzip", path
