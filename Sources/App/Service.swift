import Foundation
import Logging
import Server
import Store
import Training
import Wire

/// Where the service keeps things and how it listens; the CLI builds it from config.json,
/// environment and flags.
public struct ServiceConfig: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var databasePath = "mlplab.sqlite3"
    public var migrationsDirectory = "migrations"
    public var staticDirectory = "static"
    /// The OpenAPI document served at /api/openapi.json (docs/openapi.json); nil serves none.
    public var openAPIPath: String? = "docs/openapi.json"
    /// Debian's libjs-chart.js, served under /vendor/chart.js/.
    public var chartJSDirectory = "/usr/share/javascript/chart.js"
    public var workers = 1
    public var dataDirectories: [String] = DatasetCache.defaultDirectories
    /// Where MNIST is downloaded from when it is on no data directory (nil: where it is published).
    public var mnistMirror: String?
    public var limits = HTTPLimits()

    public init() {}
}

/// The running service: SQLite store, worker threads and the HTTP server, wired together.
///
/// ```swift
/// let service = try Service(config: config, logger: logger)
/// let port = try service.start()      // re-queues runs a crash left running, starts workers, listens
/// ...
/// service.stop()                      // stops accepting, stops training at the next batch, exits cleanly
/// ```
public final class Service: Sendable {
    public static let version = "0.1.0"

    public let config: ServiceConfig
    public let store: RunStore
    public let scheduler: Scheduler
    private let server: HTTPServer
    private let logger: Logger

    public init(config: ServiceConfig, logger: Logger) throws {
        self.config = config
        self.logger = logger
        store = try RunStore(path: config.databasePath, migrationsDirectory: config.migrationsDirectory)
        let bus = EventBus(), live = LiveRuns()
        let datasets = DatasetCache(directories: config.dataDirectories, mirror: config.mnistMirror)
        scheduler = Scheduler(workers: config.workers, store: store, bus: bus, live: live, datasets: datasets, logger: logger)
        var router = Router(logger: logger)
        router.translate = StoreError.apiError
        RunEndpoints(store: store, live: live, datasets: datasets, scheduler: scheduler).register(on: &router)
        SweepEndpoints(store: store, live: live, datasets: datasets, scheduler: scheduler).register(on: &router)
        EventEndpoints(store: store, bus: bus).register(on: &router)
        HealthEndpoints(store: store, workers: config.workers).register(on: &router)
        MLflowEndpoints(store: store, logger: logger).register(on: &router)
        if let path = config.openAPIPath { try OpenAPIEndpoint(path: path).register(on: &router) }
        let site = StaticFiles(root: config.staticDirectory), vendor = StaticFiles(root: config.chartJSDirectory)
        router.fallback = { request in
            guard request.method == "GET" || request.method == "HEAD" else { return nil }
            if request.path.hasPrefix("/vendor/chart.js/") {
                return vendor.response(for: String(request.path.dropFirst("/vendor/chart.js".count)))
            }
            return site.response(for: request.path)
        }
        let handler = router
        server = HTTPServer(host: config.host, port: config.port, limits: config.limits, logger: logger) { handler.handle($0) }
    }

    /// Re-queues runs a crash left `running`, starts the workers and the server.
    /// - Returns: the port listened on (useful with port 0).
    @discardableResult
    public func start() throws -> Int {
        Compute.setThreads(1)                       // one engine thread per worker thread
        let requeued = try store.requeueInterrupted()
        if !requeued.isEmpty { logger.notice("re-queued runs left running by a previous process: \(requeued)") }
        scheduler.start()
        let port = try server.start()
        logger.notice("mlplab \(Self.version) listening on http://\(config.host):\(port) with \(config.workers) worker(s)")
        return port
    }

    /// Stops accepting connections, stops training at the next batch (finished epochs are
    /// already committed) and puts interrupted runs back in the queue.
    public func stop() {
        server.stop()
        scheduler.stop()
        do { _ = try store.requeueInterrupted() } catch { logger.error("could not re-queue interrupted runs: \(error)") }
        logger.notice("mlplab stopped")
    }
}
