"""The run page lists the run's checkpoints (latest, best) with a link to download each one's weights."""
import re
import struct

from playwright.sync_api import expect

from conftest import api, shot


def test_run_checkpoints_listLatestAndBest_withWeightsThatDownload(runs, open_page):
    rid = runs["rich"]
    kept = api("GET", f"/api/runs/{rid}/checkpoints")[1]["checkpoints"]
    assert any(c["latest"] for c in kept) and any(c["best"] for c in kept)
    page = open_page(f"#/runs/{rid}")
    line = page.get_by_test_id("checkpoints")
    for c in kept:
        kinds = ", ".join(k for k in ("latest", "best") if c[k])
        expect(line).to_contain_text(f"epoch {c['epoch']} ({kinds})")
    links = line.locator("a")
    expect(links).to_have_count(len(kept))
    expect(links.first).to_have_attribute("href", re.compile(rf"/api/runs/{rid}/weights\?epoch={kept[0]['epoch']}$"))
    with page.expect_download() as info:
        links.last.click()
    download = info.value
    assert download.suggested_filename == f"run-{rid}-epoch-{kept[-1]['epoch']}.safetensors"
    data = open(download.path(), "rb").read()
    n = struct.unpack("<Q", data[:8])[0]
    assert b'"net.0.weight"' in data[8:8 + n]          # a safetensors header with the twin's names
    shot(page, "run-checkpoints")
