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
    /// Worker threads for `"device": "gpu[:N]"` runs, spread over the GPUs; nil: one per visible GPU.
    public var gpuWorkers: Int?
    public var dataDirectories: [String] = DatasetCache.defaultDirectories
    /// Where MNIST is downloaded from when it is on no data directory (nil: where it is published).
    public var mnistMirror: String?
    /// Bodies up to 24 MB: a predict request of 1,024 MNIST images as JSON numbers written at
    /// full precision (`0.003921568859368563`) is about 18 MB. A remote worker's epoch may be
    /// 256 MB: it carries the checkpoint in base64 (weights and Adam's two slots: specs/mnist-995.json's
    /// is about 30 MB). At most `concurrentHandlers` (the cores' count) handlers run at once.
    public var limits: HTTPLimits = {
        var limits = HTTPLimits(body: 24 << 20)
        limits.bodyByPrefix = [WorkerEndpoints.root: 256 << 20]
        return limits
    }()
    /// While runs train on the worker threads, the server's threads get the cores those runs leave
    /// free, and at least this share of one core, measured in thread time (`CPUBudget`), so that a
    /// flood of requests slows training little (scripts/fault-check load); nil: no metering.
    public var requestShareWhileTraining: Double? = 0.2
    /// Tokens on writes (and reads); required when `host` is not a loopback address.
    public var auth = AuthSettings()
    /// Who trains the runs: the service's own worker threads (nil) or Slurm jobs.
    public var slurm: SlurmSettings?

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
    /// The Slurm executor, when runs go to Slurm instead of the worker threads.
    let slurm: SlurmExecutor?
    private let server: HTTPServer
    private let logger: Logger

    /// - Throws: `AuthError.openListen` for a non-loopback host with auth off; `StoreError`
    ///   when the database cannot be opened or migrated.
    public init(config: ServiceConfig, logger: Logger) throws {
        try config.auth.check(host: config.host)
        self.config = config
        self.logger = logger
        store = try RunStore(path: config.databasePath, migrationsDirectory: config.migrationsDirectory)
        let bus = EventBus(), live = LiveRuns()
        let datasets = DatasetCache(directories: config.dataDirectories, mirror: config.mnistMirror)
        let gpuWorkers = Devices.gpuCount == 0 ? 0 : config.gpuWorkers ?? Devices.gpuCount
        if let reason = Devices.gpuUnavailable { logger.notice("no GPU workers: \(reason)") }
        else { logger.notice("GPUs: \(Devices.list.dropFirst().map(\.name).joined(separator: ", ")); \(gpuWorkers) GPU worker(s)") }
        let metrics = ServiceMetrics()
        let budget = config.requestShareWhileTraining.map { CPUBudget(minimumShare: $0) }
        scheduler = Scheduler(workers: config.workers, gpuWorkers: gpuWorkers, gpus: Devices.gpuCount, store: store, bus: bus,
                              live: live, datasets: datasets, logger: logger, metrics: metrics, budget: budget)
        var router = Router(logger: logger)
        router.translate = StoreError.apiError
        RunEndpoints(store: store, live: live, datasets: datasets, scheduler: scheduler).register(on: &router)
        SweepEndpoints(store: store, live: live, datasets: datasets, scheduler: scheduler).register(on: &router)
        ModelEndpoints(models: RunModels(store: store, datasets: datasets)).register(on: &router)
        EventEndpoints(store: store, bus: bus).register(on: &router)
        DatasetEndpoints(datasets: datasets).register(on: &router)
        HealthEndpoints(store: store, workers: config.workers, gpuWorkers: gpuWorkers).register(on: &router)
        MLflowEndpoints(store: store, logger: logger).register(on: &router)
        let store = store
        let slurm = config.slurm.map { SlurmExecutor(settings: $0, store: store, logger: logger) }
        self.slurm = slurm
        var endpoint = MetricsEndpoint(store: store, metrics: metrics)
        if let slurm { endpoint.jobStates = { slurm.jobStates } }
        endpoint.register(on: &router)
        WorkerEndpoints(store: store, live: live, bus: bus, metrics: metrics).register(on: &router)
        if let path = config.openAPIPath { try OpenAPIEndpoint(path: path).register(on: &router) }
        let site = StaticFiles(root: config.staticDirectory), vendor = StaticFiles(root: config.chartJSDirectory)
        router.fallback = { request in
            guard request.method == "GET" || request.method == "HEAD" else { return nil }
            if request.path.hasPrefix("/vendor/chart.js/") {
                return vendor.response(for: String(request.path.dropFirst("/vendor/chart.js".count)))
            }
            return site.response(for: request.path)
        }
        let gate = AuthGate(settings: config.auth, tokens: Tokens(store: store), logger: logger)
        router.gate = { gate.check($0, route: $1, captures: $2) }
        router.observe = { metrics.request(method: $0, route: $1, status: $2, seconds: $3) }
        let handler = router
        server = HTTPServer(host: config.host, port: config.port, limits: config.limits, budget: budget, logger: logger) { handler.handle($0) }
    }

    /// Re-queues runs a crash left `running`, starts the workers and the server.
    /// - Returns: the port listened on (useful with port 0).
    @discardableResult
    public func start() throws -> Int {
        let requeued = try store.requeueInterrupted(keepingLeasesOf: slurm == nil ? nil : SlurmExecutor.executorName)
        if !requeued.isEmpty { logger.notice("re-queued runs left running by a previous process: \(requeued)") }
        if config.auth.tokens, try store.tokens().allSatisfy({ $0.revokedAt != nil }) {
            logger.warning("auth is on and there is no working token: create one with `mlplab token create NAME --scope admin`")
        }
        if slurm == nil { scheduler.start() }
        let port = try server.start()
        slurm?.start(port: port, host: config.host)
        let trainers = slurm == nil ? "\(config.workers) worker(s)" : "the Slurm executor (at most \(config.slurm?.maxJobs ?? 0) jobs)"
        logger.notice("mlplab \(Self.version) listening on http://\(config.host):\(port) with \(trainers)")
        return port
    }

    /// Stops accepting connections, stops training at the next batch (finished epochs are
    /// already committed) and puts interrupted runs back in the queue.
    public func stop() {
        server.stop()
        scheduler.stop()
        slurm?.stop()
        do { _ = try store.requeueInterrupted(keepingLeasesOf: slurm == nil ? nil : SlurmExecutor.executorName) } catch { logger.error("could not re-queue interrupted runs: \(error)") }
        logger.notice("mlplab stopped")
    }
}
