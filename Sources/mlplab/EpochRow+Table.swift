import Foundation
import Wire

/// The epoch table of `train`, `show` and `watch`: one row per epoch under `header`.
extension EpochRow {
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
