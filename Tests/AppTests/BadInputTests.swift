import Foundation
import Testing
import TestSupport
import Training
import Wire

/// Each bad request gets a 4xx JSON error, and the server goes on serving.
@Suite(.serialized) struct BadInputTests {
    static let harness = try! ServiceHarness()

    /// (body, status, code, field)
    static let invalidSpecs: [(String, Int, String, String?)] = [
        (#"{"epochs": 2"#, 400, "bad_request", nil),
        (#"{"epochs": "two"}"#, 400, "invalid_spec", "epochs"),
        (#"{"model": {"type": "transformer"}}"#, 400, "invalid_spec", "model.type"),
        (#"{"optimizer": {"type": "adamax"}}"#, 400, "invalid_spec", "optimizer.type"),
        (#"{"optimizer": {"lr": -0.1}}"#, 400, "invalid_spec", "optimizer.lr"),
        (#"{"epochs": 0}"#, 400, "invalid_spec", "epochs"),
        (#"{"colour": "red"}"#, 400, "invalid_spec", "colour"),
        (#"{"dataset": "fashion-mnist"}"#, 400, "invalid_spec", "dataset"),   // not installed in the test's data dir
        (#"{"schedule": {"type": "cosine", "min_lr": 5}}"#, 400, "invalid_spec", "schedule.min_lr"),
        (#"{"schedule": {"type": "step"}}"#, 400, "invalid_spec", "schedule.step_size"),
        (#"{"schedule": {"type": "onecycle", "pct_start": "early"}}"#, 400, "invalid_spec", "schedule.pct_start"),
        (#"{"augment": {"rotate": -5}}"#, 400, "invalid_spec", "augment.rotate"),
        (#"{"augment": {"scale": [1.2, 0.8]}}"#, 400, "invalid_spec", "augment.scale"),
        (#"{"augment": {"elastic": {"alpha": 5}}}"#, 400, "invalid_spec", "augment.elastic.sigma"),
        (#"{"label_smoothing": 2}"#, 400, "invalid_spec", "label_smoothing"),
        (#"{"grad_clip": -1}"#, 400, "invalid_spec", "grad_clip"),
        (#"{"optimizer": {"type": "adamw", "decay_norms_and_biases": 1}}"#, 400, "invalid_spec", "optimizer.decay_norms_and_biases"),
    ]

    @Test(arguments: invalidSpecs)
    func invalidSpec_isAnsweredWithTheField(body: String, status: Int, code: String, field: String?) throws {
        let h = Self.harness
        let r = try h.request("POST", "/api/runs", body: body)
        #expect(r.status == status)
        let error = try r.json(ErrorBody.self).error
        #expect(error.code.rawValue == code && error.field == field, "\(error)")
        #expect(try h.request("GET", "/api/health").status == 200)
    }

    /// Without a usable GPU, a GPU run is refused naming the field and why; health says why too.
    @Test(.enabled(if: Devices.gpuCount == 0, "this machine has a GPU"))
    func gpuRun_withoutAGPU_is400NamingDeviceAndTheReason() throws {
        let h = Self.harness
        let r = try h.request("POST", "/api/runs", body: #"{"device": "gpu", "epochs": 1}"#)
        let error = try r.json(ErrorBody.self).error
        #expect(r.status == 400 && error.field == "device", "\(error)")
        #expect(error.message.hasPrefix("no CUDA device (") && error.message.contains("libcuda.so.1"), "\(error.message)")
        let health = try h.request("GET", "/api/health").json(Health.self)
        #expect(health.devices.map(\.type) == ["cpu"] && health.gpuWorkers == 0)
        #expect(health.gpuUnavailable.map { error.message.contains($0) } == true, "\(health)")
    }

    @Test func protocolErrors_areAnswered4xx_andServingGoesOn() throws {
        let h = Self.harness
        #expect(try h.request("GET", "/api/runs/999").status == 404)
        #expect(try h.request("GET", "/api/runs/abc").status == 404)
        let wrongMethod = try h.request("PUT", "/api/runs", body: "{}")
        #expect(wrongMethod.status == 405 && wrongMethod.headers["allow"] != nil)
        let big = "{\"name\": \"" + String(repeating: "x", count: 2 << 20) + "\"}"
        #expect(try h.request("POST", "/api/runs", body: big).status == 413)
        let noLength = try TestHTTPClient.send(port: h.port, raw: Array(
            "POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{}".utf8))
        #expect(noLength.status == 411)
        #expect(try h.request("POST", "/api/runs", body: "<spec/>", headers: ["Content-Type": "text/xml"]).status == 415)
        let form = try h.request("POST", "/api/runs", body: #"{"epochs": 1}"#,
                                 headers: ["Content-Type": "application/x-www-form-urlencoded"])   // curl -d's label
        #expect(try form.status == 415 && form.json(ErrorBody.self).error.message.contains("--json"))
        let garbage = try TestHTTPClient.send(port: h.port, raw: Array("NONSENSE\r\n\r\n".utf8))
        #expect(garbage.status == 400)
        #expect(try h.request("GET", "/api/health").status == 200)
    }

    @Test(arguments: ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/vendor/chart.js/../../../../etc/passwd",
                      "/static/..%2f..%2fetc/passwd"])
    func pathOutsideStatic_isNotFound(path: String) throws {
        let r = try Self.harness.request("GET", path)
        #expect(r.status == 404)
        #expect(!r.text.contains("root:"))
    }

    @Test func dashboardAndChartJS_areServed() throws {
        let h = Self.harness
        let page = try h.request("GET", "/")
        #expect(page.status == 200 && page.headers["content-type"]?.hasPrefix("text/html") == true)
        if FileManager.default.fileExists(atPath: "/usr/share/javascript/chart.js/chart.min.js") {
            let chart = try h.request("GET", "/vendor/chart.js/chart.min.js")
            #expect(chart.status == 200 && chart.headers["content-type"]?.contains("javascript") == true)
        }
    }

    @Test func openAPIDocument_isServed_andDescribesTheRunEndpoints() throws {
        let r = try Self.harness.request("GET", "/api/openapi.json")
        #expect(r.status == 200 && r.headers["content-type"] == "application/json")
        struct Document: Decodable { let openapi: String; let paths: [String: [String: AnyCodable]] }
        struct AnyCodable: Decodable { init(from decoder: Decoder) throws {} }
        let document = try JSONDecoder().decode(Document.self, from: Data(r.body))
        #expect(document.openapi.hasPrefix("3."))
        for path in ["/api/runs", "/api/runs/{id}", "/api/runs/{id}/epochs", "/api/runs/{id}/roc", "/api/runs/{id}/confusion",
                     "/api/runs/{id}/cancel", "/api/runs/{id}/events", "/api/health"] {
            #expect(document.paths[path] != nil, "\(path) undocumented")
        }
    }

    @Test func manyIdleConnections_doNotStopService() throws {
        let h = Self.harness
        var fds: [Int32] = []
        defer { fds.forEach { close($0) } }
        for _ in 0..<300 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            addr.sin_port = UInt16(h.port).bigEndian
            _ = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            fds.append(fd)
        }
        #expect(try h.request("GET", "/api/health").status == 200)
    }
}
