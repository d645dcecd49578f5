import Foundation
import Testing
import TestSupport
import Training
import Wire

/// End to end: submit over HTTP, follow the events to the end, read the results back.
@Suite(.serialized) struct RunEndpointsTests {
    static let spec = #"{"name": "e2e", "epochs": 2, "batch_size": 32, "seed": 4, "model": {"hidden": [16]}}"#

    @Test func submitFollowAndRead_aShortRun() throws {
        let h = try ServiceHarness()
        let created = try h.request("POST", "/api/runs", body: Self.spec)
        #expect(created.status == 201)
        let run = try created.json(RunInfo.self)
        #expect(created.headers["location"] == "/api/runs/\(run.id)")
        #expect(run.parameters == 784 * 16 + 16 + 16 * 10 + 10)

        // The event stream ends by itself when the run ends.
        let events = try h.request("GET", "/api/runs/\(run.id)/events")
        #expect(events.headers["content-type"]?.hasPrefix("text/event-stream") == true)
        let names = events.text.split(separator: "\n").filter { $0.hasPrefix("event: ") }.map { $0.dropFirst(7) }
        #expect(names.first == "status" && names.last == "status")
        #expect(names.filter { $0 == "epoch" }.count == 2 || names.first == "status")
        #expect(events.text.contains(#""status":"finished""#))

        let done = try h.waitFor(run: run.id) { $0.status == .finished }
        #expect(done.epochsDone == 2 && done.progress.fraction == 1)
        let epochs = try h.request("GET", "/api/runs/\(run.id)/epochs").json(Epochs.self).epochs
        #expect(epochs.map(\.epoch) == [1, 2])

        let roc = try h.request("GET", "/api/runs/\(run.id)/roc?epoch=2").json(Curves.self)
        #expect(roc.curves.map(\.curve) == (0..<10).map(String.init) + ["micro", "macro"])
        let byName = Dictionary(uniqueKeysWithValues: roc.curves.map { ($0.curve, $0) })
        #expect(byName["macro"]?.auc == epochs[1].aucMacro && byName["micro"]?.auc == epochs[1].aucMicro)
        #expect(roc.curves.allSatisfy { $0.fpr.count == $0.tpr.count && $0.fpr.count <= 201 })

        let csv = try h.request("GET", "/api/runs/\(run.id)/epochs?format=csv")
        #expect(csv.headers["content-type"]?.hasPrefix("text/csv") == true)
        let lines = csv.text.split(separator: "\n")
        #expect(lines.count == 3 && lines[0].hasPrefix("epoch,train_seconds,train_loss"))

        let confusion = try h.request("GET", "/api/runs/\(run.id)/confusion?epoch=1")
        #expect(confusion.status == 200 && confusion.text.contains(#""matrix":[["#))
        #expect(try h.request("GET", "/api/runs/\(run.id)/roc?epoch=9").status == 404)
    }

    @Test func augmented_servesTheSpecsDistortedImages_seeded() throws {
        let h = try ServiceHarness()
        let body = #"{"name": "aug", "epochs": 1, "model": {"hidden": [8]}, "augment": {"rotate": 20, "scale": [0.8, 1.2]}}"#
        let run = try h.request("POST", "/api/runs", body: body).json(RunInfo.self)
        let plain = try h.request("POST", "/api/runs", body: #"{"name": "plain", "epochs": 1, "model": {"hidden": [8]}}"#)
            .json(RunInfo.self)
        let first = try h.request("GET", "/api/runs/\(run.id)/augmented?count=3")
        #expect(first.status == 200)
        let images = try first.json(AugmentedImages.self)
        #expect(images.shape == [28, 28] && images.images.count == 3 && images.images.allSatisfy { $0.count == 784 })
        #expect(try h.request("GET", "/api/runs/\(run.id)/augmented?count=3").json(AugmentedImages.self) == images)
        let raw = try h.request("GET", "/api/runs/\(plain.id)/augmented?count=3").json(AugmentedImages.self)
        #expect(raw.labels == images.labels && raw.images != images.images)       // same images, distorted
        #expect(raw.images.allSatisfy { $0.allSatisfy { (0...1).contains($0) } })
        for bad in ["0", "65", "x"] {
            let r = try h.request("GET", "/api/runs/\(run.id)/augmented?count=\(bad)")
            let field = try r.json(ErrorBody.self).error.field
            #expect(r.status == 400 && field == "count")
        }
        #expect(try h.request("GET", "/api/runs/999/augmented").status == 404)
        for id in [run.id, plain.id] { try h.waitFor(run: id) { $0.status == .finished } }
    }

    @Test func list_filtersAndSorts() throws {
        let h = try ServiceHarness()
        for seed in 1...3 {
            _ = try h.request("POST", "/api/runs", body: #"{"name": "r\#(seed)", "epochs": 1, "seed": \#(seed), "model": {"hidden": [8]}}"#)
        }
        for id in 1...3 { try h.waitFor(run: Int64(id)) { $0.status == .finished } }
        let page = try h.request("GET", "/api/runs?sort=-test_accuracy&limit=2&status=finished")
        #expect(page.status == 200)
        struct Page: Decodable { let runs: [RunInfo]; let next: String? }
        let first = try page.json(Page.self)
        #expect(first.runs.count == 2 && first.next != nil)
        let accuracies = first.runs.compactMap(\.testAccuracy)
        #expect(accuracies == accuracies.sorted(by: >))
        let rest = try h.request("GET", "/api/runs?sort=-test_accuracy&limit=2&status=finished&after=\(first.next!)").json(Page.self)
        #expect(rest.runs.count == 1 && Set((first.runs + rest.runs).map(\.id)) == [1, 2, 3])
        #expect(try h.request("GET", "/api/runs?sort=speed").status == 400)
        let blank = try h.request("GET", "/api/runs?status=&dataset=&model=&name=&sort=&limit=&after=").json(Page.self)
        #expect(blank.runs.count == 3)                          // empty form fields mean "any"
        #expect(try h.request("GET", "/api/runs?status=sleeping").status == 400)
    }

    @Test func cancel_queuedAndRunningRuns() throws {
        let h = try ServiceHarness(train: 3000)
        let long = #"{"epochs": 50, "batch_size": 8, "model": {"hidden": [64]}}"#
        let created = try h.request("POST", "/api/runs", body: long)
        #expect(created.status == 201, "\(created.text)")
        let a = try created.json(RunInfo.self)
        let b = try h.request("POST", "/api/runs", body: long).json(RunInfo.self)      // queued behind a
        try h.waitFor(run: a.id) { $0.status == .running }
        let cancelled = try h.request("POST", "/api/runs/\(b.id)/cancel")
        #expect(cancelled.status == 200, "\(cancelled.text)")
        #expect(try cancelled.json(RunInfo.self).status == .cancelled)
        #expect(try h.request("DELETE", "/api/runs/\(a.id)").status == 409)
        _ = try h.request("POST", "/api/runs/\(a.id)/cancel")
        let stopped = try h.waitFor(run: a.id, timeout: 10) { $0.status == .cancelled }
        #expect(stopped.status == .cancelled)
        #expect(try h.request("DELETE", "/api/runs/\(a.id)").status == 204)
        #expect(try h.request("GET", "/api/runs/\(a.id)").status == 404)
    }

    @Test func twoWorkers_trainTwoRunsAtOnce() throws {
        let h = try ServiceHarness(workers: 2, train: 3000)
        let long = #"{"epochs": 50, "batch_size": 8, "model": {"hidden": [64]}}"#
        let ids = try (0..<2).map { _ in try h.request("POST", "/api/runs", body: long).json(RunInfo.self).id }
        struct Health: Decodable { let running: Int; let workers: Int }
        let deadline = Date().addingTimeInterval(20)
        var health = try h.request("GET", "/api/health").json(Health.self)
        while health.running < 2 && Date() < deadline {
            usleep(20_000)
            health = try h.request("GET", "/api/health").json(Health.self)
        }
        #expect(health.running == 2 && health.workers == 2)
        for id in ids { _ = try h.request("POST", "/api/runs/\(id)/cancel") }
    }
}

/// The run records the engine it trained on.
@Suite(.serialized) struct RunEngineTests {
    @Test func finishedRun_namesItsEngine() throws {
        let h = try ServiceHarness()
        let run = try h.request("POST", "/api/runs", body: #"{"epochs": 1, "batch_size": 50, "model": {"hidden": [8]}}"#)
            .json(RunInfo.self)
        #expect(run.engine == nil)
        let done = try h.waitFor(run: run.id) { $0.status == .finished }
        #expect(done.engine?.hasPrefix("cpu/") == true, "\(String(describing: done.engine))")
    }
}
