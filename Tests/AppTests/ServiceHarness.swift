import App
import Foundation
import Logging
import Server
import Store
import TestSupport
import Training
import Wire

/// A real service on an ephemeral loopback port, with its own SQLite file and a tiny
/// MNIST-shaped data set, for end-to-end tests.
final class ServiceHarness: Sendable {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    let directory: String
    let service: Service
    let port: Int

    init(workers: Int = 1, database: String? = nil, train: Int = 300, test: Int = 100, limits: HTTPLimits = .init(),
         auth: AuthSettings = .init()) throws {
        directory = IDXFixture.temporaryDirectory()
        IDXFixture.writeDataset(in: directory, name: "mnist", train: train, test: test)
        var config = ServiceConfig()
        (config.host, config.port, config.workers) = ("127.0.0.1", 0, workers)
        config.databasePath = database ?? directory + "/mlplab.sqlite3"
        config.migrationsDirectory = Self.repo + "/migrations"
        config.staticDirectory = Self.repo + "/static"
        config.openAPIPath = Self.repo + "/docs/openapi.json"
        config.dataDirectories = [directory]
        config.limits = limits
        config.auth = auth
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        service = try Service(config: config, logger: logger)
        port = try service.start()
    }

    deinit { service.stop() }

    func request(_ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:])
        throws -> TestHTTPClient.Response {
        try TestHTTPClient.request(port: port, method, path, body: body, headers: headers)
    }

    /// Polls GET /api/runs/{id} until `done` holds (at most `timeout` seconds).
    @discardableResult
    func waitFor(run id: Int64, timeout: Double = 60, _ done: (RunInfo) -> Bool) throws -> RunInfo {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let run = try request("GET", "/api/runs/\(id)").json(RunInfo.self)
            if done(run) || Date() > deadline { return run }
            usleep(20_000)
        }
    }
}
