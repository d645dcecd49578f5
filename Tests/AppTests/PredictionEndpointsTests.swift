import Foundation
import Images
import Testing
import TestSupport
import Training
import Wire

/// The test set's stored predictions (GET /api/runs/{id}/predictions) and the data set images
/// (GET /api/datasets/{name}/{split}/{index}.png), end to end.
@Suite(.serialized) struct PredictionEndpointsTests {
    static let spec = #"{"name": "pred", "epochs": 3, "batch_size": 32, "seed": 4, "model": {"hidden": [16]}}"#

    /// A service with one finished 3-epoch run on the 300/100-image fixture.
    static func finishedRun() throws -> (ServiceHarness, Int64) {
        let h = try ServiceHarness()
        let run = try h.request("POST", "/api/runs", body: spec).json(RunInfo.self)
        let done = try h.waitFor(run: run.id) { $0.status.isFinal }
        #expect(done.status == .finished)
        return (h, run.id)
    }

    @Test func predictions_latestAndBest_agreeWithTheEpochsConfusionMatrix() throws {
        let (h, id) = try Self.finishedRun()
        let latest = try h.request("GET", "/api/runs/\(id)/predictions").json(Predictions.self)
        #expect(latest.epoch == 3 && latest.total == 100 && latest.predictions.count == 100)
        var matrix = Array(repeating: Array(repeating: 0, count: 10), count: 10)
        for (i, p) in latest.predictions.enumerated() {
            #expect(p.index == i && p.label == i % 10 && p.scores.count == 10)
            #expect(abs(p.scores.reduce(0, +) - 1) < 1e-5)
            #expect(p.predicted == p.scores.firstIndex(of: p.scores.max()!) && p.confidence == p.scores.max())
            matrix[p.label][p.predicted] += 1
        }
        let confusion = try h.request("GET", "/api/runs/\(id)/confusion?epoch=3").json(Confusion.self)
        #expect(matrix == confusion.matrix)

        let epochs = try h.request("GET", "/api/runs/\(id)/epochs").json(Epochs.self).epochs
        let bestAccuracy = epochs.compactMap(\.testAccuracy).max()!
        let bestEpoch = epochs.first { $0.testAccuracy == bestAccuracy }!.epoch
        let best = try h.request("GET", "/api/runs/\(id)/predictions?epoch=best").json(Predictions.self)
        #expect(best.epoch == bestEpoch && best.bestEpoch == bestEpoch)
        #expect(Set(latest.storedEpochs) == Set([3, bestEpoch]))
        let byNumber = try h.request("GET", "/api/runs/\(id)/predictions?epoch=\(bestEpoch)").json(Predictions.self)
        #expect(byNumber == best)
        let dropped = (1...3).first { !latest.storedEpochs.contains($0) }
        if let dropped {
            let response = try h.request("GET", "/api/runs/\(id)/predictions?epoch=\(dropped)")
            #expect(response.status == 404 && response.text.contains("latest and best"))
        }
    }

    @Test func predictions_filters_selectTheRows() throws {
        let (h, id) = try Self.finishedRun()
        let all = try h.request("GET", "/api/runs/\(id)/predictions").json(Predictions.self).predictions
        let wrong = try h.request("GET", "/api/runs/\(id)/predictions?wrong=true").json(Predictions.self).predictions
        #expect(wrong == all.filter { $0.label != $0.predicted })
        let right = try h.request("GET", "/api/runs/\(id)/predictions?wrong=false").json(Predictions.self).predictions
        #expect(right.count + wrong.count == 100)
        let threes = try h.request("GET", "/api/runs/\(id)/predictions?label=3&predicted=").json(Predictions.self)
        #expect(threes.predictions == all.filter { $0.label == 3 } && threes.total == 100)
        let p = all[0].predicted
        let cell = try h.request("GET", "/api/runs/\(id)/predictions?label=0&predicted=\(p)").json(Predictions.self)
        #expect(cell.predictions == all.filter { $0.label == 0 && $0.predicted == p })

        let csv = try h.request("GET", "/api/runs/\(id)/predictions?format=csv&wrong=true")
        #expect(csv.headers["content-type"]?.hasPrefix("text/csv") == true)
        let lines = csv.text.split(separator: "\n")
        #expect(lines.first == "index,label,predicted,confidence," + (0..<10).map { "score_\($0)" }.joined(separator: ","))
        #expect(lines.count == wrong.count + 1)
        if let first = wrong.first {
            let cells = lines[1].split(separator: ",")
            #expect(Int(cells[0]) == first.index && Float(cells[4]) == Float(first.scores[0]))
        }
    }

    @Test(arguments: [("label=x", "label"), ("label=10", "label"), ("predicted=-1", "predicted"),
                      ("wrong=yes", "wrong"), ("epoch=0", "epoch"), ("format=xml", "format")])
    func predictions_badQuery_is400NamingTheField(_ query: String, _ field: String) throws {
        let (h, id) = try Self.finishedRun()
        let response = try h.request("GET", "/api/runs/\(id)/predictions?\(query)")
        #expect(response.status == 400)
        #expect(try response.json(ErrorBody.self).error.field == field)
    }

    @Test func predictions_unknownRunOrNoEpochYet_is404() throws {
        let h = try ServiceHarness()
        #expect(try h.request("GET", "/api/runs/99/predictions").status == 404)
    }

    @Test func datasetImage_isThePNGOfTheStoredPixels() throws {
        let h = try ServiceHarness()
        let response = try h.request("GET", "/api/datasets/mnist/test/7.png")
        #expect(response.status == 200 && response.headers["content-type"] == "image/png")
        let image = try PNG.decodeGray(response.body)
        #expect(image.width == 28 && image.height == 28)
        #expect(image.bytes == (0..<784).map { UInt8((7 + $0) % 256) })      // IDXFixture's pixel rule
        #expect(try h.request("GET", "/api/datasets/mnist/train/299.png").status == 200)
    }

    @Test(arguments: [("/api/datasets/nope/test/1.png", "nope"), ("/api/datasets/mnist/valid/1.png", "valid"),
                      ("/api/datasets/mnist/test/100.png", "out of range"), ("/api/datasets/mnist/test/-1.png", "out of range"),
                      ("/api/datasets/mnist/test/x.png", "x.png")])
    func datasetImage_unknownPart_is404NamingIt(_ path: String, _ named: String) throws {
        let h = try ServiceHarness()
        let response = try h.request("GET", path)
        #expect(response.status == 404)
        #expect(try response.json(ErrorBody.self).error.message.contains(named))
    }
}
