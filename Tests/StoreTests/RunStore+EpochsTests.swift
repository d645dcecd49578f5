import Testing
@testable import Store
import Wire

@Suite struct RunStoreEpochsTests {
    /// A store with one claimed run; `body` gets the store, the run id and the file path.
    private func withRun<T>(_ body: (RunStore, Int64, String) throws -> T) throws -> T {
        try Fixture.withStore { store, path in
            let id = try store.createRun(.make()).id
            _ = try store.claimNextQueued(worker: 0)
            return try body(store, id, path)
        }
    }

    @Test func recordEpoch_thenRead_roundTripsRowCurvesAndMatrix() throws {
        try withRun { store, id, _ in
            let epoch = EpochRow.make(epoch: 1, testAccuracy: 0.9694, aucMacro: 0.99932)
            let curves = Curve.mnistSet().shuffled()
            let matrix = (0..<10).map { t in (0..<10).map { p in t == p ? 980 : t + p } }
            try store.recordEpoch(runID: id, epoch: epoch, curves: curves, confusion: matrix)
            #expect(try store.epochs(runID: id) == [epoch])
            #expect(try store.curves(runID: id, epoch: 1).map(\.curve) == (0..<10).map(String.init) + ["micro", "macro"])
            #expect(try store.curves(runID: id, epoch: 1) == Curve.mnistSet())
            #expect(try store.confusion(runID: id, epoch: 1) == matrix)
            let run = try #require(try store.run(id: id))
            #expect(run.epochsDone == 1 && run.testAccuracy == 0.9694 && run.aucMacro == 0.99932)
            #expect(run.bestTestAccuracy == 0.9694 && run.trainSecondsTotal == epoch.trainSeconds)
        }
    }

    @Test func recordEpoch_severalEpochs_updatesRunSummary() throws {
        try withRun { store, id, _ in
            for (n, accuracy) in [0.91, 0.95, 0.93].enumerated() {
                try store.recordEpoch(runID: id, epoch: .make(epoch: n + 1, trainSeconds: Double(n + 1), testAccuracy: accuracy),
                                      curves: [], confusion: [])
            }
            let run = try #require(try store.run(id: id))
            #expect(run.epochsDone == 3 && run.testAccuracy == 0.93 && run.bestTestAccuracy == 0.95)
            #expect(run.trainSecondsTotal == 6)
            #expect(try store.epochs(runID: id).map(\.epoch) == [1, 2, 3])
        }
    }

    @Test func recordEpoch_sameEpochTwice_keepsOneRowWithTheLastValues() throws {
        try withRun { store, id, path in
            try store.recordEpoch(runID: id, epoch: .make(epoch: 1, testAccuracy: 0.5), curves: Curve.mnistSet(),
                                  confusion: [[1]])
            try store.recordEpoch(runID: id, epoch: .make(epoch: 1, testAccuracy: 0.6), curves: [.make(curve: "micro")],
                                  confusion: [[2]])
            #expect(try store.epochs(runID: id).map(\.testAccuracy) == [0.6])
            #expect(try store.curves(runID: id, epoch: 1).map(\.curve) == ["micro"])
            #expect(try store.confusion(runID: id, epoch: 1) == [[2]])
            let run = try #require(try store.run(id: id))
            #expect(run.trainSecondsTotal == EpochRow.make().trainSeconds && run.bestTestAccuracy == 0.6)
            let db = try Database(path: path)
            #expect(try db.query("SELECT COUNT(*) FROM epochs") { $0.int(0) } == [1])
        }
    }

    @Test func recordEpoch_failsHalfway_writesNothing() throws {
        try withRun { store, id, path in
            try store.recordEpoch(runID: id, epoch: .make(epoch: 1, testAccuracy: 0.8), curves: [], confusion: [])
            // The second curve breaks the CHECK on curve names, after the row and first curve went in.
            #expect(throws: StoreError.self) {
                try store.recordEpoch(runID: id, epoch: .make(epoch: 2, testAccuracy: 0.9),
                                      curves: [.make(curve: "0"), .make(curve: "bogus")], confusion: [[1]])
            }
            #expect(try store.epochs(runID: id).map(\.epoch) == [1])
            #expect(try store.run(id: id)?.epochsDone == 1)
            #expect(try store.run(id: id)?.testAccuracy == 0.8)
            let db = try Database(path: path)
            #expect(try db.query("SELECT (SELECT COUNT(*) FROM roc_curves) + (SELECT COUNT(*) FROM confusion)") { $0.int(0) } == [0])
        }
    }

    @Test func recordEpoch_missingMetrics_storedAsNullReadAsNil() throws {
        try withRun { store, id, path in
            let epoch = EpochRow.make(testAccuracy: nil, aucMacro: nil, aucMicro: nil)
            try store.recordEpoch(runID: id, epoch: epoch, curves: [.make(curve: "3", auc: nil, fpr: [0, 1], tpr: [0, 1])],
                                  confusion: [])
            let db = try Database(path: path)
            #expect(try db.query("SELECT test_accuracy IS NULL, auc_macro IS NULL, auc_micro IS NULL FROM epochs") {
                [$0.int(0), $0.int(1), $0.int(2)]
            } == [[1, 1, 1]])
            #expect(try db.query("SELECT auc IS NULL FROM roc_curves") { $0.int(0) } == [1])
            let back = try #require(try store.epochs(runID: id).first)
            #expect(back.testAccuracy == nil && back.aucMicro == nil && back.trainLoss == epoch.trainLoss)
            #expect(back == epoch)
            #expect(try store.curves(runID: id, epoch: 1) == [.make(curve: "3", auc: nil, fpr: [0, 1], tpr: [0, 1])])
            let run = try #require(try store.run(id: id))
            #expect(run.testAccuracy == nil && run.aucMacro == nil && run.bestTestAccuracy == nil)
        }
    }

    @Test func recordEpoch_restartedRun_keepsLaterEpochsUntilRewritten_summaryFollowsTheNewAttempt() throws {
        try withRun { store, id, _ in
            for n in 1...3 { try store.recordEpoch(runID: id, epoch: .make(epoch: n, testAccuracy: 0.99), curves: [.make()], confusion: [[1]]) }
            _ = try store.requeueInterrupted()
            _ = try store.claimNextQueued(worker: 0)
            #expect(try store.epochs(runID: id).count == 3)                 // kept until overwritten
            try store.recordEpoch(runID: id, epoch: .make(epoch: 1, testAccuracy: 0.7), curves: [], confusion: [])
            #expect(try store.epochs(runID: id).map(\.epoch) == [1, 2, 3])
            #expect(try store.curves(runID: id, epoch: 2) == [.make()])
            #expect(try store.confusion(runID: id, epoch: 3) == [[1]])
            let run = try #require(try store.run(id: id))
            #expect(run.epochsDone == 1 && run.bestTestAccuracy == 0.7)
        }
    }

    @Test func reads_unknownEpoch_emptyOrNil() throws {
        try withRun { store, id, _ in
            #expect(try store.epochs(runID: id).isEmpty)
            #expect(try store.curves(runID: id, epoch: 4).isEmpty)
            let matrix = try store.confusion(runID: id, epoch: 4)
            #expect(matrix == nil)
        }
    }

    @Test func epochCalls_unknownRun_throwNotFound() throws {
        try Fixture.withStore { store, _ in
            let missing = StoreError.notFound(kind: "run", id: 77)
            #expect(throws: missing) { try store.recordEpoch(runID: 77, epoch: .make(), curves: [], confusion: []) }
            #expect(throws: missing) { try store.epochs(runID: 77) }
            #expect(throws: missing) { try store.curves(runID: 77, epoch: 1) }
            #expect(throws: missing) { try store.confusion(runID: 77, epoch: 1) }
        }
    }
}
