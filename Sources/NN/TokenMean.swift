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
        x.backend.tokenMean(x, into: y)
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {                    // (B, D) -> (P, B, D)
        dy.backend.tokenMeanBackward(dy, tokens: inputShape[0], into: dx)
        return dx
    }
}
