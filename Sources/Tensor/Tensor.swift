// Dimension letters used across the engine (as llm.c does):
//   B = batch size, F = input features, D = hidden width, K = classes,
//   P = patches (tokens), C = channels.

/// A float32, row-major, dense tensor with reference semantics.
///
/// Layers own the tensors they produce and refill them every batch, so a training loop
/// allocates nothing once the first batch has run: `resize(rows:)` only reallocates when a
/// batch needs more room than any batch before it (the evaluation chunk, usually).
/// A tensor belongs to one thread, as the layer that owns it does, and to the backend that was
/// `Engine.current` when it was made: operations on it go through `backend`, and its storage
/// lives on `backend.device`. Only backends (and host-side code: data loading, metrics) read
/// `data`; layers, losses and optimizers call the backend.
public final class Tensor {
    /// The backend that computes on this tensor (and owns its storage's device).
    public let backend: Backend
    /// Sizes of each dimension; the first is the batch (rows) dimension.
    public private(set) var shape: [Int]
    /// Start of the element storage on the backend's device, for the backend's kernels.
    package private(set) var storage: UnsafeMutablePointer<Float>
    /// The storage for host code (data loading, metrics, tests): waits for the backend's queued
    /// work first (a no-op on the CPU). Valid for `count` elements (`capacity` allocated).
    public var data: UnsafeMutablePointer<Float> {
        if backend.device != .cpu { backend.synchronize() }
        return storage
    }
    /// Number of elements allocated.
    public private(set) var capacity: Int

    /// A tensor of zeros.
    public init(zeros shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in \(shape)")
        self.shape = shape
        backend = Engine.current
        capacity = max(1, shape.reduce(1, *))
        storage = backend.allocate(capacity)
    }

    /// A tensor holding `values` (row-major) in `shape`.
    public convenience init(_ values: [Float], shape: [Int]) {
        precondition(values.count == shape.reduce(1, *), "Tensor: \(values.count) values for shape \(shape)")
        self.init(zeros: shape)
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: values.count) }
    }

    deinit { backend.deallocate(storage) }

    /// Number of elements in the current shape.
    public var count: Int { shape.reduce(1, *) }
    /// First dimension.
    public var rows: Int { shape[0] }
    /// Elements per row (product of all but the first dimension).
    public var columns: Int { shape.dropFirst().reduce(1, *) }
    /// The current elements as a mutable buffer (no copy).
    public var buffer: UnsafeMutableBufferPointer<Float> { .init(start: data, count: count) }

    /// Changes the batch dimension, keeping the others; grows the storage when needed
    /// (contents are then undefined, as after any resize).
    public func resize(rows: Int) {
        reshape([rows] + shape.dropFirst())
    }

    /// Changes the shape; grows the storage when the new shape needs more room.
    public func reshape(_ newShape: [Int]) {
        let needed = newShape.reduce(1, *)
        if needed > capacity {
            backend.deallocate(storage)
            capacity = needed
            storage = backend.allocate(capacity)
        }
        shape = newShape
    }

    /// The device holding the storage.
    public var device: Device { backend.device }

    /// Sets every element to `value` (zero, as every step's gradients are cleared, by memset:
    /// twice as fast as the element loop).
    public func fill(_ value: Float) {
        if value == 0 {
            UnsafeMutableRawPointer(data).initializeMemory(as: UInt8.self, repeating: 0, count: count * 4)
        } else {
            data.update(repeating: value, count: count)
        }
    }

    /// Copies `other`'s shape and elements into this tensor.
    public func copy(from other: Tensor) {
        reshape(other.shape)
        data.update(from: other.data, count: other.count)
    }

    /// The elements as an array (for tests, metrics and printing).
    public func toArray() -> [Float] { Array(buffer) }

    /// Element at a flat row-major index.
    public subscript(_ index: Int) -> Float {
        get { data[index] }
        set { data[index] = newValue }
    }
}

extension Tensor {
    /// The tensor read as a matrix: all leading dimensions flattened into rows, the last
    /// dimension as columns. This is the view `gemm` and the row-wise kernels use.
    public var matrixShape: (rows: Int, columns: Int) {
        let last = shape.last ?? 1
        return (last == 0 ? 0 : count / last, last)
    }
}
