import Foundation
import Training

/// One epoch as the CLI prints it: the `train --json` line (the keys of torch_reference.py,
/// and a few more), the table row of `train`, `show` and `watch`, and the API's epoch rows
/// decoded by the client. Metrics a tiny test set leaves undefined are null (absent in JSON).
struct EpochRow: Codable {
    let epoch: Int
    let trainSeconds: Double?, trainLoss: Double?, trainAccuracy: Double?
    let testLoss: Double?, testAccuracy: Double?
    let aucMacro: Double?, aucMicro: Double?
    let samplesPerSecond: Double?, evalSeconds: Double?

    init(_ r: EpochResult) {
        func defined(_ x: Double) -> Double? { x.isFinite ? x : nil }
        epoch = r.epoch
        (trainSeconds, trainLoss, trainAccuracy) = (r.trainSeconds, defined(r.trainLoss), r.trainAccuracy)
        (testLoss, testAccuracy) = (defined(r.testLoss), defined(r.testAccuracy))
        (aucMacro, aucMicro) = (defined(r.aucMacro), defined(r.aucMicro))
        (samplesPerSecond, evalSeconds) = (r.samplesPerSecond, r.evalSeconds)
    }

    static let header = "epoch  train_loss  train_acc  test_loss  test_acc  auc_macro  auc_micro  train_s  samples/s"

    /// The table row under `header`; "-" where a value is missing.
    var line: String {
        let columns: [(Double?, width: Int, digits: Int)] = [
            (trainLoss, 10, 4), (trainAccuracy, 9, 4), (testLoss, 9, 4), (testAccuracy, 8, 4),
            (aucMacro, 9, 5), (aucMicro, 9, 5), (trainSeconds, 7, 2), (samplesPerSecond, 9, 0)]
        return columns.reduce(String(format: "%5d", epoch)) { row, column in
            let text = column.0.map { String(format: "%.\(column.digits)f", $0) } ?? "-"
            return row + "  " + String(repeating: " ", count: max(0, column.width - text.count)) + text
        }
    }
}
