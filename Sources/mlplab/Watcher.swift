import Foundation
import Wire

/// Follows a run's server-sent events: draws the progress bar on stderr, prints each epoch
/// row, and ends with the run's final status (non-zero exit unless it finished).
struct Watcher {
    let client: HTTPClient

    func follow(_ id: Int64) throws {
        var buffer = [UInt8](), finalStatus: StatusEvent?, printedHeader = false, lastEpoch = 0, caughtUp = false
        let tty = isatty(STDERR_FILENO) == 1
        func show(_ row: EpochRow) {
            guard row.epoch > lastEpoch else { return }          // seen in both /epochs and the stream
            if !printedHeader { print(EpochRow.header); printedHeader = true }
            print(row.line)
            fflush(nil)
            lastEpoch = row.epoch
        }
        try client.stream("/api/runs/\(id)/events") { chunk in
            buffer += chunk
            while let end = Self.eventEnd(in: buffer) {
                let text = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 2)
                var name = "message", data = ""
                for line in text.split(separator: "\n") {
                    if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data += line.dropFirst(6) }
                }
                let json = Array(data.utf8)
                switch name {
                case "progress":
                    if tty, let p = try? WireJSON.decode(Progress.self, from: json) {
                        let filled = Int(p.fraction * 30)
                        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
                        FileHandle.standardError.write(Data("\r[\(bar)] epoch \(p.epoch) batch \(p.batch)/\(p.batches)".utf8))
                    }
                case "epoch":
                    if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                    if let row = try? WireJSON.decode(EpochRow.self, from: json) { show(row) }
                case "status":
                    // The stream opens with the current status, sent once the server listens for
                    // the run's events: epochs stored before then are read here, later ones arrive.
                    if !caughtUp, let stored = try? client.request("GET", "/api/runs/\(id)/epochs").decode(Epochs.self) {
                        caughtUp = true
                        stored.epochs.forEach(show)
                    }
                    if let s = try? WireJSON.decode(StatusEvent.self, from: json) {
                        if s.status.isFinal { finalStatus = s; return false }
                        print("run \(id): \(s.status.rawValue)")
                    }
                default: break
                }
            }
            return true
        }
        if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        guard let finalStatus else { throw CLIError("the event stream of run \(id) ended early") }
        print("run \(id): \(finalStatus.status.rawValue)\(finalStatus.error.map { ": \($0)" } ?? "")")
        if finalStatus.status != .finished { throw CLIError("run \(id) \(finalStatus.status.rawValue)") }
    }

    /// Index of the blank line ending the first complete event, if any.
    static func eventEnd(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        return (0..<(bytes.count - 1)).first { bytes[$0] == 10 && bytes[$0 + 1] == 10 }
    }
}
