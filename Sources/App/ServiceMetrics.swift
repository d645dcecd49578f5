import Locking

/// The service's counters for `GET /metrics`: HTTP requests by route and status, request
/// latency, epochs and samples trained. Gauges read at scrape time (runs by status, queue
/// length, Slurm jobs by state) come from the store and are added by `MetricsEndpoint`.
public final class ServiceMetrics: Sendable {
    /// Upper bounds (seconds) of the latency histogram's buckets; `+Inf` is implied.
    static let latencyBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct RequestKey: Hashable { let method: String, route: String, status: Int }
    /// Counts per bucket (the last is +Inf), not cumulative: a request adds to one.
    private struct Latency {
        var buckets = [UInt64](repeating: 0, count: ServiceMetrics.latencyBuckets.count + 1)
        var sum = 0.0, count: UInt64 = 0
        mutating func add(_ seconds: Double, bucket: Int) { buckets[bucket] += 1; sum += seconds; count += 1 }
    }
    private struct State {
        var requests: [RequestKey: UInt64] = [:]
        var latency: [String: Latency] = [:]
        var epochs: UInt64 = 0
        var samples: Double = 0
        /// The latest epoch's samples per second of each run training now.
        var throughput: [Int64: Double] = [:]
    }
    private let state = Lock(State())

    public init() {}

    /// One answered request (the router's `observe`). Every request passes here, so the lock is
    /// held for two in-place updates: copying the route's buckets under it (an allocation) made
    /// fifty busy connections queue for it.
    func request(method: String, route: String, status: Int, seconds: Double) {
        let key = RequestKey(method: method, route: route, status: status)
        let bucket = Self.latencyBuckets.firstIndex { seconds <= $0 } ?? Self.latencyBuckets.count
        state.withLock { s in
            s.requests[key, default: 0] += 1
            s.latency[route, default: Latency()].add(seconds, bucket: bucket)
        }
    }

    /// One stored epoch of `run`: `samplesPerSecond × trainSeconds` samples trained.
    func epoch(run: Int64, samplesPerSecond: Double?, trainSeconds: Double?) {
        state.withLock { s in
            s.epochs += 1
            if let sps = samplesPerSecond, let seconds = trainSeconds, sps.isFinite, seconds.isFinite {
                s.samples += (sps * seconds).rounded()
                s.throughput[run] = sps
            }
        }
    }

    /// `run` stopped training: its throughput leaves the gauge.
    func runEnded(_ run: Int64) { state.withLock { _ = $0.throughput.removeValue(forKey: run) } }

    /// The counters in Prometheus' text format (version 0.0.4), each family with HELP and TYPE.
    func render(into text: inout PrometheusText) {
        let s = state.withLock { $0 }
        text.family("mlplab_epochs_total", "counter", "Epochs trained and stored (rate() gives epochs per second).")
        text.sample("mlplab_epochs_total", [:], Double(s.epochs))
        text.family("mlplab_training_samples_total", "counter", "Training samples seen (rate() gives samples per second).")
        text.sample("mlplab_training_samples_total", [:], s.samples)
        text.family("mlplab_training_samples_per_second", "gauge", "Samples per second of each training run's latest epoch.")
        for (run, sps) in s.throughput.sorted(by: { $0.key < $1.key }) {
            text.sample("mlplab_training_samples_per_second", ["run": "\(run)"], sps)
        }
        text.family("mlplab_http_requests_total", "counter", "HTTP requests answered, by method, route and status.")
        for (key, count) in s.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            text.sample("mlplab_http_requests_total", ["method": key.method, "route": key.route, "status": "\(key.status)"], Double(count))
        }
        text.family("mlplab_http_request_duration_seconds", "histogram", "Time to answer a request (the handler's part), by route.")
        for (route, l) in s.latency.sorted(by: { $0.key < $1.key }) {
            var cumulative: UInt64 = 0
            for (i, bound) in Self.latencyBuckets.enumerated() {
                cumulative += l.buckets[i]
                text.sample("mlplab_http_request_duration_seconds_bucket", ["route": route, "le": PrometheusText.number(bound)], Double(cumulative))
            }
            text.sample("mlplab_http_request_duration_seconds_bucket", ["route": route, "le": "+Inf"], Double(l.count))
            text.sample("mlplab_http_request_duration_seconds_sum", ["route": route], l.sum)
            text.sample("mlplab_http_request_duration_seconds_count", ["route": route], Double(l.count))
        }
    }
}

/// Prometheus' text exposition format, written line by line.
struct PrometheusText {
    private(set) var text = ""

    mutating func family(_ name: String, _ type: String, _ help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    /// `name{k="v",...} value`, labels in the order given by key, values escaped.
    mutating func sample(_ name: String, _ labels: [String: String], _ value: Double) {
        text += name
        if !labels.isEmpty {
            let pairs = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(Self.escape($0.value))\"" }
            text += "{" + pairs.joined(separator: ",") + "}"
        }
        text += " " + Self.number(value) + "\n"
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
