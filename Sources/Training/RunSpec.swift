import Data
import Foundation
import Models
import NN
import Wire

/// An experiment spec: the unit a user writes, submits and compares (DESIGN.md, "Experiment spec").
///
/// ```json
/// { "name": "seed-mlp", "dataset": "mnist",
///   "model": {"type": "mlp", "hidden": [100, 80], "activation": "relu", "dropout": 0.2},
///   "optimizer": {"type": "sgd", "lr": 0.01, "momentum": 0.9},
///   "loss": "cross_entropy", "epochs": 10, "batch_size": 32, "seed": 10 }
/// ```
/// Every field has a default; unknown fields, wrong types and out-of-range values are
/// rejected by `RunSpec.decode(_:)` with a `SpecError` naming the field.
public struct RunSpec: Codable, Equatable, Sendable, RequestBody {
    public var name = "run"
    public var dataset = DatasetInfo.mnist.name
    public var model = ModelSpec()
    public var optimizer = OptimizerSpec()
    public var loss: Loss.Kind = .crossEntropy
    public var epochs = 10
    public var batchSize = 32
    public var seed = 0
    /// Use only the first N training / test images (quick runs, benchmarks).
    public var trainSamples: Int?
    public var testSamples: Int?
    /// The last N training images (after `train_samples`) are held out, never trained on, and
    /// evaluated each epoch like the test set; early stopping and "best" then use them.
    public var validation = 0
    public var device: RunDevice = .cpu
    /// Learning rate per optimizer step (constant by default).
    public var schedule = ScheduleSpec()
    /// Random distortions of every training image at every step; nil: none.
    public var augment: AugmentSpec?
    /// Cross-entropy against (1 − e)·onehot + e/K.
    public var labelSmoothing = 0.0
    /// Largest global gradient norm before each step; nil: no clipping.
    public var gradClip: Double?

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, dataset, model, optimizer, loss, epochs, seed, device
        case validation, schedule, augment
        case labelSmoothing = "label_smoothing", gradClip = "grad_clip"
        case batchSize = "batch_size", trainSamples = "train_samples", testSamples = "test_samples"
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.rawValue), context: "a run spec")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? name
        dataset = try c.decodeIfPresent(String.self, forKey: .dataset) ?? dataset
        model = try c.decodeIfPresent(ModelSpec.self, forKey: .model) ?? model
        optimizer = try c.decodeIfPresent(OptimizerSpec.self, forKey: .optimizer) ?? optimizer
        loss = try c.decodeChoice(Loss.Kind.self, forKey: .loss) ?? loss
        epochs = try c.decodeInteger(forKey: .epochs) ?? epochs
        batchSize = try c.decodeInteger(forKey: .batchSize) ?? batchSize
        seed = try c.decodeInteger(forKey: .seed) ?? seed
        trainSamples = try c.decodeInteger(forKey: .trainSamples)
        testSamples = try c.decodeInteger(forKey: .testSamples)
        validation = try c.decodeInteger(forKey: .validation) ?? validation
        device = try c.decodeIfPresent(RunDevice.self, forKey: .device) ?? device
        schedule = try c.decodeIfPresent(ScheduleSpec.self, forKey: .schedule) ?? schedule
        augment = try c.decodeIfPresent(AugmentSpec.self, forKey: .augment)
        labelSmoothing = try c.decodeIfPresent(Double.self, forKey: .labelSmoothing) ?? labelSmoothing
        gradClip = try c.decodeIfPresent(Double.self, forKey: .gradClip)
    }

    /// Decodes and validates a JSON spec, and fills the defaults that depend on the data set,
    /// so the spec encodes as it will really train.
    /// - Throws: `SpecError` naming the field for malformed JSON, a wrong type, an unknown
    ///   field or value, or an out-of-range value.
    public static func decode(_ json: some Collection<UInt8>) throws(SpecError) -> RunSpec {
        var spec = try WireJSON.strict(RunSpec.self, from: json)
        try spec.validate()
        spec.model.resolveDefaults(imageSide: spec.datasetInfo.imageShape[0])
        return spec
    }

    /// The facts of `dataset` (image shape, classes, split sizes); valid once `validate` passed.
    public var datasetInfo: DatasetInfo {
        guard let info = try? DatasetInfo.named(dataset) else { preconditionFailure("RunSpec: validate() first") }
        return info
    }

    /// Memory one training step may hold in activations: a worker shares the machine.
    public static let maxActivationBytes = 4e9

    /// Checks every range, naming the field of the first value out of range.
    public func validate() throws(SpecError) {
        func check(_ ok: Bool, _ key: CodingKeys, _ message: String) throws(SpecError) {
            if !ok { throw SpecError(field: key.rawValue, message) }
        }
        try check(!name.isEmpty && name.count <= 200, .name, "must be 1 to 200 characters")
        guard let info = try? DatasetInfo.named(dataset) else {
            throw SpecError(field: CodingKeys.dataset.rawValue,
                            "unknown dataset '\(dataset)' (expected one of: \(DatasetInfo.names.joined(separator: ", ")))")
        }
        try check(epochs >= 1 && epochs <= 10_000, .epochs, "must be in 1...10000 (got \(epochs))")
        try check(batchSize >= 1 && batchSize <= 65_536, .batchSize, "must be in 1...65536 (got \(batchSize))")
        try check(seed >= 0, .seed, "must be >= 0 (got \(seed))")
        try check((1...info.trainCount).contains(trainSamples ?? 1), .trainSamples,
                  "must be in 1...\(info.trainCount), the images of \(dataset)'s training split (got \(trainSamples ?? 0))")
        let training = trainSamples ?? info.trainCount
        try check(validation >= 0 && validation < training, .validation,
                  "must be in 0...\(training - 1): images held out of the \(training) training images (got \(validation))")
        try check((1...info.testCount).contains(testSamples ?? 1), .testSamples,
                  "must be in 1...\(info.testCount), the images of \(dataset)'s test split (got \(testSamples ?? 0))")
        try check(labelSmoothing.isFinite && labelSmoothing >= 0 && labelSmoothing < 1, .labelSmoothing,
                  "must be in [0, 1) (got \(labelSmoothing))")
        try check(labelSmoothing == 0 || loss == .crossEntropy, .labelSmoothing, "applies to cross_entropy only")
        try check(gradClip.map { $0.isFinite && $0 > 0 } ?? true, .gradClip,
                  "must be > 0, the largest global gradient norm (got \(gradClip ?? 0))")
        if let reason = device.unavailability { throw SpecError(field: CodingKeys.device.rawValue, reason) }
        do {
            try model.validate(imageShape: info.imageShape, classes: info.classes)
            try optimizer.validate()
        } catch let error as SpecError { throw error } catch { throw SpecError(field: "", "\(error)") }
        try schedule.validate(lr: optimizer.lr, epochs: epochs)           // needs a valid optimizer.lr
        try augment?.validate()
        let bytes = Double(batchSize) * Double(model.activationFloatsPerSample(imageShape: info.imageShape, classes: info.classes)) * 4
        try check(bytes <= Self.maxActivationBytes, .batchSize,
                  "batch_size \(batchSize) with this model needs about \(Int(bytes / 1e9)) GB of activations"
                  + " (limit \(Int(Self.maxActivationBytes / 1e9)) GB): use a smaller batch or model")
    }
}
