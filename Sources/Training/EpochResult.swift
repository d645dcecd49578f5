import Metrics
import Wire

/// What one epoch measured: the row that is stored and served (training figures with dropout
/// on, test figures in evaluation mode) and the test set's full report (confusion matrix, ROC).
public struct EpochResult: Sendable, Equatable {
    public let row: EpochRow
    public let report: ClassificationReport
    /// The training state after this epoch, when the observer asked for checkpoints.
    public internal(set) var checkpoint: Checkpoint?
    /// Seconds taken to capture `checkpoint` (copying weights, optimizer state, streams); 0 without one.
    public internal(set) var checkpointSeconds: Double = 0

    public init(row: EpochRow, report: ClassificationReport, checkpoint: Checkpoint? = nil) {
        (self.row, self.report, self.checkpoint) = (row, report, checkpoint)
    }

    public var epoch: Int { row.epoch }
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
    /// True to get each epoch's `EpochResult.checkpoint` (the service stores them); false by default.
    var wantsCheckpoints: Bool { get }
}

extension TrainingObserver {
    public var wantsCheckpoints: Bool { false }
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
