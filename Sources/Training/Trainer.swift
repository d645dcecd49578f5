import Data
import Foundation
import Metrics
import Models
import NN
import Tensor
import Wire

/// Trains one spec on one thread: seeded shuffling every epoch, mini-batches (the last,
/// partial one kept), and a full evaluation of the test split after each epoch.
///
/// ```swift
/// let trainer = try Trainer(spec: spec, train: data.train, test: data.test)
/// let results = try trainer.run(observer: nil)
/// ```
/// Same spec, seed and engine (`backend.name`, and thread count) give bit-identical results: one
/// `RandomGenerator` seeded from `spec.seed` is forked into the initialisation, dropout and
/// shuffling streams.
public final class Trainer {
    public let spec: RunSpec
    /// The backend every tensor of this run belongs to (`Engine.current`, with `threads`).
    public let backend: Backend
    public let model: Model
    let train: Dataset, test: Dataset
    /// The last `spec.validation` training images, held out and evaluated each epoch; nil without a split.
    private let validation: (split: Dataset, labels: [Int32])?
    let optimizer: Optimizer
    private let loss: Loss
    var shuffleRNG: RandomGenerator
    /// Epochs trained so far (or restored from a checkpoint); `run` continues with the next.
    public internal(set) var epochsDone = 0
    /// Draws `spec.augment`'s distortions; forked after the other streams, so runs without it are unchanged.
    var augmentRNG: RandomGenerator
    let augmentation: Augmentation?
    private let batch: Tensor
    private var batchLabels: [Int32] = []
    private var order: [Int32] = []
    /// The test split's labels, as the metrics take them (fixed, so converted once).
    private let testLabels: [Int32]

    /// Number of test images evaluated per forward pass: the training batch size, so the
    /// model's activation buffers, sized for one batch, are reused rather than grown.
    var evaluationChunk: Int { spec.batchSize }

    /// Points kept per ROC curve in each epoch's report: enough to draw, and a 100-epoch run's
    /// reports stay a few MB (full curves were ~5 MB per epoch on MNIST).
    static let curvePoints = 1000

    /// - Parameters:
    ///   - threads: threads for this run's products and large element-wise loops (1 per worker).
    /// - Throws: `SpecError` when `train_samples` / `test_samples` exceed the data set.
    public init(spec: RunSpec, train: Dataset, test: Dataset, threads: Int = 1) throws(SpecError) {
        for (key, n, split) in [("train_samples", spec.trainSamples, train), ("test_samples", spec.testSamples, test)] {
            if let n, n > split.count {
                throw SpecError(field: key, "\(n) exceeds the \(split.count) images of \(split.name)'s split")
            }
        }
        self.spec = spec
        let training = train.prefix(spec.trainSamples), held = min(spec.validation, training.count - 1)
        self.train = training.slice(0..<training.count - held)
        validation = held > 0 ? training.slice(training.count - held..<training.count).withLabels : nil
        self.test = test.prefix(spec.testSamples)
        testLabels = self.test.labels.map(Int32.init)
        var rng = RandomGenerator(seed: UInt64(spec.seed))
        var initRNG = rng.fork()
        shuffleRNG = rng.fork()
        augmentRNG = rng.fork()
        augmentation = spec.augment?.augmentation
        let backend: Backend
        if let gpu = spec.device.engineName {
            do { backend = try Engine.backend(named: gpu) } catch { throw SpecError(field: "device", error.description) }
        } else {
            backend = Engine.current.withThreads(threads)
        }
        self.backend = backend
        (model, optimizer, loss, batch) = Engine.$current.withValue(backend) {     // their tensors are the backend's
            let model = Model(spec.model, imageShape: train.imageShape, classes: train.classes, rng: &initRNG)
            return (model, spec.optimizer.make(model.parameters), Loss(spec.loss, smoothing: Float(spec.labelSmoothing)),
                    Tensor(zeros: [0]))
        }
    }

    /// Trains from epoch `epochsDone + 1` through `epochs` (the spec's by default), reporting each
    /// to `observer`, with the training state after it when the observer `wantsCheckpoints`.
    /// - Throws: `TrainingError.cancelled` when the observer asks to stop, `.diverged` on a
    ///   non-finite loss.
    @discardableResult
    public func run(epochs: Int? = nil, observer: TrainingObserver?) throws(TrainingError) -> [EpochResult] {
        FloatingPoint.flushSubnormalsToZero()          // this thread trains: no subnormal slow path
        var results: [EpochResult] = []
        for epoch in stride(from: epochsDone + 1, through: epochs ?? spec.epochs, by: 1) {
            var result = try trainEpoch(epoch, observer: observer)
            epochsDone = epoch
            if observer?.wantsCheckpoints == true {
                let start = DispatchTime.now().uptimeNanoseconds
                result.checkpoint = checkpoint()
                result.checkpointSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
            results.append(result)
            observer?.epochFinished(result)
        }
        return results
    }

    private func trainEpoch(_ epoch: Int, observer: TrainingObserver?) throws(TrainingError) -> EpochResult {
        let n = train.count, size = spec.batchSize, batches = (n + size - 1) / size
        let start = DispatchTime.now().uptimeNanoseconds
        shuffleRNG.permutation(n, into: &order)
        var lossSum = 0.0, correct = 0
        for b in 0..<batches {
            if observer?.shouldStop == true { throw .cancelled }
            let indices = order[(b * size)..<min(n, (b + 1) * size)]
            if let augmentation {
                augmentation.gather(indices, of: train, into: batch, labels: &batchLabels, rng: &augmentRNG)
            } else {
                train.gather(indices, into: batch, labels: &batchLabels)
            }
            optimizer.learningRate = learningRate(atStep: (epoch - 1) * batches + b)
            model.zeroGrad()
            let logits = model.forward(batch, training: true)
            let batchLoss = batchLabels.withUnsafeBufferPointer {
                loss.evaluate(logits: logits, labels: $0, computeGradient: true)
            }
            guard batchLoss.isFinite else { throw .diverged(epoch: epoch, batch: b + 1) }
            lossSum += batchLoss
            correct += countCorrect(loss.probabilities, batchLabels)
            model.backward(loss.gradient)
            if let clip = spec.gradClip { clipGradientNorm(model.parameters, maxNorm: Float(clip)) }
            optimizer.step()
            observer?.batchFinished(epoch: epoch, batch: b + 1, batches: batches)
        }
        let trainSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let evalStart = DispatchTime.now().uptimeNanoseconds
        let (testLoss, report) = evaluate()
        let validated = validation.map { evaluate($0.split, labels: $0.labels) }
        var row = EpochRow(epoch: epoch)
        (row.trainSeconds, row.samplesPerSecond) = (trainSeconds, Double(n) / trainSeconds)
        (row.trainLoss, row.trainAccuracy) = (EpochRow.defined(lossSum / Double(n)), Double(correct) / Double(n))
        (row.testLoss, row.testAccuracy) = (EpochRow.defined(testLoss), EpochRow.defined(report.accuracy))
        (row.aucMacro, row.aucMicro) = (EpochRow.defined(report.aucMacro), EpochRow.defined(report.aucMicro))
        row.evalSeconds = Double(DispatchTime.now().uptimeNanoseconds - evalStart) / 1e9
        row.learningRate = Double(optimizer.learningRate)
        if let (loss, report) = validated {
            (row.validationLoss, row.validationAccuracy) = (EpochRow.defined(loss), EpochRow.defined(report.accuracy))
            row.validationAucMacro = EpochRow.defined(report.aucMacro)
        }
        return EpochResult(row: row, report: report)
    }

    /// Mean loss and the classification report on the test split, dropout off.
    public func evaluate() -> (loss: Double, report: ClassificationReport) { evaluate(test, labels: testLabels) }

    /// Mean loss and the classification report on `split`, dropout off.
    func evaluate(_ split: Dataset, labels: [Int32]) -> (loss: Double, report: ClassificationReport) {
        let n = split.count, k = split.classes
        var probabilities = [Float](repeating: 0, count: n * k), lossSum = 0.0
        for start in stride(from: 0, to: n, by: evaluationChunk) {
            let end = min(n, start + evaluationChunk)
            split.gather(Int32(start)..<Int32(end), into: batch, labels: &batchLabels)
            let logits = model.forward(batch, training: false)
            lossSum += batchLabels.withUnsafeBufferPointer { loss.evaluate(logits: logits, labels: $0, computeGradient: false) }
            probabilities.withUnsafeMutableBufferPointer {
                ($0.baseAddress! + start * k).update(from: loss.probabilities.data, count: (end - start) * k)
            }
        }
        return (lossSum / Double(n), ClassificationReport(probabilities: probabilities, labels: labels, classes: k,
                                                                  curvePoints: Self.curvePoints))
    }

    private func countCorrect(_ p: Tensor, _ labels: [Int32]) -> Int {
        let k = p.matrixShape.columns
        var correct = 0
        for (r, y) in labels.enumerated() {
            let row = p.data + r * k
            var best = 0
            for j in 1..<k where row[j] > row[best] { best = j }
            if best == Int(y) { correct += 1 }
        }
        return correct
    }
}

private extension Dataset {
    /// The split with its labels as the metrics take them (converted once).
    var withLabels: (split: Dataset, labels: [Int32]) { (self, labels.map(Int32.init)) }
}
