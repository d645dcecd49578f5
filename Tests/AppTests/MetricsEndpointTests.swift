import Foundation
@testable import App
import Testing
import TestSupport
import Training
import Wire

/// GET /metrics parses as Prometheus text (a small parser of the exposition format below) and
/// its counters move with requests and training.
@Suite(.serialized) struct MetricsEndpointTests {
    /// One sample line: name, labels, value.
    struct Sample: Equatable { let name: String; let labels: [String: String]; let value: Double }

    /// Parses the text format strictly: `# HELP`/`# TYPE` comments, then samples whose family was
    /// typed before them; throws on any other line.
    static func parse(_ text: String) throws -> (types: [String: String], samples: [Sample]) {
        struct Bad: Error { let line: String }
        var types: [String: String] = [:], samples: [Sample] = []
        let name = #"[a-zA-Z_:][a-zA-Z0-9_:]*"#
        let sampleLine = try Regex(#"^("# + name + #")(\{((?:[^"}]|"(?:[^"\\]|\\.)*")*)\})? (\S+)$"#)
        let label = try Regex(#"([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)""#)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            if line.hasPrefix("# HELP ") { continue }
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4, ["counter", "gauge", "histogram"].contains(parts[3]) else { throw Bad(line: String(line)) }
                types[String(parts[2])] = String(parts[3])
                continue
            }
            guard let m = try sampleLine.wholeMatch(in: String(line)) else { throw Bad(line: String(line)) }
            let sampleName = String(m.output[1].substring!)
            var labels: [String: String] = [:]
            if let body = m.output[3].substring {
                for l in body.matches(of: label) { labels[String(l.output[1].substring!)] = String(l.output[2].substring!) }
            }
            let family = ["_bucket", "_sum", "_count"].reduce(sampleName) { n, suffix in
                n.hasSuffix(suffix) && types[String(n.dropLast(suffix.count))] == "histogram" ? String(n.dropLast(suffix.count)) : n
            }
            guard types[family] != nil, let value = Double(m.output[4].substring!.replacingOccurrences(of: "+Inf", with: "inf"))
            else { throw Bad(line: String(line)) }
            samples.append(Sample(name: sampleName, labels: labels, value: value))
        }
        return (types, samples)
    }

    static func value(_ samples: [Sample], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { sample in sample.name == name && labels.allSatisfy { k, v in sample.labels[k] == v } }?.value
    }

    @Test func metrics_parse_andCountersMoveWithRequestsAndEpochs() throws {
        let h = try ServiceHarness()
        let before = try Self.parse(try h.request("GET", "/metrics").text).samples
        #expect(Self.value(before, "mlplab_runs", ["status": "queued"]) == 0)
        #expect(Self.value(before, "mlplab_epochs_total") == 0)

        let spec = #"{"name": "m", "epochs": 2, "batch_size": 32, "model": {"hidden": [8]}}"#
        let id = try h.request("POST", "/api/runs", body: spec).json(RunInfo.self).id
        try h.waitFor(run: id) { $0.status.isFinal }
        for _ in 0..<3 { _ = try h.request("GET", "/api/runs/\(id)") }
        _ = try h.request("GET", "/api/runs/999")

        let response = try h.request("GET", "/metrics")
        #expect(response.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        let (types, after) = try Self.parse(response.text)
        #expect(types["mlplab_http_request_duration_seconds"] == "histogram")
        #expect(Self.value(after, "mlplab_runs", ["status": "finished"]) == 1)
        #expect(Self.value(after, "mlplab_queue_length") == 0)
        #expect(Self.value(after, "mlplab_epochs_total") == 2)
        #expect(Self.value(after, "mlplab_training_samples_total") == 600)      // 2 epochs of the harness's 300 images
        let shows = Self.value(after, "mlplab_http_requests_total", ["route": "/api/runs/{id}", "method": "GET", "status": "200"])
        #expect(shows ?? 0 >= 3)
        #expect(Self.value(after, "mlplab_http_requests_total", ["route": "/api/runs/{id}", "status": "404"]) == 1)
        #expect(Self.value(after, "mlplab_http_requests_total", ["route": "/api/runs", "method": "POST", "status": "201"]) == 1)

        // Each route's histogram: buckets never decrease, +Inf equals the count.
        let buckets = after.filter { $0.name == "mlplab_http_request_duration_seconds_bucket" && $0.labels["route"] == "/api/runs/{id}" }
        #expect(buckets.count == ServiceMetrics.latencyBuckets.count + 1)
        #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0.value <= $1.value })
        #expect(buckets.last?.labels["le"] == "+Inf")
        #expect(buckets.last?.value == Self.value(after, "mlplab_http_request_duration_seconds_count", ["route": "/api/runs/{id}"]))
    }

    @Test func prometheusText_escapesLabelValues() throws {
        var text = PrometheusText()
        text.family("x_total", "counter", "x")
        text.sample("x_total", ["route": "a\"b\\c\nd"], 2.5)
        #expect(text.text.hasSuffix(#"x_total{route="a\"b\\c\nd"} 2.5"# + "\n"))
        #expect(try Self.parse(text.text).samples.count == 1)
    }
}
