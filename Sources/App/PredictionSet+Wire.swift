import Server
import Store
import Wire

extension PredictionSet {
    /// A remote worker's predictions of epoch `epoch`, checked: 1 to 256 classes, every label
    /// one of them, one row of `classes` float32 scores per label.
    /// - Throws: `APIError` (400) naming the field under `predictions`.
    init(_ wire: WorkerMessage.Predictions, epoch: Int) throws {
        let (classes, labels, bytes) = (wire.classes, wire.labels.bytes, wire.scores.bytes)
        guard (1...256).contains(classes) else {
            throw APIError(.invalidSpec, "must be in 1...256 (got \(classes))", field: "predictions.classes")
        }
        if let bad = labels.first(where: { Int($0) >= classes }) {
            throw APIError(.invalidSpec, "label \(bad) is not one of the \(classes) classes", field: "predictions.labels")
        }
        let count = labels.count * classes
        guard bytes.count == 4 * count else {
            throw APIError(.invalidSpec, "must hold \(labels.count)×\(classes) float32 scores (\(4 * count) bytes), got \(bytes.count) bytes",
                           field: "predictions.scores")
        }
        let scores = [Float](unsafeUninitializedCapacity: count) { out, initialized in     // little-endian, as sent
            bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(out).copyMemory(from: $0) }
            initialized = count
        }
        self.init(epoch: epoch, classes: classes, labels: labels, scores: scores)
    }
}
