import Dispatch
import Foundation
import Logging
import Store
import Training
import Wire

/// Connects one training run to the service: each epoch and its checkpoint go to SQLite in one transaction
/// and to the event stream, progress is published a few times a second, and the run stops at
/// the next batch when it is cancelled or the service shuts down.
final class WorkerObserver: TrainingObserver {
    let runID: Int64
    let epochsTotal: Int
    private let store: RunStore, bus: EventBus, live: LiveRuns
    private let shuttingDown: @Sendable () -> Bool
    private let logger: Logger
    private let metrics: ServiceMetrics
    private var lastPublish: UInt64 = 0
    /// Set when an epoch could not be stored: the run fails rather than train on unrecorded.
    private(set) var storeError: Error?
    /// The sweep's early-stopping rule, for a run of a sweep that has one.
    var earlyStopping: EarlyStopping?
    /// Set when the rule stopped the run after an epoch: it ends `stopped_early`.
    private(set) var stoppedEarly = false

    /// Progress events at most this often (nanoseconds): "a few per second at most".
    static let progressInterval: UInt64 = 250_000_000

    init(runID: Int64, epochsTotal: Int, store: RunStore, bus: EventBus, live: LiveRuns, logger: Logger,
         metrics: ServiceMetrics = ServiceMetrics(), shuttingDown: @escaping @Sendable () -> Bool) {
        (self.runID, self.epochsTotal, self.store, self.bus, self.live) = (runID, epochsTotal, store, bus, live)
        (self.logger, self.metrics, self.shuttingDown) = (logger, metrics, shuttingDown)
    }

    /// Every epoch's checkpoint is stored with its row.
    var wantsCheckpoints: Bool { true }

    var shouldStop: Bool { storeError != nil || stoppedEarly || live.shouldStop(runID) || shuttingDown() }

    func batchFinished(epoch: Int, batch: Int, batches: Int) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard batch == batches || now - lastPublish >= Self.progressInterval else { return }
        lastPublish = now
        let fraction = (Double(epoch - 1) + Double(batch) / Double(batches)) / Double(epochsTotal)
        let progress = Progress(epoch: epoch, batch: batch, batches: batches, fraction: fraction)
        live.setProgress(progress, for: runID)
        bus.publish(runID: runID, name: "progress", progress)
    }

    func epochFinished(_ result: EpochResult) {
        do {
            let start = DispatchTime.now().uptimeNanoseconds
            let checkpoint = result.checkpoint?.encoded()
            let encoded = DispatchTime.now().uptimeNanoseconds
            try store.recordEpoch(runID: runID, epoch: result.row, curves: result.curves, confusion: result.confusion,
                                  checkpoint: checkpoint, predictions: PredictionSet(result))
            let stored = DispatchTime.now().uptimeNanoseconds
            logger.info("""
                run \(runID) epoch \(result.epoch) stored: checkpoint \(checkpoint?.count ?? 0) bytes, capture \
                \(ms(result.checkpointSeconds)) ms, encode \(ms(Double(encoded - start) / 1e9)) ms, transaction \
                \(ms(Double(stored - encoded) / 1e9)) ms; epoch \(ms((result.row.trainSeconds ?? 0) + (result.row.evalSeconds ?? 0))) ms
                """)
        } catch {
            logger.error("run \(runID): epoch \(result.epoch) not stored: \(error)")
            storeError = error
            return
        }
        metrics.epoch(run: runID, samplesPerSecond: result.row.samplesPerSecond, trainSeconds: result.row.trainSeconds)
        bus.publish(runID: runID, name: "epoch", result.row, epoch: result.epoch)
        if result.epoch < epochsTotal, earlyStopping?.shouldStop(runID: runID, epoch: result.epoch) == true { stoppedEarly = true }
    }

    private func ms(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }
}
