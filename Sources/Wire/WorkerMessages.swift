/// What `mlplab worker` and the service say to each other under `/api/worker/runs/{id}/`
/// (docs/API.md, "Remote workers"). Every message names the worker's `attempt`: the service
/// answers 409 to an attempt that no longer holds the run, and the worker stops.
public enum WorkerMessage {
    /// POST .../start: the worker takes up its run. `attempt` nil: the run's current attempt
    /// (a worker started by hand for a run leased to it).
    public struct Start: RequestBody, Codable, Sendable, Equatable {
        public var attempt: Int?
        public init(attempt: Int?) { self.attempt = attempt }
    }

    /// The answer to `Start`: the spec to train (every default filled in) and the attempt held.
    public struct Assignment<Spec: Codable & Sendable>: Codable, Sendable {
        public var runId: Int64
        public var attempt: Int
        public var spec: Spec
        enum CodingKeys: String, CodingKey { case runId = "run_id", attempt, spec }
        public init(runId: Int64, attempt: Int, spec: Spec) { (self.runId, self.attempt, self.spec) = (runId, attempt, spec) }
    }

    /// POST .../progress: where the worker is inside the epoch (a few per second at most).
    public struct Report: RequestBody, Codable, Sendable, Equatable {
        public var attempt: Int
        public var progress: Progress
        public init(attempt: Int, progress: Progress) { (self.attempt, self.progress) = (attempt, progress) }
    }

    /// POST .../epoch: one finished epoch; sent again until acknowledged, stored once.
    public struct Epoch: RequestBody, Codable, Sendable, Equatable {
        public var attempt: Int
        public var row: EpochRow
        public var curves: [Curve]
        public var confusion: [[Int]]
        /// The engine it trains on ("cpu/onednn/avx512"), sent with each epoch.
        public var engine: String?
        public init(attempt: Int, row: EpochRow, curves: [Curve], confusion: [[Int]], engine: String?) {
            (self.attempt, self.row, self.curves, self.confusion, self.engine) = (attempt, row, curves, confusion, engine)
        }
    }

    /// POST .../end: how the run ended on the worker.
    public struct End: RequestBody, Codable, Sendable, Equatable {
        public var attempt: Int
        /// `finished`, `failed` or `cancelled`.
        public var status: RunStatus
        public var error: String?
        public var wallSeconds: Double?
        enum CodingKeys: String, CodingKey { case attempt, status, error, wallSeconds = "wall_seconds" }
        public init(attempt: Int, status: RunStatus, error: String?, wallSeconds: Double?) {
            (self.attempt, self.status, self.error, self.wallSeconds) = (attempt, status, error, wallSeconds)
        }
    }

    /// The answer to progress, epoch and end: whether this message was stored now (false for
    /// an epoch already stored), and whether the worker should stop (a cancel was asked for).
    public struct Ack: Codable, Sendable, Equatable {
        public var stored: Bool
        public var stop: Bool
        public init(stored: Bool, stop: Bool) { (self.stored, self.stop) = (stored, stop) }
    }
}

extension WorkerMessage.Ack: WireExample {
    public static var example: WorkerMessage.Ack { .init(stored: true, stop: false) }
}
