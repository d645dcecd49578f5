/// One MLflow experiment, as stored. Times are milliseconds since the epoch.
public struct ExperimentRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var artifactLocation: String
    /// `active` or `deleted`.
    public var lifecycleStage: String
    public var creationTime: Int64
    public var lastUpdateTime: Int64
    public var tags: [KeyValue]
}

/// A param or tag: a key and its text.
public struct KeyValue: Sendable, Equatable, Hashable {
    public var key: String
    public var value: String
    public init(key: String, value: String) { (self.key, self.value) = (key, value) }
}

/// One logged metric value. `value` is NaN when NaN was logged (stored as NULL).
public struct MetricPoint: Sendable, Equatable {
    public var key: String
    public var value: Double
    /// Milliseconds since the epoch.
    public var timestamp: Int64
    public var step: Int64
    public init(key: String, value: Double, timestamp: Int64, step: Int64) {
        (self.key, self.value, self.timestamp, self.step) = (key, value, timestamp, step)
    }
}
