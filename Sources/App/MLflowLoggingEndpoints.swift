import Server
import Store
import Wire

/// MLflow's logging: log-metric, log-parameter, log-batch, set-tag, delete-tag, and
/// metrics/get-history. Every write is checked whole before any of it is stored, and stored in
/// one transaction, so a refused request leaves nothing behind.
struct MLflowLoggingEndpoints: Sendable {
    let store: RunStore
    let view: MLflowRunView

    func register(_ api: MLflowEndpoints, on router: inout Router) {
        api.route("POST", "/runs/log-metric", on: &router) { (r: MLflow.LogMetric.Request) in
            try log(r.runID, metrics: [r.metric], params: [], tags: [])
        }
        api.route("POST", "/runs/log-parameter", on: &router) { (r: MLflow.RunKeyValue) in
            try log(r.runID, metrics: [], params: [MLflow.KeyValue(key: r.key, value: r.value)], tags: [])
        }
        api.route("POST", "/runs/set-tag", on: &router) { (r: MLflow.RunKeyValue) in
            try log(r.runID, metrics: [], params: [], tags: [MLflow.KeyValue(key: r.key, value: r.value)])
        }
        api.route("POST", "/runs/log-batch", on: &router) { (r: MLflow.LogBatch.Request) in
            try r.validate()
            return try log(r.runID, metrics: r.metrics, params: r.params, tags: r.tags)
        }
        api.route("POST", "/runs/delete-tag", on: &router) { (r: MLflow.DeleteTag.Request) in
            do { try store.deleteTag(runID: MLflowEndpoints.runID(r.runID), key: r.key) } catch StoreError.notFound(let kind, _)
                where kind != "run" {
                throw MLflowError(.resourceDoesNotExist, "No tag with name: \(r.key) in run with id \(r.runID)")
            }
            return MLflow.Empty()
        }
        api.route("GET", "/metrics/get-history", on: &router) { (r: MLflow.GetMetricHistory.Request) in try history(r) }
    }

    func log(_ runID: String, metrics: [MLflow.Metric], params: [MLflow.KeyValue], tags: [MLflow.KeyValue]) throws
        -> MLflow.Empty {
        let id = try MLflowEndpoints.runID(runID)
        for m in metrics { try MLflowValidation.metric(m) }
        for p in params { try MLflowValidation.param(p) }
        for t in tags { try MLflowValidation.tag(t) }
        var seen: [String: String] = [:]
        for p in params {                    // the same key twice in one batch must agree
            if let other = seen.updateValue(p.value, forKey: p.key), other != p.value {
                throw MLflowError(.invalidParameterValue, "Duplicate parameter keys have been submitted: '\(p.key)'")
            }
        }
        try store.logBatch(runID: id,
                           metrics: metrics.map { MetricPoint(key: $0.key, value: $0.value, timestamp: $0.timestamp, step: $0.step) },
                           params: params.map { KeyValue(key: $0.key, value: $0.value) },
                           tags: tags.map { KeyValue(key: $0.key, value: $0.value) })
        return MLflow.Empty()
    }

    func history(_ r: MLflow.GetMetricHistory.Request) throws -> MLflow.GetMetricHistory.Response {
        let id = try MLflowEndpoints.runID(r.runID)
        guard let run = try store.run(id: id) else { throw MLflowError(.resourceDoesNotExist, "Run with id=\(id) not found") }
        let all = try view.history(run, key: r.metricKey)
        guard let max = r.maxResults.map(Int.init) else { return .init(metrics: all, nextPageToken: nil) }
        guard max >= 1 else { throw MLflowError(.invalidParameterValue, "max_results must be at least 1") }
        let offset = try MLflowEndpoints.offset(r.pageToken)
        let page = Array(all.dropFirst(offset).prefix(max))
        let next = offset + page.count < all.count ? MLflowEndpoints.token(offset: offset + page.count) : nil
        return .init(metrics: page, nextPageToken: next)
    }
}
