"""The run view's gallery of misclassified test images, and the confusion-matrix cells that open it."""
from playwright.sync_api import expect

from conftest import api, shot


def wrong_predictions(rid, **filters):
    query = "&".join(f"{k}={v}" for k, v in {"wrong": "true", **filters}.items())
    status, body = api("GET", f"/api/runs/{rid}/predictions?{query}")
    assert status == 200, body
    return body


def items(page):
    """[(index, label, predicted, confidence %)] of the gallery as drawn."""
    return page.locator("#gallery-grid figure").evaluate_all(
        "fs => fs.map(f => [Number(f.dataset.index), Number(f.dataset.label), Number(f.dataset.predicted),"
        " parseFloat(f.querySelector('.conf').textContent)])")


def test_gallery_showsMistakesMostConfidentFirst(runs, open_page):
    rid = runs["rich"]
    wrong = wrong_predictions(rid)["predictions"]
    assert wrong, "the 3-epoch run should get some test images wrong"
    page = open_page(f"#/runs/{rid}")
    expect(page.locator("#gallery-status")).to_contain_text(f"{len(wrong)} of 1000 test images misclassified")
    expect(page.locator("#gallery-grid figure")).to_have_count(min(60, len(wrong)))
    drawn = items(page)
    assert all(label != predicted for _, label, predicted, _ in drawn)
    confidences = [c for *_, c in drawn]
    assert confidences == sorted(confidences, reverse=True)
    top = max(wrong, key=lambda p: (p["confidence"], -p["index"]))
    assert drawn[0][:3] == [top["index"], top["label"], top["predicted"]]
    assert abs(drawn[0][3] - top["confidence"] * 100) < 0.051
    # The images are the data set's own, served as PNG (28 x 28, drawn at 56 x 56).
    first = page.locator("#gallery-grid figure img").first
    expect(first).to_have_attribute("src", f"/api/datasets/mnist/test/{top['index']}.png")
    page.wait_for_function("img => img.complete && img.naturalWidth === 28", arg=first.element_handle())
    page.locator("#gallery").scroll_into_view_if_needed()
    shot(page, "gallery")
    assert page.errors == []


def test_gallery_filtersByTrueAndPredictedClass(runs, open_page):
    rid = runs["rich"]
    wrong = wrong_predictions(rid)["predictions"]
    label = wrong[0]["label"]
    page = open_page(f"#/runs/{rid}")
    expect(page.locator("#gallery-status")).to_contain_text("misclassified")
    page.select_option("#gallery-true", str(label))
    expected = [p for p in wrong if p["label"] == label]
    expect(page.locator("#gallery-status")).to_contain_text(f"{len(expected)} of 1000 test images misclassified (true {label})")
    expect(page.locator("#gallery-grid figure")).to_have_count(min(60, len(expected)))
    assert {l for _, l, _, _ in items(page)} == {label}
    predicted = expected[0]["predicted"]
    page.select_option("#gallery-predicted", str(predicted))
    both = [p for p in expected if p["predicted"] == predicted]
    expect(page.locator("#gallery-grid figure")).to_have_count(min(60, len(both)))
    assert sorted(i for i, *_ in items(page)) == sorted(p["index"] for p in both)


def test_confusionCell_opensTheGalleryFilteredToIt(runs, open_page):
    rid = runs["rich"]
    matrix = api("GET", f"/api/runs/{rid}/confusion?epoch=3")[1]["matrix"]
    t, p = max(((i, j) for i in range(10) for j in range(10) if i != j), key=lambda c: matrix[c[0]][c[1]])
    assert matrix[t][p] > 0
    page = open_page(f"#/runs/{rid}")
    expect(page.locator("table.confusion caption")).to_contain_text("epoch 3")
    # Diagonal and empty cells are plain numbers; every nonzero error cell is a link.
    links = page.locator("table.confusion a.cell-link")
    expect(links).to_have_count(sum(1 for i in range(10) for j in range(10) if i != j and matrix[i][j] > 0))
    page.locator(f"table.confusion a.cell-link[data-truth='{t}'][data-predicted='{p}']").click()
    expect(page.locator("#gallery-true")).to_have_value(str(t))
    expect(page.locator("#gallery-predicted")).to_have_value(str(p))
    expect(page.locator("#gallery-status")).to_contain_text(f"Epoch 3")
    expect(page.locator("#gallery-grid figure")).to_have_count(min(60, matrix[t][p]))
    assert all((l, q) == (t, p) for _, l, q, _ in items(page))
    # From an older epoch's matrix, the gallery shows that epoch when it is stored, else says it is not.
    page.select_option("#eval-epoch", "1")
    expect(page.locator("table.confusion caption")).to_contain_text("epoch 1")
    stored = wrong_predictions(rid)["stored_epochs"]
    m1 = api("GET", f"/api/runs/{rid}/confusion?epoch=1")[1]["matrix"]
    t1, p1 = next((i, j) for i in range(10) for j in range(10) if i != j and m1[i][j] > 0)
    page.locator(f"table.confusion a.cell-link[data-truth='{t1}'][data-predicted='{p1}']").click()
    if 1 in stored:
        expect(page.locator("#gallery-grid figure")).to_have_count(min(60, m1[t1][p1]))
    else:
        expect(page.locator("#gallery-status")).to_contain_text("latest and best epochs only")
    shot(page, "gallery-from-confusion")
    assert page.errors == []
