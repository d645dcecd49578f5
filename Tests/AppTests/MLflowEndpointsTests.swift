import Foundation
import Testing
import TestSupport
import Training
import Wire

/// MLflow's REST API end to end, over HTTP, with the bodies its Python client sends.
@Suite(.serialized) struct MLflowEndpointsTests {
    static let api = "/api/2.0/mlflow"

    private func post<T: Decodable>(_ h: ServiceHarness, _ path: String, _ body: String, as type: T.Type) throws -> T {
        let response = try h.request("POST", Self.api + path, body: body)
        #expect(response.status == 200, "\(path): \(response.text)")
        return try response.json(T.self)
    }

    private func error(_ response: TestHTTPClient.Response) throws -> MLflowError { try response.json(MLflowError.self) }

    @Test func experimentRunMetricsHistorySearch_flow() throws {
        let h = try ServiceHarness()
        let exp = try post(h, "/experiments/create", #"{"name": "e2e", "tags": [{"key": "k", "value": "v"}]}"#,
                           as: MLflow.CreateExperiment.Response.self)
        let got = try h.request("GET", Self.api + "/experiments/get-by-name?experiment_name=e2e").json(MLflow.ExperimentResponse.self)
        #expect(got.experiment.experimentID == exp.experimentID && got.experiment.tags == [.init(key: "k", value: "v")])
        // Int64 fields as strings, as protobuf's JSON mapping allows.
        let run = try post(h, "/runs/create", #"{"experiment_id": "\#(exp.experimentID)", "start_time": "1733000000000", "run_name": "r"}"#,
                           as: MLflow.RunResponse.self).run
        #expect(run.info.startTime == 1_733_000_000_000 && run.info.status == .running && run.info.runName == "r")
        let id = run.info.runID
        _ = try post(h, "/runs/log-metric", #"{"run_id": "\#(id)", "run_uuid": "\#(id)", "key": "loss", "value": 0.5, "timestamp": 1, "step": 1}"#,
                     as: MLflow.Empty.self)
        _ = try post(h, "/runs/log-metric", #"{"run_id": "\#(id)", "key": "loss", "value": "NaN", "timestamp": "2", "step": "2"}"#,
                     as: MLflow.Empty.self)
        let metrics = (0..<1000).map { #"{"key": "m\#($0 % 7)", "value": \#($0), "timestamp": 5, "step": \#($0)}"# }
        _ = try post(h, "/runs/log-batch", #"{"run_id": "\#(id)", "metrics": [\#(metrics.joined(separator: ","))], "params": [{"key": "lr", "value": "0.1"}]}"#,
                     as: MLflow.Empty.self)
        _ = try post(h, "/runs/update", #"{"run_id": "\#(id)", "status": "FINISHED", "end_time": 9}"#, as: MLflow.UpdateRun.Response.self)
        let history = try h.request("GET", Self.api + "/metrics/get-history?run_id=\(id)&metric_key=loss")
            .json(MLflow.GetMetricHistory.Response.self).metrics
        #expect(history.map(\.step) == [1, 2] && history[1].value.isNaN)
        let found = try post(h, "/runs/search", #"{"experiment_ids": ["\#(exp.experimentID)"], "filter": "params.lr = '0.1' and metrics.m6 > 990", "order_by": ["metrics.m0 DESC"]}"#,
                             as: MLflow.SearchRuns.Response.self)
        #expect(found.runs.map(\.info.runID) == [id] && found.runs[0].info.status == .finished && found.runs[0].info.endTime == 9)
        #expect(found.runs[0].data.metrics.count == 8)

        // The same run in mlplab's own list, filtered by source.
        let listed = try h.request("GET", "/api/runs?source=external").json(RunInfoList.self)
        #expect(listed.runs.map { "\($0.id)" } == [id] && listed.runs[0].source == .external)
    }

    @Test func badInput_getsMLflowErrorCodes_andWritesNothing() throws {
        let h = try ServiceHarness()
        let id = try post(h, "/runs/create", #"{"experiment_id": "0"}"#, as: MLflow.RunResponse.self).run.info.runID
        let missing = try h.request("GET", Self.api + "/runs/get?run_id=424242")
        #expect(try missing.status == 404 && error(missing).errorCode == .resourceDoesNotExist)
        let noID = try h.request("POST", Self.api + "/runs/log-metric", body: #"{"key": "a", "value": 1, "timestamp": 1}"#)
        #expect(try noID.status == 400 && error(noID).errorCode == .invalidParameterValue)
        let word = try h.request("POST", Self.api + "/runs/log-batch",
                                 body: #"{"run_id": "\#(id)", "metrics": [{"key": "a", "value": 1, "timestamp": 1}, {"key": "b", "value": "abc", "timestamp": 1}]}"#)
        #expect(try word.status == 400 && error(word).errorCode == .invalidParameterValue)
        let tooMany = (0...100).map { #"{"key": "p\#($0)", "value": "v"}"# }.joined(separator: ",")
        let over = try h.request("POST", Self.api + "/runs/log-batch", body: #"{"run_id": "\#(id)", "params": [\#(tooMany)]}"#)
        #expect(try over.status == 400 && error(over).message.contains("at most 100 params"))
        let filter = try h.request("POST", Self.api + "/runs/search", body: #"{"experiment_ids": ["0"], "filter": "metrics.a >"}"#)
        #expect(try filter.status == 400 && error(filter).errorCode == .invalidParameterValue)
        let unknown = try h.request("POST", Self.api + "/runs/log-metric", body: #"{"run_id": "\#(id)", "key": "a", "value": 1, "timestamp": 1, "colour": 1}"#)
        #expect(try unknown.status == 400 && error(unknown).message.contains("colour"))
        let data = try h.request("GET", Self.api + "/runs/get?run_id=\(id)").json(MLflow.RunResponse.self).run.data
        #expect(data.metrics.isEmpty && data.params.isEmpty)
        let unsupported = try h.request("POST", Self.api + "/registered-models/create", body: "{}")
        #expect(try unsupported.status == 404 && error(unsupported).errorCode == .endpointNotFound)
    }
}
