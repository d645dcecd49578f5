/// The run object of docs/API.md: what `POST /api/runs`, `GET /api/runs[/{id}]` and
/// `POST /api/runs/{id}/cancel` answer, and what the CLI and the tests read.
///
/// Generic over the spec type so that this module needs nothing of the engine: the service
/// and the CLI use `Run<RunSpec>` (Training's `RunInfo`).
public struct Run<Spec: Codable & Sendable>: Codable, Sendable {
    public var id: Int64
    public var name: String
    public var status: RunStatus
    public var dataset: String
    public var modelType: String
    /// `mlplab` (trained here) or `external` (logged through MLflow's API: no spec, `model_type`
    /// "external", its metrics at /api/2.0/mlflow/).
    public var source: RunSource
    /// The spec as trained (every default filled in); nil only if the stored text no longer decodes.
    public var spec: Spec?
    /// ISO-8601 UTC with milliseconds ("2026-12-01T21:43:14.123Z").
    public var createdAt: String
    public var startedAt: String?
    public var finishedAt: String?
    /// Why the run failed, for `failed` runs.
    public var error: String?
    /// A remark from the service, e.g. that a restart interrupted the run.
    public var note: String?
    public var parameters: Int?
    public var device: String
    /// The engine it trains on ("cpu/onednn/avx512"); nil before it starts.
    public var engine: String?
    /// The worker thread that claimed the run.
    public var worker: Int?
    public var epochsTotal: Int
    public var epochsDone: Int
    public var cancelRequested: Bool
    public var progress: Progress
    /// The latest epoch's test accuracy and macro AUC; nil before the first epoch.
    public var testAccuracy: Double?
    public var aucMacro: Double?
    public var bestTestAccuracy: Double?
    public var trainSecondsTotal: Double
    /// Seconds from start to end of the run's last attempt (monotonic clock); nil until it ends.
    public var wallSeconds: Double?
    /// The sweep the run belongs to, and its overrides of the sweep's base spec (path → value).
    public var sweepId: Int64?
    public var overrides: JSONValue?
    /// Only in `GET /api/runs/{id}`: the layer table and the latest epoch's row.
    public var layers: [LayerRow]?
    public var latest: EpochRow?
    /// Only in `GET /api/runs/{id}`, for a run handed to a remote executor: its job.
    public var job: RunJob?

    enum CodingKeys: String, CodingKey {
        case id, name, status, dataset, source, spec, error, note, parameters, device, engine, worker, progress, layers, latest, job
        case modelType = "model_type", createdAt = "created_at", startedAt = "started_at", finishedAt = "finished_at"
        case epochsTotal = "epochs_total", epochsDone = "epochs_done", cancelRequested = "cancel_requested"
        case testAccuracy = "test_accuracy", aucMacro = "auc_macro", bestTestAccuracy = "best_test_accuracy"
        case trainSecondsTotal = "train_seconds_total", wallSeconds = "wall_seconds", sweepId = "sweep_id", overrides
    }

    public init(id: Int64, name: String, status: RunStatus, dataset: String, modelType: String, spec: Spec?,
                createdAt: String, device: String, epochsTotal: Int, progress: Progress) {
        (self.id, self.name, self.status, self.dataset, self.modelType, self.spec) = (id, name, status, dataset, modelType, spec)
        source = .mlplab
        (self.createdAt, self.device, self.epochsTotal, self.progress) = (createdAt, device, epochsTotal, progress)
        (epochsDone, cancelRequested, trainSecondsTotal) = (0, false, 0)
    }
}

/// Where a running run is inside its current epoch (kept in memory, not in SQLite).
public struct Progress: Codable, Sendable, Equatable {
    public var epoch: Int
    public var batch: Int
    public var batches: Int
    /// Fraction of the whole run done, 0...1.
    public var fraction: Double

    public init(epoch: Int, batch: Int, batches: Int, fraction: Double) {
        (self.epoch, self.batch, self.batches, self.fraction) = (epoch, batch, batches, fraction)
    }
}

/// GET /api/runs: one page, and the cursor of the next (`?after=`), nil on the last page.
public struct RunList<Spec: Codable & Sendable>: Codable, Sendable {
    public var runs: [Run<Spec>]
    public var next: String?
    public init(runs: [Run<Spec>], next: String?) { (self.runs, self.next) = (runs, next) }
}

/// One row of a model's layer table: name, output shape in PyTorch's (B, P, D) order with the
/// batch left out, parameter count.
public struct LayerRow: Codable, Equatable, Sendable {
    public var layer: String
    public var outputShape: [Int]
    public var parameters: Int
    enum CodingKeys: String, CodingKey { case layer, outputShape = "output_shape", parameters }
    public init(layer: String, outputShape: [Int], parameters: Int) {
        (self.layer, self.outputShape, self.parameters) = (layer, outputShape, parameters)
    }
}

/// The payload of an SSE `status` event.
public struct StatusEvent: Codable, Sendable, Equatable {
    public var status: RunStatus
    public var error: String?
    public init(status: RunStatus, error: String?) { (self.status, self.error) = (status, error) }
}

/// GET /api/health.
public struct Health: Codable, Sendable, Equatable {
    public var status: String
    public var version: String
    public var workers: Int
    public var queued: Int
    public var running: Int
    /// The CPU, then every usable GPU.
    public var devices: [DeviceInfo]
    /// Why no GPU can be used ("libcuda.so.1: not found"); nil when one can.
    public var gpuUnavailable: String?
    /// GPU workers (0 without a GPU).
    public var gpuWorkers: Int

    enum CodingKeys: String, CodingKey {
        case status, version, workers, queued, running, devices
        case gpuUnavailable = "gpu_unavailable", gpuWorkers = "gpu_workers"
    }

    public init(status: String, version: String, workers: Int, queued: Int, running: Int, devices: [DeviceInfo] = [],
                gpuUnavailable: String? = nil, gpuWorkers: Int = 0) {
        (self.status, self.version, self.workers, self.queued, self.running) = (status, version, workers, queued, running)
        (self.devices, self.gpuUnavailable, self.gpuWorkers) = (devices, gpuUnavailable, gpuWorkers)
    }
}

/// A device that trains runs: the CPU, or one CUDA GPU.
public struct DeviceInfo: Codable, Sendable, Equatable {
    /// "cpu" or "cuda".
    public var type: String
    /// The GPU's index (`"device": "gpu:N"`); nil for the CPU.
    public var index: Int?
    public var name: String
    /// The GPU's memory; nil for the CPU.
    public var memoryMB: Int?
    /// The CPU engine's name ("cpu/onednn/avx512"), or the GPU's compute capability ("9.0").
    public var detail: String

    enum CodingKeys: String, CodingKey {
        case type, index, name, detail
        case memoryMB = "memory_mb"
    }

    public init(type: String, index: Int?, name: String, memoryMB: Int?, detail: String) {
        (self.type, self.index, self.name, self.memoryMB, self.detail) = (type, index, name, memoryMB, detail)
    }
}

extension Run: WireExample where Spec: WireExample {
    public static var example: Run {
        var run = Run(id: 1, name: "seed-mlp", status: .finished, dataset: "digits", modelType: "mlp", spec: .example,
                      createdAt: "2026-12-01T21:43:14.123Z", device: "cpu", epochsTotal: 10, progress: .example)
        (run.startedAt, run.finishedAt, run.error, run.note) = ("2026-12-01T21:43:14.200Z", "2026-12-01T21:43:17.600Z", "", "")
        (run.parameters, run.worker, run.epochsDone, run.engine) = (87_390, 0, 10, "cpu/onednn/avx512")
        (run.testAccuracy, run.aucMacro, run.bestTestAccuracy, run.trainSecondsTotal, run.wallSeconds) = (0.97, 0.999, 0.98, 3.1, 3.4)
        (run.layers, run.latest, run.sweepId, run.overrides) = ([.example], .example, 1, .object(["optimizer.lr": .number(0.01)]))
        run.job = .example
        return run
    }
}
extension RunList: WireExample where Spec: WireExample {
    public static var example: RunList { RunList(runs: [.example], next: "cursor") }
}
extension Progress: WireExample { public static var example: Progress { Progress(epoch: 10, batch: 5, batches: 10, fraction: 0.95) } }
extension LayerRow: WireExample { public static var example: LayerRow { LayerRow(layer: "Linear(100 -> 80)", outputShape: [80], parameters: 8_080) } }
extension StatusEvent: WireExample { public static var example: StatusEvent { StatusEvent(status: .failed, error: "diverged") } }
extension Health: WireExample {
    public static var example: Health {
        Health(status: "ok", version: "0.1.0", workers: 2, queued: 0, running: 1, devices: [.example],
               gpuUnavailable: "libcuda.so.1: not found", gpuWorkers: 0)
    }
}
extension DeviceInfo: WireExample {
    public static var example: DeviceInfo {
        DeviceInfo(type: "cuda", index: 0, name: "NVIDIA H200", memoryMB: 143_771, detail: "9.0")
    }
}
