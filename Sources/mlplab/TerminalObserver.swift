import Foundation
import Training
import Wire

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
        totalTrainSeconds += r.row.trainSeconds ?? 0
        if json {
            print(jsonLine(r.row))
        } else {
            if r.epoch == 1 { print(EpochRow.header) }
            print(r.row.line)
        }
        fflush(nil)                           // every C stream, stdout included: rows appear as they finish
    }
}

/// The summary line closing `train --json`.
struct SummaryLine: Encodable {
    let summary = true
    let parameters: Int
    let engine: String
    let threads: Int
    let trainSecondsTotal: Double
    enum CodingKeys: String, CodingKey { case summary, parameters, engine, threads, trainSecondsTotal = "train_seconds_total" }
}

/// One compact JSON line, with the API's JSON configuration.
func jsonLine<T: Encodable>(_ value: T) -> String { (try? WireJSON.text(value)) ?? "{}" }
