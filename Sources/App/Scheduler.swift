import Dispatch
import Foundation
import Logging
import Server
import Store
import Synchronization
import Training
import Wire

/// The worker threads: each claims the oldest queued run from SQLite (so the queue survives
/// restarts), trains it with its own model instance and BLAS on one thread, and records the
/// outcome: finished, failed (with the message) or cancelled.
public final class Scheduler: Sendable {
    public let workers: Int
    /// GPU workers follow the CPU workers' numbers; worker `workers + i` serves GPU `i % gpus`.
    public let gpuWorkers: Int, gpus: Int
    private let store: RunStore, bus: EventBus, live: LiveRuns, datasets: DatasetCache
    private let metrics: ServiceMetrics
    /// Told which cores the CPU workers' runs hold, so requests leave those cores to them.
    private let budget: CPUBudget?
    private let logger: Logger
    private let wake = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    /// Holds one entry per live worker thread, so `stop` can wait for them to finish.
    private let threads = DispatchGroup()

    init(workers: Int, gpuWorkers: Int = 0, gpus: Int = 0, store: RunStore, bus: EventBus, live: LiveRuns,
         datasets: DatasetCache, logger: Logger, metrics: ServiceMetrics = ServiceMetrics(), budget: CPUBudget? = nil) {
        (self.gpuWorkers, self.gpus) = (gpus == 0 ? 0 : gpuWorkers, gpus)
        (self.workers, self.store, self.bus, self.live, self.datasets, self.logger) = (workers, store, bus, live, datasets, logger)
        self.metrics = metrics
        self.budget = budget
    }

    /// Starts the worker threads.
    public func start() {
        for worker in 0..<workers + gpuWorkers {
            threads.enter()
            let thread = Thread { [self] in
                loop(worker: worker)
                threads.leave()
            }
            thread.name = "mlplab-worker-\(worker)"
            thread.start()
        }
    }

    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    /// A run was queued: wake one idle worker now instead of at its next poll.
    public func notify() { wake.signal() }

    /// Asks every worker to stop at its next batch and waits (up to `timeout` s) for them to exit.
    public func stop(timeout: Double = 30) {
        stopping.store(true, ordering: .sequentiallyConsistent)
        for _ in 0..<workers + gpuWorkers { wake.signal() }
        _ = threads.wait(timeout: .now() + timeout)
    }

    private func loop(worker: Int) {
        while !stopping.load(ordering: .sequentiallyConsistent) {
            let run: RunRecord?
            do { run = try store.claimNextQueued(worker: worker, device: device(of: worker)) } catch {
                logger.error("worker \(worker): cannot claim a run: \(error)")
                run = nil
            }
            guard let run else { _ = wake.wait(timeout: .now() + 1); continue }
            execute(run, worker: worker)
        }
    }

    /// The device a worker trains on: "cpu", or "gpu:N" for a GPU worker.
    private func device(of worker: Int) -> String {
        worker < workers ? "cpu" : "gpu:\((worker - workers) % gpus)"
    }

    private func execute(_ run: RunRecord, worker: Int) {
        logger.info("worker \(worker): run \(run.id) (\(run.name)) started")
        bus.publish(runID: run.id, name: "status", StatusEvent(status: .running, error: nil))
        let observer = WorkerObserver(runID: run.id, epochsTotal: run.epochsTotal, store: store, bus: bus, live: live,
                                      logger: logger, metrics: metrics, shuttingDown: { [self] in isStopping })
        observer.earlyStopping = earlyStopping(for: run)
        var status = RunStatus.finished, error: String?
        let start = DispatchTime.now().uptimeNanoseconds       // monotonic: the wall time survives clock jumps
        do {
            let spec = try RunSpec.decode(Array(run.specJSON.utf8))
            let splits = try datasets.splits(spec.dataset)
            let trainer = try Trainer(spec: spec, train: splits.train, test: splits.test)
            try store.setEngine(runID: run.id, engine: trainer.backend.name)
            resume(trainer, run: run, worker: worker)
            let cores = worker < workers ? trainer.backend.threads : 0
            budget?.hold(cores: cores)
            defer { budget?.release(cores: cores) }
            try trainer.run(observer: observer)
        } catch TrainingError.cancelled {
            status = observer.stoppedEarly ? .stoppedEarly : .cancelled
        } catch let failure {
            (status, error) = (.failed, "\(failure)")
        }
        if status == .stoppedEarly { error = nil }
        if let storeError = observer.storeError { (status, error) = (.failed, "could not store an epoch: \(storeError)") }
        let interrupted = status == .cancelled && isStopping && !live.shouldStop(run.id)
        live.clear(run.id)
        metrics.runEnded(run.id)
        guard !interrupted else {                   // left running: re-queued at shutdown or the next start
            logger.info("worker \(worker): run \(run.id) interrupted by shutdown; it is queued again on the next start")
            return
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        do { try store.finish(runID: run.id, status: status, error: error, wallSeconds: wall) } catch {
            logger.error("run \(run.id): cannot store its outcome: \(error)")
        }
        bus.publish(runID: run.id, name: "status", StatusEvent(status: status, error: error), isLast: true)
        logger.info("worker \(worker): run \(run.id) \(status.rawValue)\(error.map { ": \($0)" } ?? "")")
    }

    /// Continues an interrupted run from its latest checkpoint (its note says from which epoch);
    /// a checkpoint that does not fit is logged and the run trains from epoch 1.
    private func resume(_ trainer: Trainer, run: RunRecord, worker: Int) {
        do {
            guard let (epoch, data) = try store.latestCheckpoint(runID: run.id) else { return }
            try trainer.restore(try Checkpoint(decoding: data))
            logger.info("worker \(worker): run \(run.id) resumes at epoch \(epoch + 1) from its checkpoint")
        } catch {
            logger.warning("run \(run.id): cannot resume from its checkpoint (\(error)); training from epoch 1")
        }
    }

    /// The early-stopping rule of the run's sweep, if it belongs to one that has a rule.
    private func earlyStopping(for run: RunRecord) -> EarlyStopping? {
        guard let id = run.sweepID, let sweep = try? store.sweep(id: id),
              let spec = try? WireJSON.decode(SweepSpec.self, from: Array(sweep.specJSON.utf8)),
              let rule = spec.earlyStopping, rule.rule != .none else { return nil }
        return EarlyStopping(sweepID: id, metric: sweep.metric, goal: spec.objective.goal, rule: rule, store: store)
    }
}
