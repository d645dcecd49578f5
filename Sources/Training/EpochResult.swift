import Metrics

/// What one epoch measured: training figures with dropout on, test figures in evaluation mode.
public struct EpochResult: Codable, Sendable, Equatable {
    public let epoch: Int
    /// Seconds spent in the training loop (batches, backward, updates), not in evaluation.
    public let trainSeconds: Double
    public let trainLoss: Double
    public let trainAccuracy: Double
    public let testLoss: Double
    public let testAccuracy: Double
    public let aucMacro: Double
    public let aucMicro: Double
    public let samplesPerSecond: Double
    public let evalSeconds: Double
    /// Confusion matrix and ROC curves on the test set (not in the one-line JSON output).
    public let report: ClassificationReport

    enum CodingKeys: String, CodingKey {
        case epoch, report
        case trainSeconds = "train_seconds", trainLoss = "train_loss", trainAccuracy = "train_accuracy"
        case testLoss = "test_loss", testAccuracy = "test_accuracy", aucMacro = "auc_macro", aucMicro = "auc_micro"
        case samplesPerSecond = "samples_per_second", evalSeconds = "eval_seconds"
    }
}

/// Receives a run's progress; `Trainer` calls it from the training thread.
///
/// Declared here and implemented higher up (the CLI's progress bar, the service's store and
/// event stream), so `Training` never depends on them.
public protocol TrainingObserver: AnyObject {
    /// After each batch. Cheap implementations only: it runs inside the training loop.
    func batchFinished(epoch: Int, batch: Int, batches: Int)
    /// After each epoch's evaluation.
    func epochFinished(_ result: EpochResult)
    /// Checked before each batch; true stops the run with `TrainingError.cancelled`.
    var shouldStop: Bool { get }
}

/// Why a run stopped early.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    case cancelled
    case diverged(epoch: Int, batch: Int)

    public var description: String {
        switch self {
        case .cancelled: "cancelled"
        case let .diverged(epoch, batch):
            "training diverged: the loss is not finite at epoch \(epoch), batch \(batch); try a lower optimizer.lr"
        }
    }
}
