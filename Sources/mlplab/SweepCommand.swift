import ArgumentParser
import Foundation
import Wire

/// `mlplab sweep FILE [--watch]`: submits a sweep and, with --watch, prints its configuration
/// table each time it changes until every run is over.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sweep", abstract: "Submit a sweep (specs/sweeps/) and follow its table.")
    @Argument(help: "Sweep spec (JSON).") var file: String
    @OptionGroup var options: ServerOption
    @Flag(help: "Print the configuration table as it fills, until the sweep ends.") var watch = false
    @Option(help: "Seconds between refreshes with --watch.") var interval = 2.0

    func run() throws {
        try reportingErrors {
            guard let body = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read sweep \(file)") }
            let sweep = try options.client.request("POST", "/api/sweeps", json: body).decode(Sweep.self)
            print("sweep \(sweep.id): \(sweep.name), \(sweep.runsTotal) runs in \(sweep.configurations?.count ?? 0) configurations, "
                  + "objective \(sweep.goal) \(sweep.metric)")
            guard watch else { return }
            var last = ""
            while true {
                let now = try options.client.request("GET", "/api/sweeps/\(sweep.id)").decode(Sweep.self)
                let table = Self.table(now)
                if table != last { print(table); last = table }
                if now.status == "finished" || now.status == "cancelled" { break }
                Thread.sleep(forTimeInterval: interval)
            }
        }
    }

    /// The configuration table: one line per configuration, best first, mean ± std over seeds.
    static func table(_ s: Sweep) -> String {
        let c = s.counts
        var lines = ["sweep \(s.id) \(s.status): \(c.finished) finished, \(c.stoppedEarly) stopped early, \(c.running) running, "
                     + "\(c.queued) queued, \(c.failed + c.cancelled) failed or cancelled; \(s.epochsTrained) epochs trained"]
        lines.append("  \(s.metric) (\(s.goal))      test_accuracy        runs  configuration")
        for row in s.configurations ?? [] {
            func f(_ x: Sweep.Summary?) -> String {
                x.map { String(format: "%.4f ± %.4f", $0.mean, $0.std) } ?? "        -        "
            }
            let overrides = (try? WireJSON.text(row.overrides)) ?? ""
            lines.append("  " + f(row.objective) + "   " + f(row.testAccuracy) + "   " + String(format: "%4d", row.runIds.count)
                         + "  " + overrides)
        }
        return lines.joined(separator: "\n")
    }
}
