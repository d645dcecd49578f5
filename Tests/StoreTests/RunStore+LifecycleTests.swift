import Foundation
import Synchronization
import Testing
@testable import Store
import Wire

@Suite struct RunStoreLifecycleTests {
    @Test func claimNextQueued_severalQueued_takesOldestFirst() throws {
        try Fixture.withStore { store, _ in
            let ids = try (0..<3).map { try store.createRun(.make(name: "r\($0)")).id }
            let claimed = try #require(try store.claimNextQueued(worker: 7))
            #expect(claimed.id == ids[0])
            #expect(claimed.status == .running && claimed.worker == 7 && claimed.startedAt != nil)
            #expect(try store.claimNextQueued(worker: 1)?.id == ids[1])
            #expect(try store.claimNextQueued(worker: 1)?.id == ids[2])
            #expect(try store.claimNextQueued(worker: 1) == nil)
        }
    }

    @Test func claimNextQueued_twoThreads_neverShareARun() throws {
        try Fixture.withStore { store, _ in
            for i in 0..<200 { _ = try store.createRun(.make(name: "r\(i)")) }
            let claims = Mutex<[Int: [Int64]]>([:])
            DispatchQueue.concurrentPerform(iterations: 2) { worker in
                var mine: [Int64] = []
                while let run = try? store.claimNextQueued(worker: worker) { mine.append(run.id) }
                claims.withLock { $0[worker] = mine }
            }
            let all = claims.withLock { $0.values.flatMap { $0 } }
            #expect(all.count == 200)
            #expect(Set(all).count == 200)
            #expect(try store.counts()["running"] == 200)
        }
    }

    /// Two stores on one file have two writer connections, as two processes would: only
    /// SQLite's locking (BEGIN IMMEDIATE, busy timeout) keeps their claims apart.
    @Test func claimNextQueued_twoStoresOnOneFile_neverShareARun() throws {
        try Fixture.withStore { first, path in
            for i in 0..<100 { _ = try first.createRun(.make(name: "r\(i)")) }
            let second = try RunStore(path: path, migrationsDirectory: Fixture.migrationsDirectory)
            let claims = Mutex<[Int64]>([])
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { worker in
                let store = worker % 2 == 0 ? first : second
                do {
                    while let run = try store.claimNextQueued(worker: worker) { claims.withLock { $0.append(run.id) } }
                } catch { failures.withLock { $0.append("\(error)") } }
            }
            #expect(failures.withLock { $0 } == [])
            let all = claims.withLock { $0 }
            #expect(all.count == 100 && Set(all).count == 100)
        }
    }

    @Test func claimNextQueued_requeuedRun_restartsCounters() throws {
        try Fixture.withStore { store, _ in
            let id = try store.createRun(.make()).id
            _ = try store.claimNextQueued(worker: 0)
            try store.recordEpoch(runID: id, epoch: .make(epoch: 1, trainSeconds: 2), curves: [], confusion: [])
            try store.recordEpoch(runID: id, epoch: .make(epoch: 2, trainSeconds: 3), curves: [], confusion: [])
            #expect(try store.requeueInterrupted() == [id])
            let again = try #require(try store.claimNextQueued(worker: 1))
            #expect(again.id == id && again.epochsDone == 0 && again.trainSecondsTotal == 0 && again.worker == 1)
        }
    }

    @Test func finish_setsStatusErrorAndFinishedAt() throws {
        try Fixture.withStore { store, _ in
            let id = try store.createRun(.make()).id
            _ = try store.claimNextQueued(worker: 0)
            try store.finish(runID: id, status: .failed, error: "out of memory: 'big' ✗")
            let run = try #require(try store.run(id: id))
            #expect(run.status == .failed && run.error == "out of memory: 'big' ✗" && run.finishedAt != nil)
            #expect(throws: StoreError.notFound(kind: "run", id: 999)) { try store.finish(runID: 999, status: .finished) }
        }
    }

    @Test func requestCancel_queued_cancelsAtOnce() throws {
        try Fixture.withStore { store, _ in
            let id = try store.createRun(.make()).id
            let run = try store.requestCancel(runID: id)
            #expect(run.status == .cancelled && run.finishedAt != nil && !run.cancelRequested)
            #expect(try store.claimNextQueued(worker: 0) == nil)
        }
    }

    @Test func requestCancel_running_setsFlagOnly() throws {
        try Fixture.withStore { store, _ in
            let id = try store.createRun(.make()).id
            _ = try store.claimNextQueued(worker: 0)
            #expect(try store.run(id: id)?.cancelRequested == false)
            let run = try store.requestCancel(runID: id)
            #expect(run.status == .running && run.cancelRequested && run.finishedAt == nil)
            #expect(try store.run(id: id)?.cancelRequested == true)
        }
    }

    @Test(arguments: [RunStatus.finished, .failed, .cancelled])
    func requestCancel_finalRun_leavesItUnchanged(status: RunStatus) throws {
        try Fixture.withStore { store, _ in
            let id = try store.createRun(.make()).id
            _ = try store.claimNextQueued(worker: 0)
            try store.finish(runID: id, status: status, error: nil)
            let before = try #require(try store.run(id: id))
            #expect(try store.requestCancel(runID: id) == before)
        }
    }

    @Test func requestCancel_unknownRun_throwsNotFound() throws {
        try Fixture.withStore { store, _ in
            #expect(throws: StoreError.notFound(kind: "run", id: 5)) { try store.requestCancel(runID: 5) }
        }
    }

    @Test func delete_running_throwsConflictAndKeepsRun() throws {
        try Fixture.withStore { store, _ in
            let id = try store.createRun(.make()).id
            _ = try store.claimNextQueued(worker: 0)
            let error = #expect(throws: StoreError.self) { try store.delete(runID: id) }
            guard case .conflict = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(try store.run(id: id) != nil)
        }
    }

    @Test func delete_finishedRun_cascadesToEpochsCurvesAndMatrix() throws {
        try Fixture.withStore { store, path in
            let id = try store.createRun(.make()).id
            _ = try store.claimNextQueued(worker: 0)
            try store.recordEpoch(runID: id, epoch: .make(), curves: Curve.mnistSet(), confusion: [[1, 0], [0, 1]])
            try store.finish(runID: id, status: .finished, error: nil)
            try store.delete(runID: id)
            #expect(try store.run(id: id) == nil)
            let db = try Database(path: path)
            for table in ["epochs", "roc_curves", "confusion"] {
                #expect(try db.query("SELECT COUNT(*) FROM \(table)") { $0.int(0) } == [0], "\(table)")
            }
            #expect(throws: StoreError.notFound(kind: "run", id: id)) { try store.delete(runID: id) }
        }
    }

    @Test func requeueInterrupted_runningRuns_queuedWithNoteAndEpochsKept_pendingCancelEndsCancelled() throws {
        try Fixture.withStore { store, _ in
            let a = try store.createRun(.make(name: "a")).id
            let b = try store.createRun(.make(name: "b")).id
            let c = try store.createRun(.make(name: "c")).id
            _ = try store.claimNextQueued(worker: 0)
            _ = try store.claimNextQueued(worker: 1)
            try store.recordEpoch(runID: a, epoch: .make(epoch: 1), curves: [.make()], confusion: [[3]])
            _ = try store.requestCancel(runID: b)
            #expect(try store.requeueInterrupted().sorted() == [a])
            let run = try #require(try store.run(id: a))
            #expect(run.status == .queued && !run.cancelRequested && run.note == RunStore.interruptedNote)
            let cancelled = try #require(try store.run(id: b))         // its cancel was pending: not trained again
            #expect(cancelled.status == .cancelled && cancelled.finishedAt != nil)
            #expect(try store.run(id: c)?.note == nil)
            #expect(try store.epochs(runID: a).count == 1)
            #expect(try store.curves(runID: a, epoch: 1).count == 1)
            #expect(try store.requeueInterrupted() == [])
        }
    }
}
