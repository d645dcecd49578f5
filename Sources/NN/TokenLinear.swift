import Tensor

/// A linear map across tokens: y[p′, m] = Σ_p W[p′, p]·x[p, m] + b[p′] on token-major
/// activations (P, B, D) read as the matrix (P, B·D), i.e. `nn.Linear(P, P′)` applied to
/// x.transpose(1, 2) in torch_reference.py, in one GEMM and without transposing anything.
///
/// Initialised as `nn.Linear(P, P′)`: W and b are U(−1/√P, 1/√P).
public final class TokenLinear: Layer {
    public let kind = "TokenLinear"
    public let weight: Parameter              // (P′, P)
    public let bias: Parameter                // (P′)
    private var x: Tensor?
    private let y = Tensor(zeros: [0])
    private let dx = Tensor(zeros: [0])

    public init(_ inTokens: Int, _ outTokens: Int, rng: inout RandomGenerator) {
        precondition(inTokens > 0 && outTokens > 0, "TokenLinear: sizes must be positive")
        let bound = 1 / Float(inTokens).squareRoot()
        weight = Parameter("weight", Tensor((0..<inTokens * outTokens).map { _ in rng.uniform(-bound, bound) },
                                            shape: [outTokens, inTokens]))
        bias = Parameter("bias", Tensor((0..<outTokens).map { _ in rng.uniform(-bound, bound) }, shape: [outTokens]))
    }

    public var inTokens: Int { weight.value.shape[1] }
    public var outTokens: Int { weight.value.shape[0] }
    public var parameters: [Parameter] { [weight, bias] }
    /// Shapes in the logical (B, P, D) order of the layer table.
    public func outputShape(for input: [Int]) -> [Int] { [input[0], outTokens] + input.dropFirst(2) }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {      // (P, B, D) -> (P′, B, D)
        precondition(x.shape.first == inTokens, "TokenLinear: expected \(inTokens) tokens first, got \(x.shape)")
        self.x = x
        let m = x.count / inTokens
        let k = x.backend
        y.reshape([outTokens] + x.shape.dropFirst())
        k.gemm(transposeA: false, m: outTokens, n: m, k: inTokens, weight.value, lda: inTokens, x, ldb: m,
               ontoRowBias: bias.value, y)                                          // y = W·x + b on (P, B·D)
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {                    // (P′, B, D) -> (P, B, D)
        backward(dy, inputGradientInto: dx)
    }

    /// `backward`, writing the input gradient into `target` (which may be the spent input x).
    @discardableResult
    public func backward(_ dy: Tensor, inputGradientInto dx: Tensor) -> Tensor {
        guard let x else { preconditionFailure("TokenLinear.backward called before forward") }
        let m = x.count / inTokens
        let k = dy.backend
        k.gemm(transposeA: false, transposeB: true, m: outTokens, n: inTokens, k: m, alpha: 1, dy, lda: m, x, ldb: m,
               beta: 1, weight.grad, ldc: inTokens)                                // dW += dy·xᵀ
        k.addRowSums(of: dy, into: bias.grad)
        dx.reshape(x.shape)
        k.gemm(transposeA: true, transposeB: false, m: inTokens, n: m, k: outTokens, alpha: 1, weight.value,
               lda: inTokens, dy, ldb: m, beta: 0, dx, ldc: m)                     // dx = Wᵀ·dy
        return dx
    }
}
