"""New run: presets, the form and the JSON editor in step both ways, errors marked on their field,
and a run from the form stored with the same spec as the same run typed as JSON."""
import json
import re

from playwright.sync_api import expect

from conftest import api, wait_finished


def editor_json(page):
    return json.loads(page.locator("#spec-editor").input_value())


def hidden_widths(page):
    return [int(v) for v in page.locator("#f-model-hidden input").evaluate_all("ns => ns.map(n => n.value)")]


def test_submit_preset_fillsFormAndEditor(open_page):
    page = open_page("#/submit")
    page.get_by_role("button", name="Deeper MLP").click()
    assert editor_json(page)["name"] == "deep-mlp"
    expect(page.locator("#f-name")).to_have_value("deep-mlp")
    expect(page.locator("#f-epochs")).to_have_value("5")
    assert hidden_widths(page) == [196, 100, 80]
    page.get_by_role("button", name="Adam, lr 0.01").click()
    expect(page.locator("#f-optimizer-type")).to_have_value("adam")
    expect(page.locator("#f-optimizer-beta2")).to_have_value("0.99")
    expect(page.locator("#f-optimizer-momentum")).to_have_count(0)   # an SGD field, not Adam's


def test_submit_formAndEditor_stayInStepBothWays(open_page):
    page = open_page("#/submit")
    page.fill("#f-epochs", "7")
    assert editor_json(page)["epochs"] == 7
    page.select_option("#f-model-type", "mixer")
    model = editor_json(page)["model"]
    assert model["type"] == "mixer" and "hidden" not in model and "activation" not in model
    expect(page.locator("#f-model-patch")).to_be_visible()
    expect(page.locator("#f-model-hidden")).to_have_count(0)
    expect(page.locator("[data-path='model.patch'] .field-help")).to_contain_text("Default: 7.")
    # The other way: type in the editor, the form follows.
    spec = editor_json(page)
    spec.update(epochs=3, model={"type": "mlp", "hidden": [12, 34, 56]}, optimizer={"type": "rmsprop", "lr": 0.005})
    page.fill("#spec-editor", json.dumps(spec, indent=2))
    expect(page.locator("#f-epochs")).to_have_value("3")
    expect(page.locator("#f-optimizer-type")).to_have_value("rmsprop")
    expect(page.locator("#f-optimizer-alpha")).to_be_visible()
    assert hidden_widths(page) == [12, 34, 56]
    page.get_by_role("button", name="Add layer").click()
    assert editor_json(page)["model"]["hidden"] == [12, 34, 56, 56]


def test_submit_serverError_marksItsField(open_page):
    page = open_page("#/submit")
    page.fill("#f-optimizer-lr", "0")
    page.get_by_role("button", name="Submit run").click()
    error = page.locator("[data-path='optimizer.lr'] .field-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("must be > 0")
    expect(page.locator("#f-optimizer-lr")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#f-optimizer-lr")).to_be_focused()
    expect(page.locator("#submit-result .error-field")).to_have_text("Field optimizer.lr")
    expect(page.locator(".gutter-inner .marked")).to_have_count(1)
    page.fill("#f-optimizer-lr", "0.01")
    expect(error).to_be_hidden()
    expect(page.locator("#f-optimizer-lr")).not_to_have_attribute("aria-invalid", "true")


def test_submit_formRunAndJsonRun_storeTheSameSpec(open_page):
    page = open_page("#/submit")
    # Build the run with the form only (keyboard and mouse, no JSON).
    page.fill("#f-name", "same-spec")
    page.select_option("#f-model-activation", "tanh")
    page.locator("#f-model-hidden li").nth(1).get_by_role("button").click()   # remove the second layer
    page.fill("#f-model-hidden input >> nth=0", "24")
    page.fill("#f-model-dropout", "0.1")
    page.select_option("#f-optimizer-type", "adam")
    page.fill("#f-optimizer-lr", "0.002")
    page.fill("#f-epochs", "1")
    page.fill("#f-batch-size", "64")
    page.fill("#f-train-samples", "300")
    page.fill("#f-test-samples", "100")
    page.get_by_role("button", name="Submit run").click()
    page.wait_for_url(re.compile(r"#/runs/\d+$"))
    from_form = int(page.url.rsplit("/", 1)[1])
    # The same run typed as JSON, keys in another order, then Ctrl+Enter.
    typed = {"optimizer": {"lr": 0.002, "type": "adam"}, "seed": 10, "epochs": 1, "name": "same-spec",
             "model": {"dropout": 0.1, "activation": "tanh", "hidden": [24], "type": "mlp"}, "dataset": "mnist",
             "batch_size": 64, "loss": "cross_entropy", "train_samples": 300, "test_samples": 100}
    page.goto(page.url.split("#")[0] + "#/submit")
    page.fill("#spec-editor", json.dumps(typed))
    page.locator("#spec-editor").press("Control+Enter")
    page.wait_for_url(re.compile(rf"#/runs/(?!{from_form}$)\d+$"))
    from_json = int(page.url.rsplit("/", 1)[1])
    wait_finished([from_form, from_json])
    a = api("GET", f"/api/runs/{from_form}")[1]["spec"]
    b = api("GET", f"/api/runs/{from_json}")[1]["spec"]
    assert a == b
    assert a["model"]["hidden"] == [24] and a["optimizer"]["type"] == "adam" and a["train_samples"] == 300
