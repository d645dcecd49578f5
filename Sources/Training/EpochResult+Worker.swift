import Metrics
import Wire

extension WorkerMessage.Epoch {
    /// One finished epoch as a remote worker sends it: what a local run stores in the epoch's
    /// transaction (row, curves, confusion matrix, the checkpoint when the result carries one,
    /// the test set's predictions).
    public init(attempt: Int, result: EpochResult, engine: String?) {
        self.init(attempt: attempt, row: result.row, curves: result.curves, confusion: result.confusion, engine: engine,
                  checkpoint: result.checkpoint.map { Base64Bytes($0.encoded()) },
                  predictions: WorkerMessage.Predictions(result.report))
    }
}

extension WorkerMessage.Predictions {
    /// The test set's labels and softmax scores of one epoch's report.
    init(_ report: ClassificationReport) {
        precondition(1.littleEndian == 1, "WorkerMessage.Predictions: big-endian hosts are not supported")
        self.init(classes: report.confusion.count,
                  labels: Base64Bytes(report.labels.map { UInt8(truncatingIfNeeded: $0) }),
                  scores: Base64Bytes(report.scores.withUnsafeBytes { Array($0) }))
    }
}
