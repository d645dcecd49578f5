import Dispatch
import Foundation
import Training
import Wire

/// A remote worker's observer: progress a few times a second (best effort), each epoch sent
/// until acknowledged, and a stop when the service asks for one or the run is no longer ours.
final class RemoteObserver: TrainingObserver {
    let link: WorkerLink
    let attempt: Int
    let epochsTotal: Int
    var engine: String?
    /// The service asked for a stop (a cancel).
    private(set) var stopRequested = false
    /// The run is no longer this worker's, or an epoch could not be delivered.
    private(set) var failure: Error?
    private var lastReport: UInt64 = 0
    /// Seconds from the start of training to the first epoch acknowledged.
    private(set) var firstEpochAt: Double?
    private let started = DispatchTime.now().uptimeNanoseconds

    init(link: WorkerLink, attempt: Int, epochsTotal: Int) {
        (self.link, self.attempt, self.epochsTotal) = (link, attempt, epochsTotal)
    }

    var shouldStop: Bool { stopRequested || failure != nil }

    func batchFinished(epoch: Int, batch: Int, batches: Int) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastReport >= 500_000_000 || batch == batches else { return }
        lastReport = now
        let fraction = (Double(epoch - 1) + Double(batch) / Double(batches)) / Double(epochsTotal)
        let report = WorkerMessage.Report(attempt: attempt, progress: Progress(epoch: epoch, batch: batch, batches: batches,
                                                                              fraction: fraction))
        do {
            stopRequested = try link.send("progress", report, as: WorkerMessage.Ack.self, retry: false).stop || stopRequested
        } catch let lost as WorkerLink.Lost { failure = lost } catch {}       // progress is best effort
    }

    func epochFinished(_ result: EpochResult) {
        let message = WorkerMessage.Epoch(attempt: attempt, row: result.row, curves: result.curves,
                                          confusion: result.confusion, engine: engine)
        do {
            let ack = try link.send("epoch", message, as: WorkerMessage.Ack.self)
            stopRequested = ack.stop || stopRequested
            if firstEpochAt == nil { firstEpochAt = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        } catch { failure = error }
    }
}
