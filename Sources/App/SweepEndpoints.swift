import Server
import Store
import Training
import Wire

/// The `/api/sweeps` resource: submit a sweep (expanded into runs), list, read with its
/// configuration table (JSON or CSV), cancel, delete.
struct SweepEndpoints: Sendable {
    let store: RunStore
    let live: LiveRuns
    let datasets: DatasetCache
    let scheduler: Scheduler

    static let prefix = "/api/sweeps"

    func register(on router: inout Router) {
        router.add("POST", Self.prefix) { request, _ in try create(request) }
        router.add("GET", Self.prefix) { _, _ in try list() }
        router.add("GET", Self.prefix + "/{id}") { request, p in try show(id(p), request) }
        router.add("POST", Self.prefix + "/{id}/cancel") { _, p in try cancel(id(p)) }
        router.add("DELETE", Self.prefix + "/{id}") { _, p in try delete(id(p)) }
    }

    /// POST /api/sweeps: every run is expanded and validated first; one bad combination
    /// refuses the whole sweep, and nothing is stored.
    func create(_ request: HTTPRequest) throws -> HTTPResponse {
        let body = try request.decodeBody(SweepSpec.self)
        let plan: SweepPlan
        do { plan = try SweepPlan(body) } catch { throw APIError(.invalidSpec, error.message, field: error.field) }
        for dataset in Set(plan.runs.map(\.spec.dataset)) where !datasets.isAvailable(dataset) {
            throw APIError(.invalidSpec, "dataset \(dataset) is not installed on this server", field: "base.dataset")
        }
        let runs = try plan.runs.map { try NewRun($0.spec, overrides: .object($0.overrides), configKey: $0.configKey) }
        let sweep = try store.createSweep(name: plan.sweep.name, specJSON: try WireJSON.text(plan.sweep), metric: plan.metric,
                                          goal: plan.sweep.objective.goal.rawValue, runs: runs)
        scheduler.notify()
        var response = HTTPResponse.json(try report(sweep, detail: true), status: 201)
        response.headers.add("Location", "\(Self.prefix)/\(sweep.id)")
        return response
    }

    func id(_ parameters: [String: String]) throws -> Int64 { try pathID(parameters, kind: "sweep") }

    func record(_ id: Int64) throws -> SweepRecord {
        guard let sweep = try store.sweep(id: id) else { throw APIError(.notFound, "no sweep \(id)") }
        return sweep
    }

    func report(_ sweep: SweepRecord, detail: Bool) throws -> Sweep {
        var report = SweepReport.make(sweep, runs: try store.runs(sweepID: sweep.id),
                                      series: try store.metricSeries(sweepID: sweep.id, metric: sweep.metric), detail: detail)
        if detail { report.spec = try? WireJSON.decode(SweepSpec.self, from: Array(sweep.specJSON.utf8)) }
        return report
    }

    func list() throws -> HTTPResponse {
        .json(SweepList(sweeps: try store.sweeps().map { try report($0, detail: false) }))
    }

    func show(_ id: Int64, _ request: HTTPRequest) throws -> HTTPResponse {
        let sweep = try report(try record(id), detail: true)
        switch request.query["format"] ?? "json" {
        case "json": return .json(sweep)
        case "csv":
            var response = HTTPResponse.text(SweepReport.csv(sweep), contentType: "text/csv; charset=utf-8")
            response.headers.add("Content-Disposition", "attachment; filename=\"sweep-\(id).csv\"")
            return response
        case let other: throw APIError(.badRequest, "format must be json or csv (got \(other))", field: "format")
        }
    }

    func cancel(_ id: Int64) throws -> HTTPResponse {
        let sweep = try record(id)
        for run in try store.cancelSweep(id: id) { live.requestStop(run) }
        return .json(try report(sweep, detail: false))
    }

    func delete(_ id: Int64) throws -> HTTPResponse {
        _ = try record(id)
        do { try store.deleteSweep(id: id) } catch let StoreError.conflict(message) { throw APIError(.conflict, message) }
        return .empty(status: 204)
    }
}
