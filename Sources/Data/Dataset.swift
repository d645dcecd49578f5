import CKernels
import Foundation
import Tensor

/// One split of an image-classification data set, kept as uint8 pixels (a quarter of the
/// memory of floats) and scaled to [0, 1] as each batch is gathered.
public struct Dataset: Sendable {
    public let name: String
    public let pixels: [UInt8]          // (N, H·W)
    public let labels: [UInt8]          // (N)
    public let imageShape: [Int]        // [H, W]
    public let classes: Int

    public init(name: String, pixels: [UInt8], labels: [UInt8], imageShape: [Int], classes: Int = 10) {
        precondition(pixels.count == labels.count * imageShape.reduce(1, *), "Dataset: pixels and labels disagree")
        (self.name, self.pixels, self.labels, self.imageShape, self.classes) = (name, pixels, labels, imageShape, classes)
    }

    public var count: Int { labels.count }
    public var features: Int { imageShape.reduce(1, *) }

    /// Loads an images file and its labels file, checking that they agree.
    public static func load(name: String, images: String, labels: String) throws(DataError) -> Dataset {
        let img = try IDXReader.readImages(path: images)
        let lab = try IDXReader.readLabels(path: labels)
        guard img.count == lab.count else {
            throw .mismatch(reason: "\(images) has \(img.count) images but \(labels) has \(lab.count) labels")
        }
        if let bad = lab.first(where: { $0 > 9 }) {
            throw .mismatch(reason: "\(labels): label \(bad) outside 0...9")
        }
        return Dataset(name: name, pixels: img.pixels, labels: lab, imageShape: [img.rows, img.cols])
    }

    /// The first `n` samples (all when n is nil or larger).
    public func prefix(_ n: Int?) -> Dataset {
        guard let n, n < count else { return self }
        return Dataset(name: name, pixels: Array(pixels[0..<n * features]), labels: Array(labels[0..<n]),
                       imageShape: imageShape, classes: classes)
    }

    /// Samples `range` (e.g. the last N of a training split, held out for validation).
    public func slice(_ range: Range<Int>) -> Dataset {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "Dataset.slice: \(range) outside 0..<\(count)")
        return Dataset(name: name, pixels: Array(pixels[range.lowerBound * features..<range.upperBound * features]),
                       labels: Array(labels[range]), imageShape: imageShape, classes: classes)
    }

    /// Writes samples `indices` into `x` (B, features), scaled to [0, 1], and their labels.
    public func gather<C: Collection>(_ indices: C, into x: Tensor, labels out: inout [Int32]) where C.Element == Int32 {
        prepare(x, labels: &out, for: indices)
        guard !indices.isEmpty else { return }
        let f = features
        func convert(_ rows: UnsafeBufferPointer<Int32>) {
            pixels.withUnsafeBufferPointer {
                kernels.gather_bytes_to_floats($0.baseAddress!, rows.baseAddress!, rows.count, f, 1 / 255, x.data)
            }
        }
        if indices.withContiguousStorageIfAvailable(convert) == nil { Array(indices).withUnsafeBufferPointer(convert) }
    }

    /// Shapes `x` for samples `indices` and writes their labels.
    func prepare<C: Collection>(_ x: Tensor, labels out: inout [Int32], for indices: C) where C.Element == Int32 {
        x.reshape([indices.count, features])
        out.removeAll(keepingCapacity: true)
        func copy(_ rows: UnsafeBufferPointer<Int32>) {              // a slice of the shuffled order, in training
            labels.withUnsafeBufferPointer { labels in for index in rows { out.append(Int32(labels[Int(index)])) } }
        }
        if indices.withContiguousStorageIfAvailable(copy) == nil { Array(indices).withUnsafeBufferPointer(copy) }
    }
}
