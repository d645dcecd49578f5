"""MLflow's Python client against mlplab: the flows of a training script, end to end."""
import time

import mlflow
import pytest
from mlflow import MlflowClient
from mlflow.entities import Metric, Param, RunTag
from mlflow.exceptions import MlflowException

from conftest import api


def test_script_flow_logs_params_metrics_tags_and_batch():
    mlflow.set_experiment("client-flow")
    with mlflow.start_run(run_name="flow") as run:
        mlflow.log_param("lr", 0.01)
        mlflow.log_params({"optimizer": "adam", "hidden": "[100, 80]"})
        for step in range(5):
            mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
            mlflow.log_metrics({"accuracy": 0.5 + step / 10, "roc_auc": 0.9 + step / 100}, step=step)
        mlflow.set_tag("team", "lab")
        ts = int(time.time() * 1000)
        MlflowClient().log_batch(run.info.run_id, metrics=[Metric(f"batch_{i % 10}", float(i), ts, i // 10) for i in range(1000)])
    got = MlflowClient().get_run(run.info.run_id)
    assert got.info.status == "FINISHED" and got.info.end_time is not None
    assert got.info.run_name == "flow"
    assert got.data.params == {"lr": "0.01", "optimizer": "adam", "hidden": "[100, 80]"}
    assert got.data.metrics["loss"] == pytest.approx(0.2)
    assert got.data.metrics["batch_9"] == 999.0
    assert got.data.tags["team"] == "lab" and got.data.tags["mlflow.runName"] == "flow"
    history = MlflowClient().get_metric_history(run.info.run_id, "loss")
    assert [(m.step, m.value) for m in history] == [(s, pytest.approx(1.0 / (s + 1))) for s in range(5)]
    assert len(MlflowClient().get_metric_history(run.info.run_id, "batch_3")) == 100


def test_search_runs_with_filter_order_and_pages():
    exp_id = mlflow.set_experiment("client-search").experiment_id
    for i, lr in enumerate([0.1, 0.01, 0.001, 0.05]):
        with mlflow.start_run(run_name=f"s{i}"):
            mlflow.log_param("lr", lr)
            mlflow.log_param("optimizer", "adam" if i % 2 else "sgd")
            mlflow.log_metric("accuracy", 0.8 + i / 100)
    client = MlflowClient()
    runs = client.search_runs([exp_id], "metrics.accuracy > 0.805 and params.optimizer = 'adam'",
                              order_by=["metrics.accuracy DESC"])
    assert [r.info.run_name for r in runs] == ["s3", "s1"]
    runs = client.search_runs([exp_id], "attributes.status = 'FINISHED' and tags.\"mlflow.runName\" LIKE 's%'",
                              order_by=["params.lr ASC"])
    assert [r.data.params["lr"] for r in runs] == ["0.001", "0.01", "0.05", "0.1"]
    page1 = client.search_runs([exp_id], max_results=3, order_by=["attributes.run_name"])
    assert [r.info.run_name for r in page1] == ["s0", "s1", "s2"] and page1.token
    page2 = client.search_runs([exp_id], max_results=3, order_by=["attributes.run_name"], page_token=page1.token)
    assert [r.info.run_name for r in page2] == ["s3"] and not page2.token


def test_experiments_create_get_search_update_delete():
    client = MlflowClient()
    exp_id = client.create_experiment("client-exp", tags={"owner": "lab"})
    assert client.get_experiment(exp_id).tags == {"owner": "lab"}
    assert client.get_experiment_by_name("client-exp").experiment_id == exp_id
    client.rename_experiment(exp_id, "client-exp-renamed")
    assert client.get_experiment(exp_id).name == "client-exp-renamed"
    names = [e.name for e in client.search_experiments(filter_string="name LIKE 'client-exp%'")]
    assert names == ["client-exp-renamed"]
    client.delete_experiment(exp_id)
    assert client.get_experiment(exp_id).lifecycle_stage == "deleted"
    assert client.get_experiment_by_name("nope") is None
    with pytest.raises(MlflowException) as e:
        client.create_experiment("Default")
    assert e.value.error_code == "RESOURCE_ALREADY_EXISTS"


def test_runs_update_delete_and_tags():
    client = MlflowClient()
    exp_id = client.create_experiment("client-runs")
    run = client.create_run(exp_id, run_name="to-delete", tags={"a": "1"})
    client.set_tag(run.info.run_id, "b", "2")
    client.delete_tag(run.info.run_id, "a")
    assert "a" not in client.get_run(run.info.run_id).data.tags
    client.set_terminated(run.info.run_id, status="FAILED")
    assert client.get_run(run.info.run_id).info.status == "FAILED"
    client.delete_run(run.info.run_id)
    assert client.search_runs([exp_id]) == []
    assert len(client.search_runs([exp_id], run_view_type=3)) == 1
    client.restore_run(run.info.run_id)
    assert len(client.search_runs([exp_id])) == 1


def test_mlplab_runs_are_listed_with_flattened_spec(mlplab_run):
    client = MlflowClient()
    exp = client.get_experiment_by_name("mlplab/mnist")
    runs = client.search_runs([exp.experiment_id], "params.`optimizer.type` = 'sgd'")
    run = next(r for r in runs if r.info.run_id == str(mlplab_run["id"]))
    assert run.info.status == "FINISHED"
    assert run.data.params["optimizer.lr"] == "0.05" and run.data.params["model.hidden"] == "[32]"
    assert run.data.tags["mlflow.runName"] == "own-mlp"
    assert 0 < run.data.metrics["test_accuracy"] <= 1
    history = client.get_metric_history(run.info.run_id, "test_accuracy")
    assert [m.step for m in history] == [1, 2]
    with pytest.raises(MlflowException) as e:
        client.log_metric(run.info.run_id, "x", 1.0)
    assert e.value.error_code == "INVALID_PARAMETER_VALUE"


# MARK: - Bad input gets MLflow's error codes and writes nothing

def test_missing_run_is_resource_does_not_exist():
    with pytest.raises(MlflowException) as e:
        MlflowClient().get_run("999999")
    assert e.value.error_code == "RESOURCE_DOES_NOT_EXIST"
    status, body = api("POST", "/api/2.0/mlflow/runs/log-metric", {"run_id": "999999", "key": "a", "value": 1, "timestamp": 1})
    assert status == 404 and body["error_code"] == "RESOURCE_DOES_NOT_EXIST"
    status, body = api("POST", "/api/2.0/mlflow/runs/log-metric", {"key": "a", "value": 1, "timestamp": 1})
    assert status == 400 and body["error_code"] == "INVALID_PARAMETER_VALUE" and "run_uuid" in body["message"]


def new_run():
    return MlflowClient().create_run("0", run_name="bad-input").info.run_id


def test_non_numeric_value_is_invalid_and_writes_nothing():
    run_id = new_run()
    status, body = api("POST", "/api/2.0/mlflow/runs/log-batch", {"run_id": run_id, "metrics": [
        {"key": "ok", "value": 1.0, "timestamp": 1, "step": 0}, {"key": "bad", "value": "abc", "timestamp": 1, "step": 0}]})
    assert status == 400 and body["error_code"] == "INVALID_PARAMETER_VALUE", body
    assert MlflowClient().get_run(run_id).data.metrics == {}


def test_batch_over_the_limits_is_invalid_and_writes_nothing():
    client, run_id = MlflowClient(), new_run()
    ts = int(time.time() * 1000)
    # The client splits big batches itself, so these go raw.
    status, body = api("POST", "/api/2.0/mlflow/runs/log-batch", {"run_id": run_id, "metrics": [
        {"key": "m", "value": float(i), "timestamp": ts, "step": i} for i in range(1001)]})
    assert status == 400 and body["error_code"] == "INVALID_PARAMETER_VALUE" and "1000" in body["message"], body
    status, body = api("POST", "/api/2.0/mlflow/runs/log-batch", {"run_id": run_id, "params": [
        {"key": f"p{i}", "value": "v"} for i in range(101)]})
    assert status == 400 and body["error_code"] == "INVALID_PARAMETER_VALUE"
    status, body = api("POST", "/api/2.0/mlflow/runs/log-batch", {"run_id": run_id, "tags": [
        {"key": f"t{i}", "value": "v"} for i in range(101)]})
    assert status == 400 and body["error_code"] == "INVALID_PARAMETER_VALUE"
    data = client.get_run(run_id).data
    assert data.metrics == {} and data.params == {} and set(data.tags) == {"mlflow.runName"}


def test_param_change_fails_whole_batch():
    client, run_id = MlflowClient(), new_run()
    client.log_param(run_id, "lr", "0.1")
    with pytest.raises(MlflowException) as e:
        client.log_batch(run_id, metrics=[Metric("m", 1.0, 1, 0)], params=[Param("lr", "0.2")], tags=[RunTag("x", "y")])
    assert e.value.error_code == "INVALID_PARAMETER_VALUE"
    data = client.get_run(run_id).data
    assert data.metrics == {} and data.params == {"lr": "0.1"} and "x" not in data.tags


def test_malformed_filter_is_invalid():
    client = MlflowClient()
    for bad in ["metrics.acc >", "metrics.acc > 'x'", "params.lr > 1", "foo.bar = 1", "metrics.a > 1 or metrics.b > 1",
                "attributes.nope = 'x'", "params.lr = 'unterminated"]:
        with pytest.raises(MlflowException) as e:
            client.search_runs(["0"], bad)
        assert e.value.error_code == "INVALID_PARAMETER_VALUE", bad


def test_unsupported_endpoint_is_a_clear_error():
    status, body = api("POST", "/api/2.0/mlflow/model-versions/create", {"name": "m"})
    assert status == 404 and body["error_code"] == "ENDPOINT_NOT_FOUND" and "not supported" in body["message"]
