import App
import ArgumentParser
import Dispatch
import Foundation
import Logging

/// `mlplab serve`: the service, with the settings `Settings` resolves (config.json, then
/// environment, then these flags).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the mlplab service.")

    @Option(help: "Address to bind.") var host: String?
    @Option(help: "Port to listen on (0: any free port).") var port: Int?
    @Option(help: "SQLite database file.") var database: String?
    @Option(help: "Worker threads (default: one per core).") var workers: Int?
    @Option(help: "Worker threads for \"device\": \"gpu\" runs (default: one per visible GPU).") var gpuWorkers: Int?
    @Option(help: "Data directory searched first.") var data: String?
    @Option(help: "Configuration file (default ./config.json when present).") var config: String?
    @Option(help: "off or tokens: whether writes need a token (required off loopback).") var auth: String?
    @Flag(help: "With --auth tokens, reads need a token too.") var authReads = false
    @Option(help: "threads (the service's worker threads) or slurm (config.json's executor settings).") var executor: String?

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be 0...65535") }
        if let workers, workers < 1 { throw ValidationError("--workers must be >= 1") }
        if let gpuWorkers, gpuWorkers < 0 { throw ValidationError("--gpu-workers must be >= 0") }
    }

    func run() throws {
        try reportingErrors {
            let settings = try resolve()
            var logger = Logger(label: "mlplab")
            logger.logLevel = .info
            let service = try Service(config: settings, logger: logger)
            try service.start()
            Self.waitForSignal()
            service.stop()
        }
    }

    func resolve() throws -> ServiceConfig {
        let settings = try Settings.resolve(configPath: config, flags: .init(host: host, port: port, database: database,
                                                                             workers: workers, data: data,
                                                                             gpuWorkers: gpuWorkers, auth: auth,
                                                                             authReads: authReads ? true : nil,
                                                                             executor: executor))
        var s = ServiceConfig()
        (s.host, s.port, s.databasePath, s.workers) = (settings.host, settings.port, settings.database, settings.workers)
        (s.dataDirectories, s.mnistMirror, s.auth) = (settings.dataDirectories, settings.mnistMirror, settings.auth)
        (s.slurm, s.gpuWorkers) = (settings.slurm, settings.gpuWorkers)
        s.migrationsDirectory = try ProjectFiles.locate("migrations")
        s.staticDirectory = try ProjectFiles.locate("static")
        s.openAPIPath = try ProjectFiles.locate("docs/openapi.json")
        return s
    }

    /// Blocks until SIGINT or SIGTERM.
    static func waitForSignal() {
        let done = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { done.signal() }
            source.resume()
            sources.append(source)
        }
        done.wait()
        sources.forEach { $0.cancel() }
    }
}

/// Finds the project's `migrations/`, `static/` and `docs/openapi.json`: in the working directory, else
/// beside the executable's checkout (`.build/release/mlplab` → the repository root).
enum ProjectFiles {
    static func locate(_ name: String) throws -> String {
        if FileManager.default.fileExists(atPath: name) { return name }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = dir.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw CLIError("cannot find the \(name)/ folder: run mlplab from its repository")
    }
}
