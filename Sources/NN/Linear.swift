import Tensor

/// y = x·Wᵀ + b, applied to the last dimension.
///
/// Initialised as PyTorch's `nn.Linear`: W is kaiming-uniform with a = √5, which works out to
/// U(-1/√in, 1/√in), and b is U(-1/√in, 1/√in).
public final class Linear: Layer {
    public let kind = "Linear"
    public let weight: Parameter              // (out, in)
    public let bias: Parameter?               // (out)
    /// False for a network's first layer: its input gradient is never used, so skip the matmul.
    public let computesInputGradient: Bool
    private var x: Tensor?                    // saved by forward for backward
    private let y = Tensor(zeros: [0])
    private let dx = Tensor(zeros: [0])

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, computesInputGradient: Bool = true,
                rng: inout RandomGenerator) {
        precondition(inFeatures > 0 && outFeatures > 0, "Linear: sizes must be positive")
        let bound = 1 / Float(inFeatures).squareRoot()
        let w = (0..<inFeatures * outFeatures).map { _ in rng.uniform(-bound, bound) }
        weight = Parameter("weight", Tensor(w, shape: [outFeatures, inFeatures]))
        self.bias = bias ? Parameter("bias", Tensor((0..<outFeatures).map { _ in rng.uniform(-bound, bound) },
                                                    shape: [outFeatures])) : nil
        self.computesInputGradient = computesInputGradient
    }

    public var inFeatures: Int { weight.value.shape[1] }
    public var outFeatures: Int { weight.value.shape[0] }
    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public func outputShape(for input: [Int]) -> [Int] { input.dropLast() + [outFeatures] }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {   // (…, in) -> (…, out)
        product(x, addingBias: true)
    }

    /// y = x·Wᵀ without the bias, for a caller that adds it in a pass of its own (FeedForward's
    /// GELU). backward is the same: the bias's gradient is still dy's column sums.
    public func forwardLeavingBias(_ x: Tensor) -> Tensor { product(x, addingBias: false) }

    private func product(_ x: Tensor, addingBias: Bool) -> Tensor {
        precondition(x.shape.last == inFeatures, "Linear: expected \(inFeatures) features, got \(x.shape)")
        self.x = x
        let k = x.backend, bias = addingBias ? bias : nil
        y.reshape(outputShape(for: x.shape))
        if let bias { k.setRows(y, to: bias.value) }
        k.gemm(x, weight.value, transposeB: true, into: y, beta: bias == nil ? 0 : 1)
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {                  // (…, out) -> (…, in)
        backward(dy, inputGradientInto: dx)
    }

    /// `backward`, writing the input gradient into `target` instead of a buffer of its own.
    /// `target` may be the saved input itself: x is read (for the weight gradient) before dx
    /// is written, so a caller whose input is spent saves an activation-sized buffer.
    @discardableResult
    public func backward(_ dy: Tensor, inputGradientInto target: Tensor) -> Tensor {
        guard let x else { preconditionFailure("Linear.backward called before forward") }
        let k = dy.backend
        k.gemm(dy, transposeA: true, x, into: weight.grad, beta: 1)               // (out, in)
        if let bias { k.addColumnSums(of: dy, into: bias.grad) }                  // (out)
        guard computesInputGradient else { return target }
        target.reshape(x.shape)
        k.gemm(dy, weight.value, into: target)                                    // (…, in)
        return target
    }
}
