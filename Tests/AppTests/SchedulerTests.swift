@testable import App
import Foundation
import Logging
import Server
import Store
import Testing
import TestSupport
import Training
import Wire

/// The worker threads on their own: a real store and a tiny data set, no HTTP.
@Suite(.serialized) struct SchedulerTests {
    final class Bed: Sendable {
        let directory = IDXFixture.temporaryDirectory()
        let store: RunStore, bus = EventBus(), live = LiveRuns(), datasets: DatasetCache
        init() throws {
            IDXFixture.writeDataset(in: directory, name: "mnist", train: 300, test: 50)
            store = try RunStore(path: directory + "/s.sqlite3", migrationsDirectory: ServiceHarness.repo + "/migrations")
            datasets = DatasetCache(directories: [directory], mirror: nil)
        }
        func scheduler(workers: Int = 1, budget: CPUBudget? = nil) -> Scheduler {
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            return Scheduler(workers: workers, store: store, bus: bus, live: live, datasets: datasets, logger: logger,
                             budget: budget)
        }
        @discardableResult
        func submit(_ json: String) throws -> RunRecord {
            let spec = try RunSpec.decode(Array(json.utf8))
            return try store.createRun(NewRun(name: spec.name, dataset: spec.dataset, modelType: spec.model.type.rawValue,
                                              specJSON: try WireJSON.text(spec), epochsTotal: spec.epochs))
        }
        func waitFor(_ id: Int64, timeout: Double = 30, _ done: (RunRecord) -> Bool) throws -> RunRecord {
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                let run = try #require(try store.run(id: id))
                if done(run) || Date() > deadline { return run }
                usleep(10_000)
            }
        }
    }

    static let quick = #"{"epochs": 1, "batch_size": 50, "model": {"hidden": [8]}}"#
    static let long = #"{"epochs": 10000, "batch_size": 1, "model": {"hidden": [8]}}"#

    @Test func oneWorker_claimsRunsOldestFirst_andFinishesThem() throws {
        let bed = try Bed()
        let ids = try (0..<3).map { _ in try bed.submit(Self.quick).id }
        let scheduler = bed.scheduler()
        scheduler.start()
        defer { scheduler.stop() }
        let runs = try ids.map { id in try bed.waitFor(id) { $0.status == .finished } }
        #expect(runs.allSatisfy { $0.status == .finished && $0.epochsDone == 1 && ($0.wallSeconds ?? 0) > 0 })
        #expect(runs.map(\.startedAt!) == runs.map(\.startedAt!).sorted())          // claimed in id order
        #expect(zip(runs, runs.dropFirst()).allSatisfy { $0.finishedAt! <= $1.startedAt! })
    }

    @Test func aTrainingRun_holdsItsCoreInTheRequestBudget_untilItEnds() throws {
        let bed = try Bed()
        let budget = CPUBudget(cores: 4, minimumShare: 0.1)
        let run = try bed.submit(Self.long)
        let scheduler = bed.scheduler(workers: 2, budget: budget)
        scheduler.start()
        defer { scheduler.stop() }
        _ = try bed.waitFor(run.id) { $0.epochsDone >= 1 }
        #expect(budget.applies && budget.share == 3)                  // one run on one core of four
        _ = try bed.store.requestCancel(runID: run.id)
        bed.live.requestStop(run.id)
        _ = try bed.waitFor(run.id, timeout: 10) { $0.status.isFinal }
        let deadline = Date().addingTimeInterval(5)
        while budget.applies && Date() < deadline { usleep(5_000) }   // the worker releases it after storing the end
        #expect(!budget.applies && budget.share == 4)
    }

    @Test func stopRequested_cancelsTheRunAtItsNextBatch() throws {
        let bed = try Bed()
        let run = try bed.submit(Self.long)
        let scheduler = bed.scheduler()
        scheduler.start()
        defer { scheduler.stop() }
        _ = try bed.waitFor(run.id) { $0.status == .running }
        _ = try bed.store.requestCancel(runID: run.id)
        bed.live.requestStop(run.id)
        let done = try bed.waitFor(run.id, timeout: 10) { $0.status.isFinal }
        #expect(done.status == .cancelled && done.finishedAt != nil)
    }

    @Test func shutdown_leavesTheRunForRequeue_andTheNextStartTakesItUp() throws {
        let bed = try Bed()
        let run = try bed.submit(Self.long)                 // long enough to be running whatever the load
        let first = bed.scheduler()
        first.start()
        _ = try bed.waitFor(run.id) { $0.status == .running }
        first.stop()
        #expect(try bed.store.run(id: run.id)?.status == .running)        // interrupted, not cancelled
        #expect(try bed.store.requeueInterrupted() == [run.id])
        #expect(try bed.store.run(id: run.id)?.status == .queued)
        let second = bed.scheduler()
        second.start()
        defer { second.stop() }
        let again = try bed.waitFor(run.id) { $0.status == .running }
        #expect(again.status == .running && again.note?.contains("restart") == true)
        bed.live.requestStop(run.id)
        #expect(try bed.waitFor(run.id, timeout: 10) { $0.status.isFinal }.status == .cancelled)
    }

    @Test func workerObserver_storesEachEpoch_publishesIt_andStopsAfterAStoreFailure() throws {
        let bed = try Bed()
        let run = try bed.submit(Self.quick)
        let events = bed.bus.subscribe(runID: run.id)
        let observer = WorkerObserver(runID: run.id, epochsTotal: 1, store: bed.store, bus: bed.bus, live: bed.live,
                                      logger: Logger(label: "test"), shuttingDown: { false })
        let spec = try RunSpec.decode(Array(Self.quick.utf8))
        let splits = try bed.datasets.splits("mnist")
        try Trainer(spec: spec, train: splits.train, test: splits.test).run(observer: observer)
        let stored = try bed.store.epochs(runID: run.id)
        #expect(stored.count == 1 && stored[0].testAccuracy != nil)
        var names: [String] = []
        while let e = events.next(timeout: 0.05) { names.append(e.name) }
        #expect(names.last == "epoch" && names.contains("progress"))
        #expect(bed.live.progress(of: run.id)?.fraction == 1)
        #expect(!observer.shouldStop)
        try bed.store.delete(runID: run.id)                   // the next epoch cannot be stored
        let again = try Trainer(spec: spec, train: splits.train, test: splits.test)
        #expect(throws: TrainingError.cancelled) { try again.run(epochs: 2, observer: observer) }
        #expect(observer.storeError != nil && observer.shouldStop)
    }
}
