import Dispatch
import Foundation
import Training
import Wire

/// A remote worker's observer: progress a few times a second (best effort), each epoch sent
/// with its checkpoint and predictions until acknowledged, and a stop when the service asks for
/// one or the run is no longer ours. An epoch the service refuses as too large (413) is sent
/// again without its checkpoint and predictions, with a warning: the rows stay complete, and a
/// later job of the run resumes from an earlier checkpoint (or epoch 1).
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

    /// Every epoch's checkpoint goes to the service with its row.
    var wantsCheckpoints: Bool { true }

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
        var message = WorkerMessage.Epoch(attempt: attempt, result: result, engine: engine)
        do {
            let ack: WorkerMessage.Ack
            do { ack = try link.send("epoch", message, as: WorkerMessage.Ack.self) } catch let tooLarge as WorkerLink.TooLarge {
                let size = String(format: "%.1f MB", Double(message.checkpoint?.bytes.count ?? 0) / 1e6)
                FileHandle.standardError.write(Data("""
                    mlplab worker: \(tooLarge); epoch \(result.epoch) sent again without its checkpoint (\(size)) and \
                    predictions: a new job of this run resumes from an earlier checkpoint\n
                    """.utf8))
                (message.checkpoint, message.predictions) = (nil, nil)
                ack = try link.send("epoch", message, as: WorkerMessage.Ack.self)
            }
            stopRequested = ack.stop || stopRequested
            if firstEpochAt == nil { firstEpochAt = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        } catch { failure = error }
    }
}
