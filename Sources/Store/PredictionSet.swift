/// A test set's predictions at one epoch: the true classes and the N×K class scores (softmax
/// probabilities), as stored in the `predictions` table (migration 0009).
///
/// ```swift
/// let set = PredictionSet(epoch: 3, classes: 10, labels: labels, scores: probabilities)
/// set.predicted(0)     // the first image's argmax (the first maximum, as the confusion matrix counts it)
/// ```
public struct PredictionSet: Sendable, Equatable {
    public let epoch: Int
    public let classes: Int
    public let labels: [UInt8]                  // (N)
    public let scores: [Float]                  // (N, classes)

    public init(epoch: Int, classes: Int, labels: [UInt8], scores: [Float]) {
        precondition(scores.count == labels.count * classes, "PredictionSet: \(scores.count) scores for \(labels.count)×\(classes)")
        (self.epoch, self.classes, self.labels, self.scores) = (epoch, classes, labels, scores)
    }

    public var count: Int { labels.count }

    /// Image `i`'s scores.
    public func row(_ i: Int) -> ArraySlice<Float> { scores[(i * classes)..<((i + 1) * classes)] }

    /// Image `i`'s predicted class: the first maximum of its scores.
    public func predicted(_ i: Int) -> Int {
        let r = row(i)
        return r.indices.max { r[$0] < r[$1] }! - i * classes
    }

    /// Image `i`'s score of its predicted class.
    public func confidence(_ i: Int) -> Float { scores[i * classes + predicted(i)] }

    /// The scores as stored: float32 bytes in the host's order, little-endian on every platform
    /// Swift runs this on (x86-64, arm64), so the blob is one copy of the array.
    var scoreBytes: [UInt8] { scores.withUnsafeBytes { Array($0) } }

    static func scores(from bytes: [UInt8]) -> [Float] {
        [Float](unsafeUninitializedCapacity: bytes.count / 4) { out, count in
            bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(rebasing: $0.prefix(out.count * 4))) }
            count = bytes.count / 4
        }
    }
}
