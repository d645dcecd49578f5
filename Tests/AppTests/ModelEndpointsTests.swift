import Data
import Foundation
import App
import Server
import Testing
import TestSupport
import Training
import Wire

/// End to end: a trained run's checkpoints, its weights as safetensors, and predictions.
@Suite(.serialized) struct ModelEndpointsTests {
    static let spec = #"{"name": "model", "epochs": 3, "batch_size": 32, "seed": 9, "model": {"hidden": [16]}}"#

    /// The harness's test images (IDXFixture's pattern) as predict takes them, and their labels.
    static func testImages(_ h: ServiceHarness, count: Int) throws -> (images: [[Float]], labels: [Int]) {
        let test = try DatasetLocator(directories: [h.directory], downloader: nil).load("mnist").test
        let images = (0..<count).map { n in test.pixels[(n * 784)..<((n + 1) * 784)].map { Float($0) / 255 } }
        return (images, test.labels.prefix(count).map(Int.init))
    }

    static func body(_ images: [[Float]]) throws -> String { try WireJSON.text(PredictRequest(images: images)) }

    @Test func trainedRun_checkpointsWeightsAndPredictions() throws {
        let h = try ServiceHarness(limits: ServiceConfig().limits)
        let run = try h.request("POST", "/api/runs", body: Self.spec).json(RunInfo.self)
        try h.waitFor(run: run.id) { $0.status.isFinal }
        let epochs = try h.request("GET", "/api/runs/\(run.id)/epochs").json(Epochs.self).epochs

        let list = try h.request("GET", "/api/runs/\(run.id)/checkpoints").json(CheckpointList.self).checkpoints
        let best = epochs.max { ($0.testAccuracy ?? -1, -$0.epoch) < ($1.testAccuracy ?? -1, -$1.epoch) }!.epoch
        #expect(list.map(\.epoch) == Array(Set([best, 3])).sorted())
        #expect(list.first { $0.latest }?.epoch == 3 && list.first { $0.best }?.epoch == best)

        // Weights: the twin's names and shapes, the epoch's own values.
        let weights = try h.request("GET", "/api/runs/\(run.id)/weights?epoch=best")
        #expect(weights.status == 200 && weights.headers["content-type"] == "application/octet-stream")
        #expect(weights.headers["content-disposition"]?.contains("run-\(run.id)-epoch-\(best).safetensors") == true)
        let file = try SafeTensors(decoding: weights.body)
        #expect(file.tensors.map(\.name) == ["net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias"])
        #expect(file.tensors.map(\.shape) == [[16, 784], [16], [10, 16], [10]])
        #expect(try h.request("GET", "/api/runs/\(run.id)/weights?epoch=99").status == 404)
        let bad = try h.request("GET", "/api/runs/\(run.id)/weights?epoch=first")
        #expect(bad.status == 400 && bad.text.contains(#""field":"epoch""#))

        // Predictions of the latest model on the test split give the epoch's test accuracy.
        let (images, labels) = try Self.testImages(h, count: 100)
        let answer = try h.request("POST", "/api/runs/\(run.id)/predict", body: try Self.body(images))
        #expect(answer.status == 200)
        let predicted = try answer.json(PredictResponse.self)
        #expect(predicted.epoch == 3 && predicted.predictions.count == 100)
        let correct = zip(predicted.predictions, labels).filter { $0.predicted == $1 }.count
        #expect(Double(correct) / 100 == epochs[2].testAccuracy)
        for p in predicted.predictions {
            #expect(abs(p.probabilities.reduce(0, +) - 1) < 1e-9 && p.logits.count == 10)
            #expect(p.predicted == p.logits.indices.max { p.logits[$0] < p.logits[$1] })
        }
        // One image alone gets the answer it got in the batch; 1,024 images are accepted.
        let one = try h.request("POST", "/api/runs/\(run.id)/predict?epoch=3", body: try Self.body([images[7]]))
            .json(PredictResponse.self).predictions[0]
        #expect(one.predicted == predicted.predictions[7].predicted)
        #expect(zip(one.logits, predicted.predictions[7].logits).allSatisfy { abs($0 - $1) < 1e-5 })
        let many = try h.request("POST", "/api/runs/\(run.id)/predict?epoch=best",
                                 body: try Self.body(Array(repeating: images[0], count: 1_024)))
        #expect(many.status == 200)
        #expect(try many.json(PredictResponse.self).predictions.count == 1_024)
    }

    @Test func badPredictRequests_are4xxNamingTheProblem() throws {
        let h = try ServiceHarness()
        let run = try h.request("POST", "/api/runs", body: Self.spec).json(RunInfo.self)
        try h.waitFor(run: run.id) { $0.status.isFinal }
        let path = "/api/runs/\(run.id)/predict"
        func error(_ body: String, _ query: String = "") throws -> (Int, ErrorBody.Detail) {
            let r = try h.request("POST", path + query, body: body)
            return (r.status, try r.json(ErrorBody.self).error)
        }
        let zeros = [Float](repeating: 0, count: 784)
        var (status, e) = try error(try Self.body([zeros, Array(zeros.dropLast())]))
        #expect(status == 400 && e.field == "images[1]" && e.message.contains("783") && e.message.contains("784"))
        var outside = zeros
        outside[5] = 1.5
        (status, e) = try error(try Self.body([zeros, outside]))
        #expect(status == 400 && e.field == "images[1][5]" && e.message.contains("0...1"))
        (status, e) = try error(try Self.body(Array(repeating: [0.5], count: 1_025)))
        #expect(status == 400 && e.field == "images" && e.message.contains("1024"))
        (status, e) = try error(#"{"images": []}"#)
        #expect(status == 400 && e.field == "images")
        (status, e) = try error(#"{"pixels": [[0]]}"#)
        #expect(status == 400)
        (status, e) = try error("not json")
        #expect(status == 400)
        (status, e) = try error(try Self.body([zeros]), "?epoch=1000")
        #expect(status == 404 && e.field == "epoch" && e.message.contains("(latest)"))
        #expect(try h.request("POST", "/api/runs/999/predict", body: try Self.body([zeros])).status == 404)
    }

    @Test func runWithoutACheckpointYet_is404SayingSo() throws {
        let h = try ServiceHarness(workers: 0)                      // nothing trains: the run stays queued
        let run = try h.request("POST", "/api/runs", body: Self.spec).json(RunInfo.self)
        let zeros = [Float](repeating: 0, count: 784)
        for r in [try h.request("POST", "/api/runs/\(run.id)/predict", body: try Self.body([zeros])),
                  try h.request("GET", "/api/runs/\(run.id)/weights")] {
            #expect(r.status == 404 && r.text.contains("no checkpoint yet"))
        }
        #expect(try h.request("GET", "/api/runs/\(run.id)/checkpoints").json(CheckpointList.self).checkpoints.isEmpty)
    }
}
