import App
import Foundation
import Logging
import Server
import Store
import TestSupport

/// A real service on an ephemeral loopback port, with its own SQLite file and a tiny
/// MNIST-shaped data set, for end-to-end tests.
final class ServiceHarness: Sendable {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    let directory: String
    let service: Service
    let port: Int

    init(workers: Int = 1, database: String? = nil, train: Int = 300, test: Int = 100, limits: HTTPLimits = .init()) throws {
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
    func waitFor(run id: Int64, timeout: Double = 60, _ done: (RunJSON) -> Bool) throws -> RunJSON {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let run = try request("GET", "/api/runs/\(id)").json(RunJSON.self)
            if done(run) || Date() > deadline { return run }
            usleep(20_000)
        }
    }
}

/// The fields of the run object the tests read.
struct RunJSON: Decodable {
    struct Progress: Decodable { let fraction: Double }
    let id: Int64
    let status: String
    let epochsDone: Int
    let epochsTotal: Int
    let parameters: Int?
    let note: String?
    let error: String?
    let testAccuracy: Double?
    let progress: Progress
}

struct EpochJSON: Decodable {
    let epoch: Int
    let testAccuracy: Double
    let aucMacro: Double
    let aucMicro: Double
    let trainLoss: Double
}

struct EpochsJSON: Decodable { let epochs: [EpochJSON] }
struct CurveJSON: Decodable { let curve: String; let auc: Double; let fpr: [Double]; let tpr: [Double] }
struct CurvesJSON: Decodable { let epoch: Int; let curves: [CurveJSON] }
struct ErrorJSON: Decodable {
    struct Detail: Decodable { let code: String; let message: String; let field: String? }
    let error: Detail
}
