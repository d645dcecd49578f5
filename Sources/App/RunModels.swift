import Foundation
import Locking
import Server
import Store
import Training
import Wire

/// A run's model at an epoch, loaded from its checkpoint and kept for the next request: the
/// few most recently used (run, epoch) pairs stay loaded (a model is a few MB at most).
final class RunModels: Sendable {
    /// One loaded model; its layers keep activations, so one request at a time uses it.
    final class Loaded: @unchecked Sendable {          // the lock guards `predictor`
        let runID: Int64, epoch: Int
        private let predictor: Predictor
        private let lock = NSLock()
        init(runID: Int64, epoch: Int, predictor: Predictor) { (self.runID, self.epoch, self.predictor) = (runID, epoch, predictor) }
        var pixels: Int { predictor.pixels }
        var imageShape: [Int] { predictor.imageShape }
        func predict(_ images: [[Float]]) -> [ImagePrediction] { lock.withLock { predictor.predict(images) } }
    }

    private struct Key: Hashable { let run: Int64, epoch: Int }
    let store: RunStore
    private let datasets: DatasetCache
    private let cache = Lock<[(key: Key, model: Loaded)]>([])     // most recent last
    static let capacity = 8

    init(store: RunStore, datasets: DatasetCache) { (self.store, self.datasets) = (store, datasets) }

    /// The epoch `selector` picks among the run's checkpoints.
    /// - Throws: `APIError` 404 for an unknown run, no checkpoint yet, or none at that epoch.
    func epoch(runID: Int64, _ selector: EpochSelector) throws -> Int {
        let checkpoints: [CheckpointInfo]
        do { checkpoints = try store.checkpoints(runID: runID) } catch StoreError.notFound {
            throw APIError(.notFound, "no run \(runID)")
        }
        return try selector.resolve(in: checkpoints, runID: runID)
    }

    /// The checkpoint bytes of the epoch `selector` picks, and that epoch.
    func checkpoint(runID: Int64, _ selector: EpochSelector) throws -> (epoch: Int, checkpoint: Checkpoint) {
        let epoch = try epoch(runID: runID, selector)
        guard let data = try store.checkpoint(runID: runID, epoch: epoch) else {    // dropped since: the run moved on
            throw APIError(.notFound, "the checkpoint of run \(runID) epoch \(epoch) was replaced; ask again", field: "epoch")
        }
        return (epoch, try Checkpoint(decoding: data))
    }

    /// The run's model at the epoch `selector` picks, from the cache or loaded now.
    func model(runID: Int64, _ selector: EpochSelector) throws -> Loaded {
        let epoch = try epoch(runID: runID, selector), key = Key(run: runID, epoch: epoch)
        if let hit = cache.withLock({ entries -> Loaded? in
            guard let i = entries.firstIndex(where: { $0.key == key }) else { return nil }
            let entry = entries.remove(at: i)
            entries.append(entry)
            return entry.model
        }) { return hit }
        guard let run = try store.run(id: runID) else { throw APIError(.notFound, "no run \(runID)") }
        let spec = try RunSpec.decode(Array(run.specJSON.utf8))
        guard let shape = datasets.shape(of: spec.dataset) else {
            throw APIError(.notFound, "run \(runID)'s data set \(spec.dataset) is unknown to this server")
        }
        let (_, checkpoint) = try self.checkpoint(runID: runID, .number(epoch))
        let predictor = try Predictor(spec: spec, checkpoint: checkpoint, imageShape: shape.imageShape, classes: shape.classes)
        let loaded = Loaded(runID: runID, epoch: epoch, predictor: predictor)
        cache.withLock { entries in
            entries.removeAll { $0.key == key }
            entries.append((key, loaded))
            if entries.count > Self.capacity { entries.removeFirst() }
        }
        return loaded
    }
}
