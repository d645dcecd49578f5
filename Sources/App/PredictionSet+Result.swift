import Store
import Training

extension PredictionSet {
    /// The test set's predictions of one epoch, as the worker stores them with the epoch row.
    init(_ result: EpochResult) {
        let report = result.report
        self.init(epoch: result.epoch, classes: report.confusion.count,
                  labels: report.labels.map { UInt8(truncatingIfNeeded: $0) }, scores: report.scores)
    }
}
