import Server
import Store
import Wire

/// MLflow's experiments: create, get, get-by-name, search, update, delete, restore, set-tag.
/// Experiment 0 is "Default"; mlplab's own runs live in "mlplab/<dataset>".
struct MLflowExperimentEndpoints: Sendable {
    let store: RunStore

    func register(_ api: MLflowEndpoints, on router: inout Router) {
        api.route("POST", "/experiments/create", on: &router) { (r: MLflow.CreateExperiment.Request) in try create(r) }
        api.route("GET", "/experiments/get", on: &router) { (r: MLflow.ExperimentID) in
            MLflow.ExperimentResponse(experiment: Self.wire(try experiment(MLflowEndpoints.experimentID(r.experimentID))))
        }
        api.route("GET", "/experiments/get-by-name", on: &router) { (r: MLflow.GetExperimentByName.Request) in
            guard let found = try store.experiment(name: r.experimentName) else {
                throw MLflowError(.resourceDoesNotExist, "Could not find experiment with name '\(r.experimentName)'")
            }
            return MLflow.ExperimentResponse(experiment: Self.wire(found))
        }
        api.route("POST", "/experiments/search", on: &router) { (r: MLflow.SearchExperiments.Request) in try search(r) }
        api.route("POST", "/experiments/update", on: &router) { (r: MLflow.UpdateExperiment.Request) in
            let id = try MLflowEndpoints.experimentID(r.experimentID)
            try rename(id, r.newName)
            return MLflow.Empty()
        }
        api.route("POST", "/experiments/delete", on: &router) { (r: MLflow.ExperimentID) in
            let id = try MLflowEndpoints.experimentID(r.experimentID)
            if id == 0 { throw MLflowError(.invalidParameterValue, "Cannot delete the default experiment '0'.") }
            try store.setExperimentStage(id: id, "deleted")
            return MLflow.Empty()
        }
        api.route("POST", "/experiments/restore", on: &router) { (r: MLflow.ExperimentID) in
            try store.setExperimentStage(id: MLflowEndpoints.experimentID(r.experimentID), "active")
            return MLflow.Empty()
        }
        api.route("POST", "/experiments/set-experiment-tag", on: &router) { (r: MLflow.SetExperimentTag.Request) in
            try MLflowValidation.key(r.key, "tag")
            try store.setExperimentTag(id: MLflowEndpoints.experimentID(r.experimentID), KeyValue(key: r.key, value: r.value))
            return MLflow.Empty()
        }
    }

    static func wire(_ e: ExperimentRecord) -> MLflow.Experiment {
        MLflow.Experiment(experimentID: "\(e.id)", name: e.name, artifactLocation: e.artifactLocation,
                          lifecycleStage: e.lifecycleStage, lastUpdateTime: e.lastUpdateTime, creationTime: e.creationTime,
                          tags: e.tags.map { MLflow.KeyValue(key: $0.key, value: $0.value) })
    }

    func experiment(_ id: Int64) throws -> ExperimentRecord {
        guard let found = try store.experiment(id: id) else {
            throw MLflowError(.resourceDoesNotExist, "No Experiment with id=\(id) exists")
        }
        return found
    }

    func create(_ r: MLflow.CreateExperiment.Request) throws -> MLflow.CreateExperiment.Response {
        guard r.name.count <= 500 else { throw MLflowError(.invalidParameterValue, "Experiment name exceeds 500 characters") }
        for tag in r.tags { try MLflowValidation.key(tag.key, "tag") }
        do {
            let id = try store.createExperiment(name: r.name, artifactLocation: r.artifactLocation ?? "",
                                                tags: r.tags.map { KeyValue(key: $0.key, value: $0.value) })
            return MLflow.CreateExperiment.Response(experimentID: "\(id)")
        } catch StoreError.conflict(let message) {
            throw MLflowError(.resourceAlreadyExists, message)
        }
    }

    func rename(_ id: Int64, _ name: String) throws {
        do { try store.renameExperiment(id: id, to: name) } catch StoreError.conflict(let message) {
            throw MLflowError(.resourceAlreadyExists, message)
        }
    }

    /// Experiments by view type, filtered on `name` / `tags.` and ordered, in pages.
    func search(_ r: MLflow.SearchExperiments.Request) throws -> MLflow.SearchExperiments.Response {
        let stages = try MLflowValidation.stages(r.viewType)
        let maxResults = Int(r.maxResults ?? 1000)
        guard (1...50_000).contains(maxResults) else {
            throw MLflowError(.invalidParameterValue, "Invalid value \(maxResults) for parameter 'max_results' supplied. "
                              + "It must be at most 50000.")
        }
        let filter = try MLflowSearch.Filter(r.filter, vocabulary: .experiments)
        let orders = try r.orderBy.map { try MLflowSearch.Order($0, vocabulary: .experiments) }
        let all = try store.experiments(stages: stages).map { e -> (MLflowSearch.Candidate, Int64) in
            (MLflowSearch.Candidate(strings: ["name": e.name, "lifecycle_stage": e.lifecycleStage],
                                    numbers: ["creation_time": Double(e.creationTime), "last_update_time": Double(e.lastUpdateTime),
                                              "start_time": Double(e.creationTime)],
                                    metrics: [:], params: [:],
                                    tags: Dictionary(e.tags.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })), e.id)
        }.filter { filter.matches($0.0) }
        let sorted = MLflowSearch.sort(all, by: orders)
        let offset = try MLflowEndpoints.offset(r.pageToken)
        let page = sorted.dropFirst(offset).prefix(maxResults)
        let byID = Dictionary(try store.experiments(stages: stages).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let next = offset + page.count < sorted.count ? MLflowEndpoints.token(offset: offset + page.count) : nil
        return .init(experiments: page.compactMap { byID[$0.1].map(Self.wire) }, nextPageToken: next)
    }
}
