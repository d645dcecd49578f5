import Data
import Foundation
import NN
import Testing
import Training
import Wire

/// A learnable toy problem: class k lights up row 2k of a 28×28 image, plus seeded noise.
enum Synthetic {
    static func dataset(count: Int, seed: UInt64) -> Dataset {
        var state = seed
        func noise() -> UInt8 { state = state &* 6364136223846793005 &+ 1442695040888963407; return UInt8(state >> 59) }
        var pixels = [UInt8](), labels = [UInt8]()
        for n in 0..<count {
            let k = n % 10
            for r in 0..<28 { for _ in 0..<28 { pixels.append(r == 2 * k ? 200 : noise()) } }
            labels.append(UInt8(k))
        }
        return Dataset(name: "synthetic", pixels: pixels, labels: labels, imageShape: [28, 28])
    }
}

/// Records what a run reports, and stops it after `stopAfter` batches when set.
final class RecordingObserver: TrainingObserver {
    var batches = 0, epochs: [EpochResult] = []
    var stopAfter: Int?
    func batchFinished(epoch: Int, batch: Int, batches: Int) { self.batches += 1 }
    func epochFinished(_ result: EpochResult) { epochs.append(result) }
    var shouldStop: Bool { stopAfter.map { batches >= $0 } ?? false }
}

struct TrainerTests {
    static func spec(seed: Int = 1, epochs: Int = 2, dropout: Float = 0.2) -> RunSpec {
        var spec = RunSpec()
        spec.model.hidden = [32]
        spec.model.dropout = dropout
        spec.optimizer = OptimizerSpec(type: .adam, lr: 0.01)
        (spec.epochs, spec.batchSize, spec.seed) = (epochs, 16, seed)
        return spec
    }

    @Test func sameSeedTwice_bitIdenticalMetrics() throws {
        let train = Synthetic.dataset(count: 200, seed: 1), test = Synthetic.dataset(count: 50, seed: 2)
        let a = try Trainer(spec: Self.spec(), train: train, test: test).run(observer: nil)
        let b = try Trainer(spec: Self.spec(), train: train, test: test).run(observer: nil)
        let measured = { (r: EpochResult) in [r.row.trainLoss, r.row.trainAccuracy, r.row.testLoss, r.row.testAccuracy,
                                                r.row.aucMacro, r.row.aucMicro] }   // all but the timings
        #expect(a.map(measured) == b.map(measured))
        #expect(a.map(\.report) == b.map(\.report))
        let c = try Trainer(spec: Self.spec(seed: 2), train: train, test: test).run(observer: nil)
        #expect(a.map(\.row.trainLoss) != c.map(\.row.trainLoss))
    }

    @Test func learnableProblem_isLearned_andEveryBatchIsReported() throws {
        let observer = RecordingObserver()
        let results = try Trainer(spec: Self.spec(epochs: 3), train: Synthetic.dataset(count: 200, seed: 1),
                                  test: Synthetic.dataset(count: 50, seed: 2)).run(observer: observer)
        #expect(results.count == 3 && observer.epochs.count == 3)
        #expect(observer.batches == 3 * 13)                   // 200 / 16 → 12 full batches + the partial one kept
        #expect(results.last!.row.testAccuracy! > 0.9 && results.last!.row.aucMacro! > 0.95)
        #expect(results.last!.row.trainLoss! < results.first!.row.trainLoss!)
        #expect(results.last!.report.confusion.joined().reduce(0, +) == 50)
    }

    @Test func observerAskingToStop_cancelsAtTheNextBatch() throws {
        let observer = RecordingObserver()
        observer.stopAfter = 5
        let trainer = try Trainer(spec: Self.spec(), train: Synthetic.dataset(count: 200, seed: 1),
                                  test: Synthetic.dataset(count: 50, seed: 2))
        #expect(throws: TrainingError.cancelled) { try trainer.run(observer: observer) }
        #expect(observer.batches == 5 && observer.epochs.isEmpty)
    }

    @Test func trainSamplesBeyondTheSplit_isRejectedNamingTheField() {
        var spec = Self.spec()
        spec.trainSamples = 201
        #expect {
            try Trainer(spec: spec, train: Synthetic.dataset(count: 200, seed: 1), test: Synthetic.dataset(count: 50, seed: 2))
        } throws: { error in
            (error as? SpecError)?.field == "train_samples"
        }
    }

    @Test func samplesLimits_useTheFirstImages() throws {
        var spec = Self.spec(epochs: 1)
        (spec.trainSamples, spec.testSamples) = (40, 20)
        let observer = RecordingObserver()
        try Trainer(spec: spec, train: Synthetic.dataset(count: 200, seed: 1), test: Synthetic.dataset(count: 50, seed: 2))
            .run(observer: observer)
        #expect(observer.batches == 3)                        // 40 / 16
        #expect(observer.epochs[0].report.confusion.joined().reduce(0, +) == 20)
    }
}

/// The validation split: the last N training images, evaluated each epoch, never trained on.
struct ValidationSplitTests {
    @Test func validation_rowsCarryItsMetrics_andWithoutOneTheyAreNil() throws {
        let data = Synthetic.dataset(count: 200, seed: 3)
        var spec = try RunSpec.decode(Array(#"{"epochs": 2, "batch_size": 20, "model": {"hidden": [8]}, "validation": 50}"#.utf8))
        let held = try Trainer(spec: spec, train: data, test: data).run(observer: nil)
        #expect(held.allSatisfy { $0.row.validationAccuracy != nil && $0.row.validationLoss != nil && $0.row.validationAucMacro != nil })
        #expect(abs(held[0].row.samplesPerSecond! * held[0].row.trainSeconds! - 150) < 1e-6)      // 200 - 50 trained on
        spec.validation = 0
        let plain = try Trainer(spec: spec, train: data, test: data).run(observer: nil)
        #expect(plain.allSatisfy { $0.row.validationAccuracy == nil } && abs(plain[0].row.samplesPerSecond! * plain[0].row.trainSeconds! - 200) < 1e-6)
    }

    @Test func validation_tooLarge_isRefusedNamingTheField() {
        #expect(throws: SpecError(field: "validation", "must be in 0...99: images held out of the 100 training images (got 100)")) {
            try RunSpec.decode(Array(#"{"train_samples": 100, "validation": 100}"#.utf8))
        }
    }
}
