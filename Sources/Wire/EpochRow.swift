/// One row of a run's epoch table: what a run measured in one epoch.
///
/// The one definition of the row: the trainer fills it, the store keeps one column per key
/// (`FlatEncoder`), the API serves it as JSON and CSV, the CLI prints it. A new metric is a new
/// property here, the line of the trainer that computes it, and a migration adding its column.
/// A metric that could not be computed (an AUC with a class missing from a tiny test split, the
/// loss of a diverged run) is nil: `null` in JSON, NULL in SQLite, empty in CSV.
public struct EpochRow: Codable, Sendable, Equatable {
    /// 1-based.
    public var epoch: Int
    /// Seconds in the training loop (batches, backward, updates), monotonic clock.
    public var trainSeconds: Double?
    public var trainLoss: Double?
    public var trainAccuracy: Double?
    public var testLoss: Double?
    public var testAccuracy: Double?
    public var aucMacro: Double?
    public var aucMicro: Double?
    public var samplesPerSecond: Double?
    /// Seconds evaluating the test split, monotonic clock.
    public var evalSeconds: Double?
    /// The learning rate of the epoch's last optimizer step (schedules change it per step).
    public var learningRate: Double?
    /// On the held-out validation split (the spec's `validation`); nil without one.
    public var validationLoss: Double?
    public var validationAccuracy: Double?
    public var validationAucMacro: Double?

    enum CodingKeys: String, CodingKey {
        case epoch
        case trainSeconds = "train_seconds", trainLoss = "train_loss", trainAccuracy = "train_accuracy"
        case testLoss = "test_loss", testAccuracy = "test_accuracy", aucMacro = "auc_macro", aucMicro = "auc_micro"
        case samplesPerSecond = "samples_per_second", evalSeconds = "eval_seconds", learningRate = "learning_rate"
        case validationLoss = "validation_loss", validationAccuracy = "validation_accuracy"
        case validationAucMacro = "validation_auc_macro"
    }

    /// A row with no metric yet; the trainer sets each as it measures it.
    public init(epoch: Int) {
        precondition(epoch >= 1, "EpochRow: epochs count from 1 (got \(epoch))")
        self.epoch = epoch
    }

    /// `value`, or nil when it is NaN or infinite (a metric that has no value).
    public static func defined(_ value: Double) -> Double? { value.isFinite ? value : nil }
}

extension EpochRow: WireExample {
    public static var example: EpochRow {
        var row = EpochRow(epoch: 10)
        (row.trainSeconds, row.trainLoss, row.trainAccuracy) = (0.31, 0.078, 0.9757)
        (row.testLoss, row.testAccuracy, row.aucMacro, row.aucMicro) = (0.0773, 0.9774, 0.99953, 0.99952)
        (row.samplesPerSecond, row.evalSeconds, row.learningRate) = (192_122, 0.05, 0.01)
        (row.validationLoss, row.validationAccuracy, row.validationAucMacro) = (0.08, 0.976, 0.9995)
        return row
    }
}
