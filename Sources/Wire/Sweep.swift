/// A sweep as `GET /api/sweeps/{id}` serves it: where it stands, its best run, and one row per
/// configuration summarising its seeds.
public struct Sweep: Codable, Sendable {
    public var id: Int64
    public var name: String
    /// `queued` (nothing started), `running`, `finished` (every run over) or `cancelled`.
    public var status: String
    public var createdAt: String
    public var metric: String
    public var goal: String
    public var counts: StatusCounts
    public var runsTotal: Int
    /// Epochs trained over all runs (early stopping saves some of them).
    public var epochsTrained: Int
    public var best: Best?
    /// Only in `GET /api/sweeps/{id}`, best configuration first.
    public var configurations: [Configuration]?
    /// Only in `GET /api/sweeps/{id}`: the sweep as submitted, defaults filled in.
    public var spec: SweepSpec?

    enum CodingKeys: String, CodingKey {
        case id, name, status, metric, goal, counts, best, configurations, spec
        case createdAt = "created_at", runsTotal = "runs_total", epochsTrained = "epochs_trained"
    }

    public init(id: Int64, name: String, status: String, createdAt: String, metric: String, goal: String,
                counts: StatusCounts, runsTotal: Int, epochsTrained: Int) {
        (self.id, self.name, self.status, self.createdAt, self.metric, self.goal) = (id, name, status, createdAt, metric, goal)
        (self.counts, self.runsTotal, self.epochsTrained) = (counts, runsTotal, epochsTrained)
    }

    /// Runs by status.
    public struct StatusCounts: Codable, Sendable, Equatable {
        public var queued = 0, running = 0, finished = 0, failed = 0, cancelled = 0, stoppedEarly = 0
        enum CodingKeys: String, CodingKey { case queued, running, finished, failed, cancelled, stoppedEarly = "stopped_early" }
        public init() {}
        public subscript(status: RunStatus) -> Int {
            get {
                switch status {
                case .queued: queued
                case .running: running
                case .finished: finished
                case .failed: failed
                case .cancelled: cancelled
                case .stoppedEarly: stoppedEarly
                }
            }
            set {
                switch status {
                case .queued: queued = newValue
                case .running: running = newValue
                case .finished: finished = newValue
                case .failed: failed = newValue
                case .cancelled: cancelled = newValue
                case .stoppedEarly: stoppedEarly = newValue
                }
            }
        }
    }

    /// The run with the best objective (its best epoch's value).
    public struct Best: Codable, Sendable, Equatable {
        public var runId: Int64
        public var objective: Double
        public var overrides: JSONValue
        enum CodingKeys: String, CodingKey { case runId = "run_id", objective, overrides }
        public init(runId: Int64, objective: Double, overrides: JSONValue) {
            (self.runId, self.objective, self.overrides) = (runId, objective, overrides)
        }
    }

    /// Mean, standard deviation (sample, n-1; 0 for one value), min and max over a
    /// configuration's runs that have the value.
    public struct Summary: Codable, Sendable, Equatable {
        public var n: Int
        public var mean: Double, std: Double, min: Double, max: Double
        public init?(_ values: [Double]) {
            guard !values.isEmpty else { return nil }
            n = values.count
            mean = values.reduce(0, +) / Double(n)
            let m = mean
            std = n > 1 ? (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n - 1)).squareRoot() : 0
            (min, max) = (values.min()!, values.max()!)
        }
    }

    /// One configuration (the overrides but the seed) over its seeds.
    public struct Configuration: Codable, Sendable, Equatable {
        public var key: String
        public var overrides: JSONValue
        public var runIds: [Int64]
        /// Each run's best objective over its epochs.
        public var objective: Summary?
        /// Each run's final (latest) test accuracy and macro AUC.
        public var testAccuracy: Summary?
        public var aucMacro: Summary?
        enum CodingKeys: String, CodingKey {
            case key, overrides, objective, runIds = "run_ids", testAccuracy = "test_accuracy", aucMacro = "auc_macro"
        }
        public init(key: String, overrides: JSONValue, runIds: [Int64], objective: Summary?, testAccuracy: Summary?,
                    aucMacro: Summary?) {
            (self.key, self.overrides, self.runIds) = (key, overrides, runIds)
            (self.objective, self.testAccuracy, self.aucMacro) = (objective, testAccuracy, aucMacro)
        }
    }
}

/// GET /api/sweeps.
public struct SweepList: Codable, Sendable {
    public var sweeps: [Sweep]
    public init(sweeps: [Sweep]) { self.sweeps = sweeps }
}

extension JSONValue: SchemaEncoder.Named { public static var schemaName: String { "Any" } }
extension SweepSpec: SchemaEncoder.Named { public static var schemaName: String { "SweepSpec" } }

extension Sweep: WireExample {
    public static var example: Sweep {
        var sweep = Sweep(id: 1, name: "lab-optimizers", status: "running", createdAt: "2026-12-01T21:43:14.123Z",
                          metric: "validation_accuracy", goal: "max", counts: .init(), runsTotal: 15, epochsTrained: 40)
        sweep.best = Best(runId: 3, objective: 0.97, overrides: .object(["optimizer.lr": .number(0.01)]))
        sweep.configurations = [Configuration(key: "k", overrides: .object([:]), runIds: [1, 2, 3], objective: Summary([0.97, 0.96]),
                                              testAccuracy: Summary([0.97]), aucMacro: Summary([0.999]))]
        sweep.spec = SweepSpec()
        return sweep
    }
}
extension SweepList: WireExample { public static var example: SweepList { SweepList(sweeps: [.example]) } }
