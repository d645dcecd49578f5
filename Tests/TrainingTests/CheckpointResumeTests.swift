import Data
import EngineSupport
import Foundation
import Models
import Store
import Testing
import Training
import Wire

/// Exact resume: training k epochs, checkpointing through the store, restoring into a fresh
/// Trainer and training the rest gives the epochs of an uninterrupted run, every field but the
/// timings, on every engine.
@Suite(.serialized) struct CheckpointResumeTests {
    /// Passes each epoch's checkpoint to the store with its row, as the service's worker does.
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

    static let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("migrations").path

    /// Every optimizer and its state, dropout streams in an MLP and in a Mixer, ResMLP's
    /// layer-scales, ViP, and a validation split (best by validation accuracy).
    static var specs: [RunSpec] {
        func spec(_ model: String, _ optimizer: OptimizerSpec, dropout: Float = 0, validation: Int = 0) -> RunSpec {
            var s = try! RunSpec.decode(Array(#"{"model": \#(model)}"#.utf8))
            (s.optimizer, s.model.dropout, s.validation) = (optimizer, dropout, validation)
            (s.epochs, s.batchSize, s.seed) = (3, 16, 5)
            return s
        }
        var sgd = OptimizerSpec(type: .sgd, lr: 0.05)
        (sgd.momentum, sgd.nesterov) = (0.9, true)
        var rmsprop = OptimizerSpec(type: .rmsprop, lr: 0.001)
        rmsprop.momentum = 0.5
        var adagrad = OptimizerSpec(type: .adagrad, lr: 0.05)
        adagrad.lrDecay = 0.01
        return [
            spec(#"{"type": "mlp", "hidden": [24, 16]}"#, sgd, dropout: 0.3, validation: 40),
            spec(#"{"type": "mlp", "hidden": [16]}"#, rmsprop, dropout: 0.2),
            spec(#"{"type": "mlp", "hidden": [16]}"#, adagrad),
            spec(#"{"type": "mixer", "patch": 7, "dim": 8, "depth": 1, "token_hidden": 8, "channel_hidden": 16}"#,
                 OptimizerSpec(type: .adam, lr: 0.005), dropout: 0.1),
            spec(#"{"type": "resmlp", "patch": 7, "dim": 8, "depth": 1}"#, OptimizerSpec(type: .adamw, lr: 0.005)),
            spec(#"{"type": "vip", "patch": 7, "dim": 8, "depth": 1}"#, OptimizerSpec(type: .adam, lr: 0.005)),
        ]
    }

    /// Every measured field of the row (not the timings), with the learning rate.
    static func measured(_ row: EpochRow) -> [Double?] {
        [Double(row.epoch), row.trainLoss, row.trainAccuracy, row.testLoss, row.testAccuracy, row.aucMacro, row.aucMicro,
         row.learningRate, row.validationLoss, row.validationAccuracy, row.validationAucMacro]
    }

    @Test(arguments: Engines.names) func resumedFromStoredCheckpoint_equalsUninterrupted(engine: String) throws {
        let train = Synthetic.dataset(count: 200, seed: 1), test = Synthetic.dataset(count: 50, seed: 2)
        let directory = NSTemporaryDirectory() + "mlplab-resume-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try RunStore(path: directory + "/runs.sqlite3", migrationsDirectory: Self.migrations)
        for spec in Self.specs {
            try Engines.on(engine) {
                let whole = try Trainer(spec: spec, train: train, test: test).run(observer: nil)
                let run = try store.createRun(NewRun(name: spec.name, dataset: "mnist", modelType: spec.model.type.rawValue,
                                                     specJSON: try WireJSON.text(spec), epochsTotal: spec.epochs))
                let first = try Trainer(spec: spec, train: train, test: test)
                try first.run(epochs: 1, observer: StoringObserver(store: store, runID: run.id))
                let (epoch, data) = try #require(try store.latestCheckpoint(runID: run.id))
                #expect(epoch == 1)
                let second = try Trainer(spec: spec, train: train, test: test)     // a fresh process, in effect
                try second.restore(try Checkpoint(decoding: data))
                #expect(second.epochsDone == 1)
                let rest = try second.run(observer: nil)
                #expect(rest.map(\.epoch) == [2, 3], "\(spec.model.type) on \(engine)")
                #expect(rest.map { Self.measured($0.row) } == whole.dropFirst().map { Self.measured($0.row) },
                        "\(spec.model.type) \(spec.optimizer.type) on \(engine)")
                #expect(rest.map(\.report) == whole.dropFirst().map(\.report))
            }
        }
    }

    @Test func checkpointOfAnotherModel_isRefused_andTheTrainerIsUnchanged() throws {
        let train = Synthetic.dataset(count: 100, seed: 1), test = Synthetic.dataset(count: 20, seed: 2)
        let specs = Self.specs
        let other = try Trainer(spec: specs[1], train: train, test: test)
        try other.run(epochs: 1, observer: nil)
        let trainer = try Trainer(spec: specs[0], train: train, test: test)
        let before = trainer.checkpoint()
        #expect(throws: CheckpointError.self) { try trainer.restore(other.checkpoint()) }
        #expect(trainer.checkpoint() == before && trainer.epochsDone == 0)
    }

    @Test func checkpoint_holdsTwinNamedWeights_optimizerState_streams_andEpoch() throws {
        let trainer = try Trainer(spec: Self.specs[0], train: Synthetic.dataset(count: 100, seed: 1),
                                  test: Synthetic.dataset(count: 20, seed: 2))
        try trainer.run(epochs: 2, observer: nil)
        let file = trainer.checkpoint().file
        #expect(file.metadata["epoch"] == "2" && file.metadata["optimizer.steps"] == "\(2 * 4)")   // 60 images / 16
        #expect(file.metadata["rng.shuffle"] != nil && file.metadata["rng.dropout.0"] != nil && file.metadata["rng.dropout.1"] != nil)
        // MLP [24, 16] with dropout: Linear, ReLU, Dropout, Linear, ReLU, Dropout, Linear, as the twin's net.0/3/6.
        #expect(trainer.checkpoint().weights.tensors.map(\.name) == ["net.0.weight", "net.0.bias", "net.3.weight", "net.3.bias",
                                                                    "net.6.weight", "net.6.bias"])
        #expect(file["net.0.weight"]?.shape == [24, 784] && file["optimizer.momentum_buffer.net.6.bias"]?.shape == [10])
    }
}
