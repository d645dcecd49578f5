import Locking
import Server
import Store
import Training
import Wire

/// `/api/worker/runs/{id}/...`: where `mlplab worker` (a Slurm job, or one started by hand)
/// fetches its spec and the checkpoint it resumes from, and reports progress, epochs (each
/// with its checkpoint and predictions, stored as a local run's) and its end. A worker's token
/// is scoped to its run (`run:ID`); every message names its attempt, and one whose attempt no
/// longer holds the run gets 409 and stops.
struct WorkerEndpoints: Sendable {
    let store: RunStore
    let live: LiveRuns
    let bus: EventBus
    let metrics: ServiceMetrics
    /// One epoch write at a time: the duplicate check and the write are two steps.
    private let epochWrites = Serial()

    /// Where every worker endpoint lives (their bodies may be larger: see `ServiceConfig.limits`).
    static let root = "/api/worker/"
    static let prefix = root + "runs/{id}"

    init(store: RunStore, live: LiveRuns, bus: EventBus, metrics: ServiceMetrics) {
        (self.store, self.live, self.bus, self.metrics) = (store, live, bus, metrics)
    }

    func register(on router: inout Router) {
        router.add("POST", Self.prefix + "/start") { request, p in try start(pathID(p, kind: "run"), request) }
        router.add("POST", Self.prefix + "/progress") { request, p in try progress(pathID(p, kind: "run"), request) }
        router.add("POST", Self.prefix + "/epoch") { request, p in try epoch(pathID(p, kind: "run"), request) }
        router.add("GET", Self.prefix + "/checkpoint") { request, p in try checkpoint(pathID(p, kind: "run"), request) }
        router.add("POST", Self.prefix + "/end") { request, p in try end(pathID(p, kind: "run"), request) }
    }

    /// The run as `attempt` holds it; 409 when it holds it no more (cancelled and ended,
    /// re-queued, handed to a newer attempt).
    func held(_ id: Int64, attempt: Int) throws -> RunRecord {
        guard let run = try store.heldRun(runID: id, attempt: attempt) else {
            throw APIError(.conflict, "run \(id) is not running under attempt \(attempt); stop")
        }
        return run
    }

    func start(_ id: Int64, _ request: HTTPRequest) throws -> HTTPResponse {
        let message = try request.decodeBody(WorkerMessage.Start.self)
        guard let lease = try store.lease(runID: id) else {
            throw APIError(.conflict, "run \(id) is not handed to a remote worker")
        }
        let run = try held(id, attempt: message.attempt ?? lease.attempt)
        let spec: RunSpec
        do { spec = try RunSpec.decode(Array(run.specJSON.utf8)) } catch {
            throw APIError(.conflict, "run \(id)'s stored spec no longer decodes: \(error)")
        }
        bus.publish(runID: id, name: "status", StatusEvent(status: .running, error: nil))
        return .json(WorkerMessage.Assignment(runId: id, attempt: message.attempt ?? lease.attempt, spec: spec))
    }

    func progress(_ id: Int64, _ request: HTTPRequest) throws -> HTTPResponse {
        let message = try request.decodeBody(WorkerMessage.Report.self)
        let run = try held(id, attempt: message.attempt)
        live.setProgress(message.progress, for: id)
        bus.publish(runID: id, name: "progress", message.progress)
        return .json(WorkerMessage.Ack(stored: true, stop: run.cancelRequested))
    }

    func epoch(_ id: Int64, _ request: HTTPRequest) throws -> HTTPResponse {
        let message = try request.decodeBody(WorkerMessage.Epoch.self)
        let checkpoint = try Self.checkpoint(of: message)
        let predictions = try message.predictions.map { try PredictionSet($0, epoch: message.row.epoch) }
        let outcome = try epochWrites.run {
            try store.recordRemoteEpoch(runID: id, attempt: message.attempt, epoch: message.row, curves: message.curves,
                                        confusion: message.confusion, checkpoint: checkpoint, predictions: predictions)
        }
        let run = try store.run(id: id)
        switch outcome {
        case .notYours: throw APIError(.conflict, "run \(id) is not running under attempt \(message.attempt); stop")
        case .duplicate: break
        case .stored:         // a resumed run's new job may train on another node's engine
            if let engine = message.engine, run?.engine != engine { try store.setEngine(runID: id, engine: engine) }
            metrics.epoch(run: id, samplesPerSecond: message.row.samplesPerSecond, trainSeconds: message.row.trainSeconds)
            bus.publish(runID: id, name: "epoch", message.row, epoch: message.row.epoch)
        }
        return .json(WorkerMessage.Ack(stored: outcome == .stored, stop: run?.cancelRequested ?? true))
    }

    func end(_ id: Int64, _ request: HTTPRequest) throws -> HTTPResponse {
        let message = try request.decodeBody(WorkerMessage.End.self)
        guard message.status.isFinal else {
            throw APIError(.invalidSpec, "status must be finished, failed or cancelled", field: "status")
        }
        guard try store.finishRemote(runID: id, attempt: message.attempt, status: message.status, error: message.error,
                                     wallSeconds: message.wallSeconds) else {
            throw APIError(.conflict, "run \(id) is not running under attempt \(message.attempt); stop")
        }
        live.clear(id)
        metrics.runEnded(id)
        try store.revokeTokens(scope: TokenScope.run(id).description)     // the job's token dies with it
        bus.publish(runID: id, name: "status", StatusEvent(status: message.status, error: message.error), isLast: true)
        return .json(WorkerMessage.Ack(stored: true, stop: true))
    }
}

/// Runs closures one at a time.
final class Serial: Sendable {
    private let mutex = Lock(())

    func run<T: Sendable>(_ body: () throws -> T) throws -> T {
        try mutex.withLock { _ in try body() }
    }
}
