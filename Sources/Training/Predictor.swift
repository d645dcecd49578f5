import Foundation
import Models
import NN
import Tensor
import Wire

/// A run's model at one epoch, loaded from its checkpoint, answering for images: logits,
/// softmax probabilities and the predicted class (evaluation mode: dropout off).
///
/// Like every model instance it belongs to one thread at a time; the service keeps it behind a lock.
///
/// ```swift
/// let predictor = try Predictor(spec: spec, checkpoint: checkpoint, imageShape: [28, 28], classes: 10)
/// let answers = predictor.predict([[Float](repeating: 0, count: 784)])   // answers[0].predicted
/// ```
public final class Predictor {
    public let spec: RunSpec
    public let epoch: Int
    public let imageShape: [Int]
    private let backend: Backend
    private let model: Model
    private let batch: Tensor

    /// Images per forward pass: bounds the activations of a 1,024-image request.
    static let chunk = 256

    /// - Throws: `CheckpointError` when the checkpoint is not this spec's model.
    public init(spec: RunSpec, checkpoint: Checkpoint, imageShape: [Int], classes: Int) throws(CheckpointError) {
        (self.spec, self.imageShape) = (spec, imageShape)
        epoch = checkpoint.epoch ?? 0
        let backend = Engine.current
        self.backend = backend
        var rng = RandomGenerator(seed: UInt64(spec.seed))
        (model, batch) = Engine.$current.withValue(backend) {
            (Model(spec.model, imageShape: imageShape, classes: classes, rng: &rng), Tensor(zeros: [0]))
        }
        for (name, p) in model.namedParameters {
            guard let entry = checkpoint.file[name] else { throw .mismatch("no tensor \(name)") }
            guard entry.shape == p.value.shape else { throw .mismatch("\(name) is \(entry.shape), the model's is \(p.value.shape)") }
            entry.values.withUnsafeBufferPointer { p.value.data.update(from: $0.baseAddress!, count: $0.count) }
        }
    }

    /// Numbers per image: the product of `imageShape` (784 for MNIST).
    public var pixels: Int { imageShape.reduce(1, *) }

    /// The model's answer for each image (`pixels` values in 0...1, row-major), in order.
    public func predict(_ images: [[Float]]) -> [ImagePrediction] {
        precondition(images.allSatisfy { $0.count == pixels }, "Predictor: every image has \(pixels) values")
        return Engine.$current.withValue(backend) {
            var out: [ImagePrediction] = []
            out.reserveCapacity(images.count)
            for start in stride(from: 0, to: images.count, by: Self.chunk) {
                let part = images[start..<min(images.count, start + Self.chunk)]
                batch.reshape([part.count, pixels])
                for (i, image) in part.enumerated() {
                    image.withUnsafeBufferPointer { (batch.data + i * pixels).update(from: $0.baseAddress!, count: pixels) }
                }
                let logits = model.forward(batch, training: false)
                let k = logits.matrixShape.columns
                for i in 0..<part.count {
                    let row = Array(UnsafeBufferPointer(start: logits.data + i * k, count: k))
                    out.append(ImagePrediction(logits: row))
                }
            }
            return out
        }
    }
}

extension ImagePrediction {
    /// The prediction for one row of logits: softmax (in double precision, shifted by the max)
    /// and the arg-max class (the first on ties).
    init(logits: [Float]) {
        let top = logits.max() ?? 0
        let e = logits.map { exp(Double($0 - top)) }, sum = e.reduce(0, +)
        var best = 0
        for j in logits.indices where logits[j] > logits[best] { best = j }
        self.init(predicted: best, probabilities: e.map { $0 / sum }, logits: logits)
    }
}
