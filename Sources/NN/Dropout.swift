import Tensor

/// Inverted dropout (Srivastava et al. 2014): in training each element is zeroed with
/// probability p and the survivors scaled by 1/(1-p); in evaluation it passes x through.
public final class Dropout: Layer {
    public let kind = "Dropout"
    public let p: Float
    /// The stream of masks; a checkpoint saves and restores it for an exact resume.
    public var rng: RandomGenerator
    private let mask = Tensor(zeros: [0])     // 0 or 1/(1-p), per element of the last input
    private let y = Tensor(zeros: [0])
    private var active = false

    public init(_ p: Float, rng: inout RandomGenerator) {
        precondition(p >= 0 && p < 1, "Dropout: p must be in [0, 1)")
        self.p = p
        self.rng = rng.fork()
    }

    public var parameters: [Parameter] { [] }
    public func outputShape(for input: [Int]) -> [Int] { input }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        active = training && p > 0
        guard active else { return x }
        x.backend.dropout(x, p: p, rng: &rng, mask: mask, into: y)
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard active else { return dy }
        dy.backend.multiply(dy, mask, into: dy)   // dy is ours to reuse: the layer above is done with it
        return dy
    }
}
