import Server
import Store
import Wire

/// MLflow's runs: create, get, update, delete, restore, search. mlplab's own runs answer get
/// and search (read-only); the writes are for runs logged from outside.
struct MLflowRunEndpoints: Sendable {
    let store: RunStore
    let view: MLflowRunView

    func register(_ api: MLflowEndpoints, on router: inout Router) {
        api.route("POST", "/runs/create", on: &router) { (r: MLflow.CreateRun.Request) in try create(r) }
        api.route("GET", "/runs/get", on: &router) { (r: MLflow.RunID) in
            MLflow.RunResponse(run: try view.run(record(r.runID)))
        }
        api.route("POST", "/runs/update", on: &router) { (r: MLflow.UpdateRun.Request) in
            let run = try store.updateExternalRun(id: MLflowEndpoints.runID(r.runID), status: r.status.map(MLflowRunView.status),
                                                  endTime: r.endTime, name: r.runName)
            return MLflow.UpdateRun.Response(runInfo: view.info(run))
        }
        api.route("POST", "/runs/delete", on: &router) { (r: MLflow.RunID) in
            try store.setRunStage(id: MLflowEndpoints.runID(r.runID), "deleted")
            return MLflow.Empty()
        }
        api.route("POST", "/runs/restore", on: &router) { (r: MLflow.RunID) in
            try store.setRunStage(id: MLflowEndpoints.runID(r.runID), "active")
            return MLflow.Empty()
        }
        api.route("POST", "/runs/search", on: &router) { (r: MLflow.SearchRuns.Request) in try search(r) }
    }

    func record(_ id: String) throws -> RunRecord {
        let id = try MLflowEndpoints.runID(id)
        guard let run = try store.run(id: id) else { throw MLflowError(.resourceDoesNotExist, "Run with id=\(id) not found") }
        return run
    }

    func create(_ r: MLflow.CreateRun.Request) throws -> MLflow.RunResponse {
        let experimentID = try MLflowEndpoints.experimentID(r.experimentID ?? "0")
        for tag in r.tags { try MLflowValidation.tag(tag) }
        var tags = r.tags.map { KeyValue(key: $0.key, value: $0.value) }
        let name = r.runName ?? tags.first { $0.key == "mlflow.runName" }?.value
        if let name, !tags.contains(where: { $0.key == "mlflow.runName" }) { tags.append(KeyValue(key: "mlflow.runName", value: name)) }
        let user = r.userID ?? tags.first { $0.key == "mlflow.user" }?.value ?? ""
        var run: RunRecord
        do {
            run = try store.createExternalRun(experimentID: experimentID, name: name ?? "", userID: user,
                                              startTime: r.startTime ?? MLflowEndpoints.nowMillis(), tags: tags)
        } catch StoreError.notFound {
            throw MLflowError(.resourceDoesNotExist, "No Experiment with id=\(experimentID) exists")
        } catch StoreError.conflict(let message) {
            throw MLflowError(.invalidState, message)
        }
        if name == nil { run = try store.updateExternalRun(id: run.id, status: nil, endTime: nil, name: "run-\(run.id)") }
        return MLflow.RunResponse(run: try view.run(run))
    }

    /// Reads every run of the experiments, then filters, orders and pages in memory (MLflow's
    /// file store does the same); fine for the thousands of runs one lab keeps.
    func search(_ r: MLflow.SearchRuns.Request) throws -> MLflow.SearchRuns.Response {
        let stages = try MLflowValidation.stages(r.runViewType)
        let maxResults = Int(r.maxResults ?? 1000)
        guard (1...50_000).contains(maxResults) else {
            throw MLflowError(.invalidParameterValue, "Invalid value \(maxResults) for parameter 'max_results' supplied. "
                              + "It must be at most 50000.")
        }
        let filter = try MLflowSearch.Filter(r.filter)
        let orders = try r.orderBy.map { try MLflowSearch.Order($0) }
        let ids = try r.experimentIDs.map(MLflowEndpoints.experimentID)
        let runs = try store.runs(experimentIDs: ids, stages: stages).map { try view.run($0) }
        let matching = runs.enumerated().map { (view.candidate($1), Int64($0)) }.filter { filter.matches($0.0) }
        let sorted = MLflowSearch.sort(matching, by: orders)
        let offset = try MLflowEndpoints.offset(r.pageToken)
        let page = sorted.dropFirst(offset).prefix(maxResults)
        let next = offset + page.count < sorted.count ? MLflowEndpoints.token(offset: offset + page.count) : nil
        return .init(runs: page.map { runs[Int($0.1)] }, nextPageToken: next)
    }
}
