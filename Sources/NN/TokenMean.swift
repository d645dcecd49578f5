import Tensor

/// Mean over tokens, the global average pooling of the all-MLP models' heads:
/// token-major (P, B, D) -> (B, D), as `.mean(dim=1)` on (B, P, D) in torch_reference.py.
public final class TokenMean: Layer {
    public let kind = "TokenMean"
    private var inputShape: [Int] = []
    private let y = Tensor(zeros: [0])
    private let dx = Tensor(zeros: [0])

    public init() {}

    public var parameters: [Parameter] { [] }
    /// Logical (B, P, D) -> (B, D).
    public func outputShape(for input: [Int]) -> [Int] { [input[0], input.last!] }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {      // (P, B, D) -> (B, D)
        precondition(x.shape.count == 3, "TokenMean: expected (P, B, D), got \(x.shape)")
        inputShape = x.shape
        let p = x.shape[0], n = x.count / p, inv = 1 / Float(p)
        y.reshape(Array(x.shape.dropFirst()))
        y.data.update(from: x.data, count: n)
        for t in 1..<max(p, 1) { RowKernels.add(x.data + t * n, into: y.data, count: n) }
        for i in 0..<n { y.data[i] *= inv }
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {                    // (B, D) -> (P, B, D)
        dx.reshape(inputShape)
        let p = inputShape[0], n = dy.count, inv = 1 / Float(p), g = dy.data
        for t in 0..<p {
            let out = dx.data + t * n
            for i in 0..<n { out[i] = g[i] * inv }
        }
        return dx
    }
}
