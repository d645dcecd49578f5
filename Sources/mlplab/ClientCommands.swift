import ArgumentParser
import Foundation
import Training
import Wire

/// Options every client command shares.
struct ServerOption: ParsableArguments {
    @Option(help: "The mlplab server (default $MLPLAB_SERVER or http://127.0.0.1:8080).")
    var server: String = ProcessInfo.processInfo.environment["MLPLAB_SERVER"] ?? "http://127.0.0.1:8080"
    @Option(help: "A file holding the API token to send (default $MLPLAB_TOKEN).") var tokenFile: String?

    var client: HTTPClient {
        get throws { HTTPClient(base: server, token: try Self.token(file: tokenFile)) }
    }

    /// The token from `file` (surrounding whitespace dropped), else `MLPLAB_TOKEN`, else none.
    static func token(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read token file \(file)") }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw CLIError("token file \(file) is empty") }
            return token
        }
        return environment["MLPLAB_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// `mlplab submit SPEC.json`: queues a spec on the server.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "submit", abstract: "Queue a spec on an mlplab server.")
    @Argument(help: "Experiment spec (JSON).") var spec: String
    @OptionGroup var options: ServerOption
    @Flag(help: "Follow the run until it ends.") var watch = false

    func run() throws {
        try reportingErrors {
            guard let body = FileManager.default.contents(atPath: spec) else { throw CLIError("cannot read spec \(spec)") }
            let run = try options.client.request("POST", "/api/runs", json: body).decode(RunInfo.self)
            print("run \(run.id) \(run.status.rawValue): \(run.name) (\(run.modelType), \(run.parameters ?? 0) parameters)")
            if watch { try Watcher(client: try options.client).follow(run.id) }
        }
    }
}

/// `mlplab ls`: the runs on the server.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List runs on an mlplab server.")
    @OptionGroup var options: ServerOption
    @Option(help: "Only runs with this status.") var status: String?
    @Option(help: "created, test_accuracy or auc_macro; prefix - for descending.") var sort = "-created"
    @Option(help: "At most this many runs.") var limit = 50

    func run() throws {
        try reportingErrors {
            var query = "?sort=\(sort)&limit=\(limit)"
            if let status { query += "&status=\(status)" }
            let list = try options.client.request("GET", "/api/runs" + query).decode(RunInfoList.self)
            print("   id  status     progress  test_acc  best_acc  auc_macro  model   name")
            for r in list.runs {
                func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "-" }
                print(String(format: "%5d", r.id) + "  " + r.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                      + String(format: "  %6.1f%%  ", r.progress.fraction * 100) + f(r.testAccuracy).padding(toLength: 8, withPad: " ", startingAt: 0)
                      + "  " + f(r.bestTestAccuracy).padding(toLength: 8, withPad: " ", startingAt: 0)
                      + "  " + (r.aucMacro.map { String(format: "%.5f", $0) } ?? "-").padding(toLength: 9, withPad: " ", startingAt: 0)
                      + "  " + r.modelType.padding(toLength: 6, withPad: " ", startingAt: 0) + "  " + r.name)
            }
        }
    }
}

/// `mlplab show ID`: one run and its epochs.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one run and its epochs.")
    @Argument(help: "Run id.") var id: Int64
    @OptionGroup var options: ServerOption

    func run() throws {
        try reportingErrors {
            let run = try options.client.request("GET", "/api/runs/\(id)").decode(RunInfo.self)
            let epochs = try options.client.request("GET", "/api/runs/\(id)/epochs").decode(Epochs.self)
            print("run \(run.id): \(run.name) — \(run.status.rawValue), \(run.modelType) on \(run.dataset), "
                  + "\(run.parameters ?? 0) parameters, epoch \(run.epochsDone)/\(run.epochsTotal), created \(run.createdAt)")
            if let error = run.error { print("error: \(error)") }
            if let note = run.note { print("note: \(note)") }
            print(EpochRow.header)
            epochs.epochs.forEach { print($0.line) }
        }
    }
}

/// `mlplab watch ID`: a live progress bar and each epoch as it finishes.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch", abstract: "Follow a run live until it ends.")
    @Argument(help: "Run id.") var id: Int64
    @OptionGroup var options: ServerOption

    func run() throws {
        try reportingErrors { try Watcher(client: try options.client).follow(id) }
    }
}
