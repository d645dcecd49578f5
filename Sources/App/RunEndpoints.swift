import Server
import Store
import Training
import Wire

/// The `/api/runs` resource: submit, list, read, cancel, delete (docs/API.md).
struct RunEndpoints: Sendable {
    let store: RunStore
    let live: LiveRuns
    let datasets: DatasetCache
    let scheduler: Scheduler
    let specs = SpecCache()
    let details = ResponseCache()
    let epochsCache = EpochsCache()

    static let prefix = "/api/runs"

    func register(on router: inout Router) {
        router.add("POST", Self.prefix) { request, _ in try create(request) }
        router.add("GET", Self.prefix) { request, _ in try list(request) }
        router.add("GET", Self.prefix + "/{id}") { _, p in try show(id(p)) }
        router.add("DELETE", Self.prefix + "/{id}") { _, p in try delete(id(p)) }
        router.add("POST", Self.prefix + "/{id}/cancel") { _, p in try cancel(id(p)) }
        router.add("GET", Self.prefix + "/{id}/epochs") { request, p in try epochs(id(p), request) }
        router.add("GET", Self.prefix + "/{id}/roc") { request, p in try roc(id(p), request) }
        router.add("GET", Self.prefix + "/{id}/confusion") { request, p in try confusion(id(p), request) }
        router.add("GET", Self.prefix + "/{id}/augmented") { request, p in try augmented(id(p), request) }
        router.add("GET", Self.prefix + "/{id}/predictions") { request, p in try predictions(id(p), request) }
    }

    // MARK: - Create

    /// POST /api/runs: the body is a spec; 201 with Location and the queued run.
    func create(_ request: HTTPRequest) throws -> HTTPResponse {
        let spec = try request.decodeBody(RunSpec.self)
        guard datasets.isAvailable(spec.dataset) else {
            throw APIError(.invalidSpec, "dataset \(spec.dataset) is not installed on this server", field: "dataset")
        }
        let run = try store.createRun(try NewRun(spec))
        scheduler.notify()
        var response = HTTPResponse.json(RunInfo(run, spec: spec, live: nil), status: 201)
        response.headers.add("Location", "\(Self.prefix)/\(run.id)")
        return response
    }

    // MARK: - Read

    func id(_ parameters: [String: String]) throws -> Int64 { try pathID(parameters, kind: "run") }

    func record(_ id: Int64) throws -> RunRecord {
        guard let run = try store.run(id: id) else { throw Self.noRun(id) }
        return run
    }

    static func noRun(_ id: Int64) -> APIError { APIError(.notFound, "no run \(id)") }

    func list(_ request: HTTPRequest) throws -> HTTPResponse {
        let q = request.query.filter { !$0.value.isEmpty }    // an empty field of a form means "any"
        var query = RunQuery()
        if let s = q["status"] {
            guard let status = RunStatus(rawValue: s) else {
                throw APIError(.badRequest, "unknown status '\(s)'", field: "status")
            }
            query.status = status
        }
        (query.dataset, query.modelType, query.name) = (q["dataset"], q["model"], q["name"])
        if let s = q["sweep"] {
            guard let sweep = Int64(s) else { throw APIError(.badRequest, "sweep must be a sweep id", field: "sweep") }
            query.sweep = sweep
        }
        if let s = q["source"] {
            guard let source = RunSource(rawValue: s) else {
                throw APIError(.badRequest, "source must be mlplab or external", field: "source")
            }
            query.source = source
        }
        if let s = q["sort"] {
            guard let sort = RunSort(s) else {
                throw APIError(.badRequest, "sort must be created, test_accuracy or auc_macro, with - for descending",
                               field: "sort")
            }
            query.sort = sort
        }
        if let l = q["limit"] {
            guard let limit = Int(l), (1...500).contains(limit) else {
                throw APIError(.badRequest, "limit must be 1...500", field: "limit")
            }
            query.limit = limit
        }
        query.after = q["after"]
        let page: RunPage
        do { page = try store.listRuns(query) } catch StoreError.invalidCursor {
            throw APIError(.badRequest, "after is not a cursor this server gave", field: "after")
        }
        return .json(RunInfoList(runs: page.runs.map { response($0) }, next: page.next))
    }

    /// The run object, with the layer table and latest epoch when `detail` is set.
    func response(_ run: RunRecord, detail: Bool = false) -> RunInfo {
        let cached = specs.entry(id: run.id, specJSON: run.specJSON, layersJSON: run.layersJSON, overridesJSON: run.overridesJSON)
        let latest = detail && run.epochsDone > 0
            ? (try? store.epochs(runID: run.id))?.first { $0.epoch == run.epochsDone } : nil   // this attempt's latest
        return RunInfo(run, spec: cached.spec, live: live.progress(of: run.id), layers: detail ? cached.layers : nil,
                       latest: latest, overrides: cached.overrides)
    }

    func show(_ id: Int64) throws -> HTTPResponse {
        guard let (run, lease) = try store.runAndLease(id: id) else { throw Self.noRun(id) }
        let progress = live.progress(of: id)
        if let lease {                                      // a job's state changes outside the row: not cached
            var info = response(run, detail: true)
            info.job = RunJob(executor: lease.executor, attempt: lease.attempt, jobId: lease.jobID, state: lease.jobState,
                              retries: lease.retries)
            return .json(info)
        }
        let body = try details.body(for: run, progress: progress) ?? {
            let body = try HTTPResponse.encodeJSON(response(run, detail: true))
            details.store(body, for: run, progress: progress)
            return body
        }()
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: .bytes(body))
    }

    // MARK: - Act

    func cancel(_ id: Int64) throws -> HTTPResponse {
        _ = try record(id)
        let run = try store.requestCancel(runID: id)
        if run.status == .running { live.requestStop(id) }
        return .json(response(run))
    }

    func delete(_ id: Int64) throws -> HTTPResponse {
        _ = try record(id)
        do { try store.delete(runID: id) } catch StoreError.conflict {
            throw APIError(.conflict, "run \(id) is running; cancel it first")
        }
        specs.remove(id: id)
        details.remove(id: id)
        epochsCache.remove(id: id)
        return .empty(status: 204)
    }
}
