"""Tokens in the dashboard: against a second `mlplab serve --auth tokens --auth-reads`, the first
401 asks for a token once, the token is kept in localStorage and sent from then on (reads, the
live event stream, a submit, the download links), and a page opened later asks no more."""
import json
import os
import re
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import WIDE, tiny_spec

BINARY = os.environ.get("MLPLAB_BIN", ".build/release/mlplab")


@pytest.fixture(scope="module")
def guarded():
    """(url, token) of a service that wants a token for reads and writes; stopped afterwards."""
    tmp = Path(tempfile.mkdtemp())
    db = str(tmp / "auth.sqlite3")
    token = subprocess.run([BINARY, "token", "create", "dashboard", "--scope", "write", "--database", db],
                           check=True, capture_output=True, text=True).stdout.strip()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(tmp / "serve.log", "w")
    serve = subprocess.Popen([BINARY, "serve", "--port", str(port), "--database", db, "--workers", "1",
                              "--auth", "tokens", "--auth-reads"], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/api/health", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield url, token
    serve.terminate()
    serve.wait(timeout=30)


def post(url, token, path, body):
    req = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=30) as res:
        return json.loads(res.read())


def test_dashboard_401_asksForTokenOnce_keepsIt_sendsIt(browser, guarded):
    url, token = guarded
    run = post(url, token, "/api/runs", tiny_spec("guarded-run", epochs=3))
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    asked = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept(token)
    page.on("dialog", answer)
    page.goto(f"{url}/#/")
    expect(page.locator("main table")).to_contain_text("guarded-run")
    assert len(asked) == 1 and "token" in asked[0].lower(), asked
    assert page.evaluate("localStorage.getItem('mlplab.token')") == token

    page.goto(f"{url}/#/runs/{run['id']}")                    # reads and the event stream carry the token
    expect(page.locator("main")).to_contain_text(re.compile("finished|running"))
    later = context.new_page()
    later.on("dialog", answer)
    later.goto(f"{url}/#/")
    expect(later.locator("main table")).to_contain_text("guarded-run")
    assert len(asked) == 1, asked
    context.close()


def test_dashboard_tokenRefused_showsTheError(browser, guarded):
    url, _ = guarded
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.on("dialog", lambda d: d.accept("mlp_1_wrong"))
    page.goto(f"{url}/#/")
    expect(page.locator("main")).to_contain_text(re.compile("unknown or revoked|token", re.I))
    context.close()


def test_downloads_sendTheToken_whereReadsNeedOne(browser, guarded):
    url, token = guarded
    run = post(url, token, "/api/runs", tiny_spec("guarded-download", epochs=2))
    context = browser.new_context(viewport=WIDE, accept_downloads=True)
    page = context.new_page()
    page.on("dialog", lambda d: d.accept(token))
    page.goto(f"{url}/#/runs/{run['id']}")
    links = page.get_by_test_id("checkpoints").locator("a")
    expect(links.first).to_be_visible(timeout=60_000)               # the run has finished an epoch
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    assert info.value.suggested_filename == f"run-{run['id']}-epochs.csv"
    assert open(info.value.path()).read().startswith("epoch,")
    with page.expect_download() as info:
        links.last.click()
    data = open(info.value.path(), "rb").read()
    n = int.from_bytes(data[:8], "little")
    assert info.value.suggested_filename.endswith(".safetensors") and b'"net.0.weight"' in data[8:8 + n]
    expect(page.locator(".notice-error")).to_have_count(0)
    context.close()


def test_galleryImages_sendTheToken_whereReadsNeedOne(browser, guarded):
    url, token = guarded
    run = post(url, token, "/api/runs", tiny_spec("guarded-gallery", epochs=2))
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.on("dialog", lambda d: d.accept(token))
    page.goto(f"{url}/#/runs/{run['id']}")
    first = page.locator("#gallery-grid figure img").first
    expect(first).to_be_attached(timeout=60_000)                    # predictions stored: some test images wrong
    page.locator("#gallery").scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth === 28", arg=first.element_handle(),
                           timeout=30_000)
    assert first.get_attribute("src").startswith("blob:")          # fetched with the token, not by <img src>
    expect(page.locator(".notice-error")).to_have_count(0)
    context.close()
