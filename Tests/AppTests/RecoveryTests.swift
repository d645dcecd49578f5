@testable import App
import Data
import Foundation
import Store
import Testing
import TestSupport
import Training
import Wire

/// A run a crash left `running` is queued again on start, keeps its stored epochs, and completes.
@Suite(.serialized) struct RecoveryTests {
    @Test func runLeftRunning_isRequeuedOnStart_keepsEpochs_andCompletes() throws {
        let dir = IDXFixture.temporaryDirectory()
        IDXFixture.writeDataset(in: dir, name: "mnist", train: 300, test: 100)
        let database = dir + "/crashed.sqlite3"
        let specJSON = #"{"name": "crashed", "epochs": 3, "seed": 7, "model": {"hidden": [16]}}"#

        // The "previous process": claimed the run, finished epoch 1, then died.
        let epoch1: EpochRow
        do {
            let store = try RunStore(path: database, migrationsDirectory: ServiceHarness.repo + "/migrations")
            let spec = try RunSpec.decode(Array(specJSON.utf8))
            let new = NewRun(name: "crashed", dataset: "mnist", modelType: "mlp",
                             specJSON: try WireJSON.text(spec), epochsTotal: 3)
            let run = try store.createRun(new)
            _ = try store.claimNextQueued(worker: 0)
            let data = try DatasetLocator(directories: [dir], downloader: nil).load("mnist")
            let first = try Trainer(spec: spec, train: data.train, test: data.test).run(epochs: 1, observer: nil)[0]
            epoch1 = first.row
            try store.recordEpoch(runID: run.id, epoch: epoch1, curves: [], confusion: [[1]])
            #expect(try store.run(id: run.id)?.status == .running)
        }

        let h = try ServiceHarness(database: database)
        let done = try h.waitFor(run: 1) { $0.status == .finished }
        #expect(done.status == .finished && done.epochsDone == 3)
        #expect(done.note?.contains("restart") == true)
        let epochs = try h.request("GET", "/api/runs/1/epochs").json(Epochs.self).epochs
        #expect(epochs.map(\.epoch) == [1, 2, 3])
        // Same seed, same data: the retrained epoch 1 is the one the crash left behind.
        #expect(epochs[0].trainLoss == epoch1.trainLoss && epochs[0].testAccuracy == epoch1.testAccuracy)
    }

    /// Stores each epoch with its checkpoint, as the service's worker does.
    final class StoringObserver: TrainingObserver {
        let store: RunStore, runID: Int64
        init(store: RunStore, runID: Int64) { (self.store, self.runID) = (store, runID) }
        func batchFinished(epoch: Int, batch: Int, batches: Int) {}
        func epochFinished(_ result: EpochResult) {
            try! store.recordEpoch(runID: runID, epoch: result.row, curves: result.curves, confusion: result.confusion,
                                   checkpoint: result.checkpoint?.encoded())
        }
        var shouldStop: Bool { false }
        var wantsCheckpoints: Bool { true }
    }

    @Test func runLeftRunningWithCheckpoints_resumesAfterTheLatest_bitIdentical() throws {
        let dir = IDXFixture.temporaryDirectory()
        IDXFixture.writeDataset(in: dir, name: "mnist", train: 300, test: 100)
        let database = dir + "/crashed.sqlite3"
        let specJSON = #"{"name": "resumed", "epochs": 4, "seed": 3, "model": {"hidden": [16], "dropout": 0.3}}"#
        let spec = try RunSpec.decode(Array(specJSON.utf8))
        let data = try DatasetLocator(directories: [dir], downloader: nil).load("mnist")
        let whole = try Trainer(spec: spec, train: data.train, test: data.test).run(observer: nil)
        do {    // the "previous process": two epochs with their checkpoints, then it died
            let store = try RunStore(path: database, migrationsDirectory: ServiceHarness.repo + "/migrations")
            let run = try store.createRun(NewRun(name: "resumed", dataset: "mnist", modelType: "mlp",
                                                 specJSON: try WireJSON.text(spec), epochsTotal: 4))
            _ = try store.claimNextQueued(worker: 0)
            try Trainer(spec: spec, train: data.train, test: data.test).run(epochs: 2, observer: StoringObserver(store: store, runID: run.id))
        }
        let h = try ServiceHarness(database: database)
        let done = try h.waitFor(run: 1) { $0.status.isFinal }
        #expect(done.status == .finished && done.epochsDone == 4)
        #expect(done.note == "interrupted by a restart; resumes at epoch 3 from the checkpoint of epoch 2")
        let epochs = try h.request("GET", "/api/runs/1/epochs").json(Epochs.self).epochs
        let fields = { (r: EpochRow) in [r.trainLoss, r.trainAccuracy, r.testLoss, r.testAccuracy, r.aucMacro, r.aucMicro] }
        #expect(epochs.map(\.epoch) == [1, 2, 3, 4])
        #expect(epochs.map(fields) == whole.map { fields($0.row) })
    }
}
