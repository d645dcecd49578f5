import Foundation
@testable import App
import Server
import Store
import Testing
import Wire

/// The cached epochs body always equals encoding the store's rows afresh: as epochs land, and
/// when a new attempt rewrites them.
struct EpochsCacheTests {
    private func row(_ epoch: Int, _ loss: Double) -> EpochRow {
        var row = EpochRow(epoch: epoch)
        (row.trainLoss, row.testAccuracy, row.trainSeconds) = (loss, 0.5 + Double(epoch) / 100, 0.01)
        return row
    }

    @Test func body_asEpochsLandAndOnANewAttempt_equalsTheStoresRows() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlplab-epochs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try RunStore(path: dir + "/s.sqlite3", migrationsDirectory: ServiceHarness.repo + "/migrations")
        let created = try store.createRun(NewRun(name: "r", dataset: "mnist", modelType: "mlp", specJSON: "{}",
                                                 parameters: nil, device: "cpu", epochsTotal: 9, layersJSON: nil))
        let cache = EpochsCache()
        func check() throws {
            let run = try #require(try store.run(id: created.id))
            let body = try cache.body(for: run, store: store)
            #expect(body == (try HTTPResponse.encodeJSON(Epochs(runId: run.id, epochs: try store.epochs(runID: run.id)))))
        }
        _ = try store.claimNextQueued(worker: 0)
        try check()                                                     // no epochs yet
        for e in 1...3 { try store.recordEpoch(runID: created.id, epoch: row(e, 1.0 / Double(e)), curves: [], confusion: []) }
        try check()
        for e in 4...5 { try store.recordEpoch(runID: created.id, epoch: row(e, 1.0 / Double(e)), curves: [], confusion: []) }
        try check()
        try check()                                                     // nothing new: the cached body
        usleep(5_000)                                                   // started_at has millisecond resolution
        _ = try store.requeueInterrupted()
        _ = try store.claimNextQueued(worker: 0)                        // a new attempt rewrites epoch 1
        try store.recordEpoch(runID: created.id, epoch: row(1, 9.0), curves: [], confusion: [])
        try check()
    }
}
