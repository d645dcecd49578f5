import Testing
@testable import Store
import Wire

@Suite struct RunStoreCheckpointsTests {
    private func withRun<T>(_ body: (RunStore, Int64, String) throws -> T) throws -> T {
        try Fixture.withStore { store, path in
            let id = try store.createRun(.make()).id
            _ = try store.claimNextQueued(worker: 0)
            return try body(store, id, path)
        }
    }

    @Test func eachEpochsCheckpoint_keepsOnlyTheLatestAndTheBest() throws {
        try withRun { store, id, path in
            var kept: [[Int]] = []
            for (n, accuracy) in [0.5, 0.9, 0.7, 0.9, 0.95, 0.6].enumerated() {
                try store.recordEpoch(runID: id, epoch: .make(epoch: n + 1, testAccuracy: accuracy), curves: [], confusion: [],
                                      checkpoint: [UInt8(n + 1), 0, 0])
                kept.append(try store.checkpoints(runID: id).map(\.epoch))
            }
            // The best is the earliest of equal scores (epoch 2 over epoch 4), until epoch 5 beats it.
            #expect(kept == [[1], [2], [2, 3], [2, 4], [5], [5, 6]])
            let list = try store.checkpoints(runID: id)
            #expect(list == [CheckpointInfo(epoch: 5, latest: false, best: true, score: 0.95, bytes: 3),
                             CheckpointInfo(epoch: 6, latest: true, best: false, score: 0.6, bytes: 3)])
            #expect(try store.checkpoint(runID: id, epoch: 5) == [5, 0, 0])
            #expect(try store.checkpoint(runID: id, epoch: 4) == nil)
            #expect(try store.latestCheckpoint(runID: id)?.epoch == 6)
            let db = try Database(path: path)
            #expect(try db.query("SELECT COUNT(*) FROM checkpoints") { $0.int(0) } == [2])
        }
    }

    @Test func validationAccuracy_ranksTheBest_whenTheRunHasASplit() throws {
        try withRun { store, id, _ in
            for (n, (test, validation)) in [(0.9, 0.5), (0.5, 0.9), (0.8, 0.7)].enumerated() {
                var row = EpochRow.make(epoch: n + 1, testAccuracy: test)
                row.validationAccuracy = validation
                try store.recordEpoch(runID: id, epoch: row, curves: [], confusion: [], checkpoint: [1])
            }
            #expect(try store.checkpoints(runID: id).filter(\.best).map(\.epoch) == [2])
        }
    }

    @Test func anEpochThatFailsToStore_leavesNoCheckpointBehind() throws {
        try withRun { store, id, _ in
            try store.recordEpoch(runID: id, epoch: .make(epoch: 1, testAccuracy: 0.5), curves: [], confusion: [], checkpoint: [1])
            #expect(throws: StoreError.self) {
                try store.recordEpoch(runID: id, epoch: .make(epoch: 2, testAccuracy: 0.9), curves: [.make(curve: "bogus")],
                                      confusion: [], checkpoint: [2])
            }
            #expect(try store.checkpoints(runID: id).map(\.epoch) == [1])
        }
    }

    @Test func interruptedRun_resumesAfterItsLatestCheckpoint_noteSaysWhere() throws {
        try withRun { store, id, _ in
            for n in 1...3 {
                try store.recordEpoch(runID: id, epoch: .make(epoch: n, trainSeconds: 2), curves: [], confusion: [], checkpoint: [1])
            }
            #expect(try store.requeueInterrupted() == [id])
            #expect(try store.run(id: id)?.note == "interrupted by a restart; resumes at epoch 4 from the checkpoint of epoch 3")
            let claimed = try #require(try store.claimNextQueued(worker: 1))
            #expect(claimed.epochsDone == 3 && claimed.trainSecondsTotal == 6 && claimed.status == .running)
        }
    }

    @Test func lostRemoteJob_noteSaysWhereTheNextResumes_orEpoch1WithoutACheckpoint() throws {
        try withRun { store, id, _ in
            #expect(try store.lease(runID: id, executor: "slurm") == 1)
            #expect(try store.requeueLost(runID: id, attempt: 1, note: "job 7 ended FAILED"))
            #expect(try store.run(id: id)?.note == "job 7 ended FAILED; from epoch 1 (no checkpoint yet)")
            _ = try store.claimNextQueued(worker: 0)
            #expect(try store.lease(runID: id, executor: "slurm") == 2)
            #expect(try store.recordRemoteEpoch(runID: id, attempt: 2, epoch: .make(epoch: 1), curves: [], confusion: [],
                                                checkpoint: [1]) == .stored)
            #expect(try store.requeueLost(runID: id, attempt: 2, note: "job 8 ended NODE_FAIL"))
            #expect(try store.run(id: id)?.note == "job 8 ended NODE_FAIL; resumes at epoch 2 from the checkpoint of epoch 1")
            #expect(try store.requeueLost(runID: id, attempt: 2, note: "again") == false)       // no longer held
        }
    }

    @Test func deletingARun_deletesItsCheckpoints() throws {
        try withRun { store, id, path in
            try store.recordEpoch(runID: id, epoch: .make(epoch: 1), curves: [], confusion: [], checkpoint: [1, 2])
            try store.finish(runID: id, status: .finished)
            try store.delete(runID: id)
            #expect(try Database(path: path).query("SELECT COUNT(*) FROM checkpoints") { $0.int(0) } == [0])
        }
    }
}
