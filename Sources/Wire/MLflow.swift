/// The shapes of MLflow's REST tracking API (`/api/2.0/mlflow/`), as its Python client reads and
/// writes them: snake_case keys, int64 times in milliseconds, run statuses in capitals
/// (mlflow/protos/service.proto). Entities here; each endpoint's `Request` and `Response` in
/// the `MLflow+…` files beside this one.
public enum MLflow {
    /// An empty response (`{}`), as most writes answer.
    public struct Empty: Codable, Sendable, Equatable { public init() {} }

    /// A param, or a run's or an experiment's tag.
    public struct KeyValue: Codable, Sendable, Equatable {
        public var key: String
        public var value: String
        enum CodingKeys: String, CodingKey, CaseIterable { case key, value }
        public init(key: String, value: String) { (self.key, self.value) = (key, value) }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(CodingKeys.self, context: "a param or tag")
            key = try c.requireText(forKey: .key)
            value = try c.decodeIfPresent(String.self, forKey: .value) ?? ""
        }
    }

    /// One metric value at a step.
    public struct Metric: Codable, Sendable, Equatable {
        public var key: String
        public var value: Double
        public var timestamp: Int64
        public var step: Int64
        enum CodingKeys: String, CodingKey, CaseIterable {
            case key, value, timestamp, step, runID = "run_id", runUUID = "run_uuid", modelID = "model_id"
            case datasetName = "dataset_name", datasetDigest = "dataset_digest"
        }
        public init(key: String, value: Double, timestamp: Int64, step: Int64) {
            (self.key, self.value, self.timestamp, self.step) = (key, value, timestamp, step)
        }
        /// One pass over the object's keys, refusing unknown ones: a log-batch holds up to 1,000
        /// metrics, and this is most of its decoding time.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            var key: String?, value: Double?, timestamp: Int64?, step: Int64?
            for k in c.allKeys {
                switch CodingKeys(rawValue: k.stringValue) {
                case .key: key = try c.decodeText(forKey: k)
                case .value: value = try c.decodeDouble(forKey: k)
                case .timestamp: timestamp = try c.decodeInt64(forKey: k)
                case .step: step = try c.decodeInt64(forKey: k)
                case .some: break                      // run_id, model_id, dataset_*: accepted, not kept
                case nil:
                    try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.rawValue), context: "a metric")
                }
            }
            func missing(_ name: CodingKeys) -> SpecError {
                SpecError(field: (c.codingPath + [name]).fieldPath, "is required")
            }
            guard let key else { throw missing(.key) }
            guard let value else { throw missing(.value) }
            guard let timestamp else { throw missing(.timestamp) }
            (self.key, self.value, self.timestamp, self.step) = (key, value, timestamp, step ?? 0)
        }
        /// NaN and infinities are written as protobuf's strings, which MLflow's client reads back.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            if value.isNaN { try c.encode("NaN", forKey: .value) }
            else if value.isInfinite { try c.encode(value > 0 ? "Infinity" : "-Infinity", forKey: .value) }
            else { try c.encode(value, forKey: .value) }
            try c.encode(timestamp, forKey: .timestamp)
            try c.encode(step, forKey: .step)
        }
    }

    /// `RUNNING`, `SCHEDULED`, `FINISHED`, `FAILED`, `KILLED`.
    public enum RunStatus: String, Codable, Sendable, CaseIterable {
        case running = "RUNNING", scheduled = "SCHEDULED", finished = "FINISHED", failed = "FAILED", killed = "KILLED"
    }

    public struct Experiment: Codable, Sendable, Equatable {
        public var experimentID: String
        public var name: String
        public var artifactLocation: String
        public var lifecycleStage: String
        public var lastUpdateTime: Int64
        public var creationTime: Int64
        public var tags: [KeyValue]
        enum CodingKeys: String, CodingKey {
            case name, tags, experimentID = "experiment_id", artifactLocation = "artifact_location"
            case lifecycleStage = "lifecycle_stage", lastUpdateTime = "last_update_time", creationTime = "creation_time"
        }
        public init(experimentID: String, name: String, artifactLocation: String, lifecycleStage: String,
                    lastUpdateTime: Int64, creationTime: Int64, tags: [KeyValue]) {
            (self.experimentID, self.name, self.artifactLocation, self.lifecycleStage) = (experimentID, name, artifactLocation, lifecycleStage)
            (self.lastUpdateTime, self.creationTime, self.tags) = (lastUpdateTime, creationTime, tags)
        }
    }

    public struct RunInfo: Codable, Sendable, Equatable {
        public var runID: String
        public var runUUID: String
        public var runName: String
        public var experimentID: String
        public var userID: String
        public var status: RunStatus
        public var startTime: Int64
        public var endTime: Int64?
        public var artifactURI: String
        public var lifecycleStage: String
        enum CodingKeys: String, CodingKey {
            case status, runID = "run_id", runUUID = "run_uuid", runName = "run_name", experimentID = "experiment_id"
            case userID = "user_id", startTime = "start_time", endTime = "end_time", artifactURI = "artifact_uri"
            case lifecycleStage = "lifecycle_stage"
        }
        public init(runID: String, runName: String, experimentID: String, userID: String, status: RunStatus,
                    startTime: Int64, endTime: Int64?, artifactURI: String, lifecycleStage: String) {
            (self.runID, runUUID, self.runName, self.experimentID, self.userID) = (runID, runID, runName, experimentID, userID)
            (self.status, self.startTime, self.endTime) = (status, startTime, endTime)
            (self.artifactURI, self.lifecycleStage) = (artifactURI, lifecycleStage)
        }
    }

    public struct RunData: Codable, Sendable, Equatable {
        public var metrics: [Metric]
        public var params: [KeyValue]
        public var tags: [KeyValue]
        public init(metrics: [Metric], params: [KeyValue], tags: [KeyValue]) {
            (self.metrics, self.params, self.tags) = (metrics, params, tags)
        }
    }

    public struct Run: Codable, Sendable, Equatable {
        public var info: RunInfo
        public var data: RunData
        public var inputs: Empty
        public init(info: RunInfo, data: RunData) { (self.info, self.data, inputs) = (info, data, Empty()) }
    }
}
