import Foundation
import Synchronization
import Testing
@testable import Store

@Suite struct RunStoreTests {
    @Test func createRun_thenRun_returnsQueuedRecord() throws {
        try Fixture.withStore { store, _ in
            let created = try store.createRun(.make(name: "seed-mlp", epochsTotal: 10))
            #expect(created.id >= 1)
            #expect(created.status == .queued)
            #expect(created.name == "seed-mlp" && created.dataset == "mnist" && created.modelType == "mlp")
            #expect(created.specJSON == #"{"epochs":10}"# && created.parameters == 87_390 && created.device == "cpu")
            #expect(created.epochsTotal == 10 && created.epochsDone == 0 && !created.cancelRequested)
            #expect(created.testAccuracy == nil && created.bestTestAccuracy == nil && created.trainSecondsTotal == 0)
            #expect(created.startedAt == nil && created.finishedAt == nil && created.worker == nil)
            #expect(created.createdAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
            #expect(try store.run(id: created.id) == created)
        }
    }

    @Test func run_unknownID_isNil() throws {
        try Fixture.withStore { store, _ in
            let missing = try store.run(id: 42)
            #expect(missing == nil)
        }
    }

    @Test func createRun_quotesAndUnicode_roundTripWithoutInjection() throws {
        try Fixture.withStore { store, _ in
            let name = "x'); DELETE FROM runs; -- \"ü\" 🧪 \u{0}end"
            let spec = #"{"name":"it's \"quoted\"","note":"日本語"}"#
            let run = try store.createRun(.make(name: name, dataset: "fashion-mnist", specJSON: spec,
                                                layersJSON: #"[{"layer":"Linear(784 → 100)"}]"#))
            let back = try #require(try store.run(id: run.id))
            #expect(back.name == name && back.specJSON == spec && back.layersJSON == #"[{"layer":"Linear(784 → 100)"}]"#)
            #expect(try store.listRuns(RunQuery(name: name)).runs.map(\.id) == [run.id])
            #expect(try store.counts()["queued"] == 1)
        }
    }

    @Test func counts_mixedStatuses_countsEachAndZeroForNone() throws {
        try Fixture.withStore { store, _ in
            for _ in 0..<3 { _ = try store.createRun(.make()) }
            _ = try store.claimNextQueued(worker: 0)
            #expect(try store.counts() == ["queued": 2, "running": 1, "finished": 0, "failed": 0, "cancelled": 0, "stopped_early": 0])
        }
    }

    @Test func init_reopenExistingFile_keepsRuns() throws {
        try Fixture.withDirectory { dir in
            let path = dir + "/r.sqlite3"
            let id = try RunStore(path: path, migrationsDirectory: Fixture.migrationsDirectory).createRun(.make()).id
            let reopened = try RunStore(path: path, migrationsDirectory: Fixture.migrationsDirectory)
            #expect(try reopened.run(id: id)?.name == "seed-mlp")
        }
    }

    @Test func store_manyThreadsReadingAndWriting_seeEveryWrite() throws {
        try Fixture.withStore { store, _ in
            let ids = Mutex<[Int64]>([])
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 8) { i in
                do {
                    for _ in 0..<20 {
                        let run = try store.createRun(.make(name: "t\(i)"))
                        ids.withLock { $0.append(run.id) }
                        guard try store.run(id: run.id) != nil else { throw StoreError.notFound(kind: "run", id: run.id) }
                        _ = try store.listRuns(RunQuery(limit: 10))
                    }
                } catch { failures.withLock { $0.append("\(error)") } }
            }
            #expect(failures.withLock { $0 } == [])
            #expect(Set(ids.withLock { $0 }).count == 160)
            let counts = try store.counts()
            #expect(counts["queued"] == 160)
        }
    }
}
