/// What `mlplab worker` and the service say to each other under `/api/worker/runs/{id}/`
/// (docs/API.md, "Remote workers"). Every message names the worker's `attempt`: the service
/// answers 409 to an attempt that no longer holds the run, and the worker stops. A worker
/// taking up a run that has epochs first reads its latest checkpoint
/// (GET .../checkpoint?attempt=N, the safetensors bytes) and resumes after it.
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

    /// POST .../epoch: one finished epoch, with what a local run stores with it (its checkpoint,
    /// the test set's predictions); sent again until acknowledged, stored once, in one transaction.
    public struct Epoch: RequestBody, Codable, Sendable, Equatable {
        public var attempt: Int
        public var row: EpochRow
        public var curves: [Curve]
        public var confusion: [[Int]]
        /// The engine it trains on ("cpu/onednn/avx512"), sent with each epoch.
        public var engine: String?
        /// The whole training state after this epoch: the safetensors checkpoint a local run
        /// stores (weights, optimizer buffers and steps, random streams, the epoch). A later
        /// worker of the run resumes from it (GET .../checkpoint).
        public var checkpoint: Base64Bytes?
        /// The test set's predictions at this epoch.
        public var predictions: Predictions?
        public init(attempt: Int, row: EpochRow, curves: [Curve], confusion: [[Int]], engine: String?,
                    checkpoint: Base64Bytes? = nil, predictions: Predictions? = nil) {
            (self.attempt, self.row, self.curves, self.confusion, self.engine) = (attempt, row, curves, confusion, engine)
            (self.checkpoint, self.predictions) = (checkpoint, predictions)
        }
    }

    /// The test set's predictions at one epoch, as the service stores them (GET /api/runs/{id}/predictions):
    /// `labels` holds each image's true class (one byte per image), `scores` its `classes`
    /// softmax probabilities (N×classes float32, little-endian, row-major).
    public struct Predictions: Codable, Sendable, Equatable {
        public var classes: Int
        public var labels: Base64Bytes
        public var scores: Base64Bytes
        public init(classes: Int, labels: Base64Bytes, scores: Base64Bytes) {
            (self.classes, self.labels, self.scores) = (classes, labels, scores)
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

// MARK: - Examples (docs/openapi.json's Worker* schemas are written from them)

extension WorkerMessage.Ack: WireExample {
    public static var example: WorkerMessage.Ack { .init(stored: true, stop: false) }
}

extension WorkerMessage.Start: WireExample {
    public static var example: WorkerMessage.Start { .init(attempt: 1) }
}

extension WorkerMessage.Assignment: WireExample where Spec: WireExample {
    public static var example: WorkerMessage.Assignment<Spec> { .init(runId: 7, attempt: 1, spec: .example) }
}

extension WorkerMessage.Report: WireExample {
    public static var example: WorkerMessage.Report { .init(attempt: 1, progress: .example) }
}

extension WorkerMessage.Epoch: WireExample {
    public static var example: WorkerMessage.Epoch {
        .init(attempt: 1, row: .example, curves: [.example], confusion: [[98, 2], [1, 99]], engine: "cpu/onednn/avx512",
              checkpoint: Base64Bytes([0x10, 0, 0, 0, 0, 0, 0, 0]), predictions: .example)
    }
}

extension WorkerMessage.Predictions: WireExample {
    public static var example: WorkerMessage.Predictions {
        .init(classes: 2, labels: Base64Bytes([1]), scores: Base64Bytes([0, 0, 128, 62, 0, 0, 64, 63]))   // [0.25, 0.75]
    }
}

extension WorkerMessage.End: WireExample {
    public static var example: WorkerMessage.End { .init(attempt: 1, status: .failed, error: "training diverged", wallSeconds: 12.5) }
}
