import Foundation
import Training

/// Shows a run in the terminal: a progress bar inside each epoch (on stderr, only when it is
/// a terminal, redrawn at most 10 times a second) and one table row or JSON line per epoch.
final class TerminalObserver: TrainingObserver {
    let json: Bool
    private let showBar = isatty(STDERR_FILENO) == 1
    private var lastDraw: UInt64 = 0
    private(set) var totalTrainSeconds = 0.0

    init(json: Bool) { self.json = json }

    var shouldStop: Bool { false }

    func batchFinished(epoch: Int, batch: Int, batches: Int) {
        guard showBar else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard batch == batches || now - lastDraw > 100_000_000 else { return }
        lastDraw = now
        let width = 30, filled = width * batch / batches
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\repoch \(epoch) [\(bar)] \(batch)/\(batches)".utf8))
    }

    func epochFinished(_ r: EpochResult) {
        if showBar { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        totalTrainSeconds += r.trainSeconds
        if json {
            print(jsonLine(EpochLine(r)), terminator: "\n")
        } else {
            if r.epoch == 1 { print(Self.header) }
            print(String(format: "%5d  %10.4f  %9.4f  %9.4f  %8.4f  %9.5f  %9.5f  %7.2f  %9.0f", r.epoch, r.trainLoss,
                         r.trainAccuracy, r.testLoss, r.testAccuracy, r.aucMacro, r.aucMicro, r.trainSeconds,
                         r.samplesPerSecond))
        }
        fflush(nil)                           // every C stream, stdout included: rows appear as they finish
    }

    static let header = "epoch  train_loss  train_acc  test_loss  test_acc  auc_macro  auc_micro  train_s  samples/s"
}

/// One `--json` line per epoch, with the keys of torch_reference.py (and a few more).
struct EpochLine: Encodable {
    let epoch: Int
    let trainSeconds: Double, trainLoss: Double, trainAccuracy: Double
    let testLoss: Double, testAccuracy: Double
    let aucMacro: Double?, aucMicro: Double?           // null when a class is missing from a tiny test set
    let samplesPerSecond: Double, evalSeconds: Double

    init(_ r: EpochResult) {
        epoch = r.epoch
        (trainSeconds, trainLoss, trainAccuracy) = (r.trainSeconds, r.trainLoss, r.trainAccuracy)
        (testLoss, testAccuracy) = (r.testLoss, r.testAccuracy)
        aucMacro = r.aucMacro.isNaN ? nil : r.aucMacro
        aucMicro = r.aucMicro.isNaN ? nil : r.aucMicro
        (samplesPerSecond, evalSeconds) = (r.samplesPerSecond, r.evalSeconds)
    }
}

/// The summary line closing `train --json`.
struct SummaryLine: Encodable {
    let summary = true
    let parameters: Int
    let engine: String
    let threads: Int
    let trainSecondsTotal: Double
}

/// One compact JSON line with snake_case keys.
func jsonLine<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys]
    let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
}
