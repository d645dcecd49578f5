import Server
import Store

/// GET /metrics: Prometheus' text format. Runs by status and the queue length are read from the
/// store at each scrape; counters come from `ServiceMetrics`.
struct MetricsEndpoint: Sendable {
    let store: RunStore
    let metrics: ServiceMetrics
    /// Slurm jobs by state, when the Slurm executor runs (nil with threads).
    var jobStates: (@Sendable () -> [String: Int])?

    func register(on router: inout Router) {
        router.add("GET", "/metrics") { _, _ in
            var text = PrometheusText()
            let counts = try store.counts()
            text.family("mlplab_runs", "gauge", "mlplab's own runs by status.")
            for (status, count) in counts.sorted(by: { $0.key < $1.key }) { text.sample("mlplab_runs", ["status": status], Double(count)) }
            text.family("mlplab_queue_length", "gauge", "Runs waiting for a worker.")
            text.sample("mlplab_queue_length", [:], Double(counts["queued"] ?? 0))
            if let jobStates {
                text.family("mlplab_slurm_jobs", "gauge", "Slurm jobs of runs, by Slurm state.")
                for (state, count) in jobStates().sorted(by: { $0.key < $1.key }) {
                    text.sample("mlplab_slurm_jobs", ["state": state], Double(count))
                }
            }
            metrics.render(into: &text)
            return .text(text.text, contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
