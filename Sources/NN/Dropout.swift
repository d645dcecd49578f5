import Tensor

/// Inverted dropout (Srivastava et al. 2014): in training each element is zeroed with
/// probability p and the survivors scaled by 1/(1-p); in evaluation it passes x through.
public final class Dropout: Layer {
    public let kind = "Dropout"
    public let p: Float
    private var rng: RandomGenerator
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
        mask.reshape(x.shape)
        y.reshape(x.shape)
        let n = x.count, m = mask.data, src = x.data, dst = y.data, scale = 1 / (1 - p)
        for i in 0..<n { m[i] = rng.nextUnit() < p ? 0 : scale }
        ElementKernels.multiply(src, m, into: dst, count: n)
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard active else { return dy }
        let n = dy.count, m = mask.data, g = dy.data
        ElementKernels.multiply(g, m, into: g, count: n)   // dy is ours to reuse: the layer above is done with it
        return dy
    }
}
