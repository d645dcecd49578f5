import Dispatch
import Foundation
import Logging
import Models
import Store
import Synchronization
import Tensor
import Training

/// The worker threads: each claims the oldest queued run from SQLite (so the queue survives
/// restarts), trains it with its own model instance and BLAS on one thread, and records the
/// outcome: finished, failed (with the message) or cancelled.
public final class Scheduler: Sendable {
    public let workers: Int
    private let store: RunStore, bus: EventBus, live: LiveRuns, datasets: DatasetCache
    private let logger: Logger
    private let wake = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    private let running = Atomic<Int>(0)

    init(workers: Int, store: RunStore, bus: EventBus, live: LiveRuns, datasets: DatasetCache, logger: Logger) {
        (self.workers, self.store, self.bus, self.live, self.datasets, self.logger) = (workers, store, bus, live, datasets, logger)
    }

    /// Starts the worker threads.
    public func start() {
        for worker in 0..<workers {
            let thread = Thread { [self] in loop(worker: worker) }
            thread.name = "mlplab-worker-\(worker)"
            thread.start()
        }
    }

    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    /// A run was queued: wake one idle worker now instead of at its next poll.
    public func notify() { wake.signal() }

    /// Asks every worker to stop at its next batch and waits (up to `timeout` s) until none is training.
    public func stop(timeout: Double = 30) {
        stopping.store(true, ordering: .sequentiallyConsistent)
        for _ in 0..<workers { wake.signal() }
        let deadline = Date().addingTimeInterval(timeout)
        while running.load(ordering: .sequentiallyConsistent) > 0 && Date() < deadline { usleep(20_000) }
    }

    private func loop(worker: Int) {
        while !stopping.load(ordering: .sequentiallyConsistent) {
            let run: RunRecord?
            do { run = try store.claimNextQueued(worker: worker) } catch {
                logger.error("worker \(worker): cannot claim a run: \(error)")
                run = nil
            }
            guard let run else { _ = wake.wait(timeout: .now() + 1); continue }
            running.add(1, ordering: .sequentiallyConsistent)
            execute(run, worker: worker)
            running.subtract(1, ordering: .sequentiallyConsistent)
        }
    }

    private func execute(_ run: RunRecord, worker: Int) {
        logger.info("worker \(worker): run \(run.id) (\(run.name)) started")
        bus.publish(runID: run.id, name: "status", StatusEvent(status: .running, error: nil))
        let observer = WorkerObserver(runID: run.id, epochsTotal: run.epochsTotal, store: store, bus: bus, live: live,
                                      logger: logger, shuttingDown: { [self] in isStopping })
        var outcome: (RunStatus, String?)
        do {
            let spec = try RunSpec.decode(Data(run.specJSON.utf8))
            let splits = try datasets.splits(spec.dataset)
            try Trainer(spec: spec, train: splits.train, test: splits.test).run(observer: observer)
            outcome = (.finished, nil)
        } catch TrainingError.cancelled {
            outcome = isStopping && !live.shouldStop(run.id) ? (.running, nil) : (.cancelled, nil)
        } catch {
            outcome = (.failed, "\(error)")
        }
        if let storeError = observer.storeError { outcome = (.failed, "could not store an epoch: \(storeError)") }
        live.clear(run.id)
        guard outcome.0 != .running else {
            logger.info("worker \(worker): run \(run.id) interrupted by shutdown; it is queued again on the next start")
            return                                              // left running: requeued at shutdown/start
        }
        do { try store.finish(runID: run.id, status: outcome.0, error: outcome.1) } catch {
            logger.error("run \(run.id): cannot store its outcome: \(error)")
        }
        bus.publish(runID: run.id, name: "status", StatusEvent(status: outcome.0, error: outcome.1))
        logger.info("worker \(worker): run \(run.id) \(outcome.0.rawValue)\(outcome.1.map { ": \($0)" } ?? "")")
    }
}
