import Testing
@testable import Store
import Wire

@Suite struct RunStorePredictionsTests {
    private func withRun<T>(_ body: (RunStore, Int64, String) throws -> T) throws -> T {
        try Fixture.withStore { store, path in
            let id = try store.createRun(.make()).id
            _ = try store.claimNextQueued(worker: 0)
            return try body(store, id, path)
        }
    }

    /// Four images, three classes; `shift` makes each epoch's scores different.
    static func set(epoch: Int, shift: Float = 0) -> PredictionSet {
        PredictionSet(epoch: epoch, classes: 3, labels: [0, 1, 2, 1],
                      scores: [0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.5, 0.3, 0.2, 0.3, 0.3, 0.4].map { $0 + shift })
    }

    static func record(_ store: RunStore, _ id: Int64, epoch: Int, test: Double, validation: Double? = nil) throws {
        var row = EpochRow.make(epoch: epoch, testAccuracy: test)
        row.validationAccuracy = validation
        try store.recordEpoch(runID: id, epoch: row, curves: [], confusion: [],
                              predictions: set(epoch: epoch, shift: Float(epoch) / 1000))
    }

    @Test func predictionSet_predictedAndConfidence_areTheFirstMaximum() {
        let set = Self.set(epoch: 1)
        #expect((0..<4).map(set.predicted) == [0, 1, 0, 2])
        #expect(set.confidence(2) == 0.5 && set.confidence(3) == 0.4)
        let tie = PredictionSet(epoch: 1, classes: 3, labels: [0], scores: [0.2, 0.4, 0.4])
        #expect(tie.predicted(0) == 1)
    }

    @Test func recordEpoch_withPredictions_roundTripsTheScoresExactly() throws {
        try withRun { store, id, _ in
            try Self.record(store, id, epoch: 1, test: 0.5)
            #expect(try store.predictions(runID: id, epoch: 1) == Self.set(epoch: 1, shift: 0.001))
            #expect(try store.predictionEpochs(runID: id).stored == [1])
        }
    }

    @Test func recordEpoch_keepsOnlyLatestAndBestByTestAccuracy() throws {
        try withRun { store, id, path in
            for (e, accuracy) in [0.5, 0.9, 0.7, 0.8].enumerated() { try Self.record(store, id, epoch: e + 1, test: accuracy) }
            let (stored, best) = try store.predictionEpochs(runID: id)
            #expect(stored == [2, 4] && best == 2)
            #expect(try store.predictions(runID: id, epoch: 3) == nil)
            let db = try Database(path: path)
            #expect(try db.query("SELECT COUNT(*) FROM predictions") { $0.int(0) } == [2])
        }
    }

    @Test func recordEpoch_withValidationSplit_bestIsByValidationAccuracy() throws {
        try withRun { store, id, _ in
            try Self.record(store, id, epoch: 1, test: 0.99, validation: 0.5)
            try Self.record(store, id, epoch: 2, test: 0.6, validation: 0.9)
            try Self.record(store, id, epoch: 3, test: 0.7, validation: 0.8)
            let (stored, best) = try store.predictionEpochs(runID: id)
            #expect(stored == [2, 3] && best == 2)
        }
    }

    @Test func recordEpoch_tieForBest_keepsTheEarliest() throws {
        try withRun { store, id, _ in
            for e in 1...3 { try Self.record(store, id, epoch: e, test: 0.8) }
            let (stored, best) = try store.predictionEpochs(runID: id)
            #expect(stored == [1, 3] && best == 1)
        }
    }

    @Test func deleteRun_takesItsPredictionsAlong() throws {
        try withRun { store, id, path in
            try Self.record(store, id, epoch: 1, test: 0.5)
            try store.finish(runID: id, status: .finished)
            try store.delete(runID: id)
            let db = try Database(path: path)
            #expect(try db.query("SELECT COUNT(*) FROM predictions") { $0.int(0) } == [0])
        }
    }

    @Test func predictions_unknownRun_throwsNotFound() throws {
        try Fixture.withStore { store, _ in
            #expect(throws: StoreError.notFound(kind: "run", id: 42)) { try store.predictionEpochs(runID: 42) }
        }
    }
}
