import Tensor

/// Layer normalisation over the last dimension (Ba, Kiros & Hinton 2016,
/// https://arxiv.org/abs/1607.06450), as `nn.LayerNorm(D)`: y = (x − μ)/√(σ² + ε)·γ + β with
/// the biased variance and ε = 1e-5; γ starts at 1 and β at 0.
///
/// Works on any layout whose rows are the D features of one token: (B, P, D) or (P, B, D).
public final class LayerNorm: Layer {
    public let kind = "LayerNorm"
    public let weight: Parameter              // γ (D)
    public let bias: Parameter                // β (D)
    public let eps: Float
    private var x: Tensor?
    private let y = Tensor(zeros: [0])
    private let mean = Tensor(zeros: [0]), rstd = Tensor(zeros: [0])   // (rows)

    public init(_ features: Int, eps: Float = 1e-5) {
        precondition(features > 0, "LayerNorm: features must be positive")
        weight = Parameter("weight", Tensor([Float](repeating: 1, count: features), shape: [features]))
        bias = Parameter("bias", Tensor(zeros: [features]))
        self.eps = eps
    }

    public var features: Int { weight.value.count }
    public var parameters: [Parameter] { [weight, bias] }
    public func outputShape(for input: [Int]) -> [Int] { input }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {      // (…, D) -> (…, D)
        precondition(x.shape.last == features, "LayerNorm: expected \(features) features, got \(x.shape)")
        self.x = x
        x.backend.layerNorm(x, weight: weight.value, bias: bias.value, eps: eps, into: y, mean: mean, rstd: rstd)
        return y
    }

    /// Writes dx over dy (each row of dy is read before it is written): one activation-sized
    /// buffer less per norm.
    public func backward(_ dy: Tensor) -> Tensor {                    // (…, D) -> (…, D)
        guard let x else { preconditionFailure("LayerNorm.backward called before forward") }
        precondition(dy.shape == x.shape, "LayerNorm: gradient \(dy.shape) for input \(x.shape)")
        dy.backend.layerNormBackward(x, dy, weight: weight.value, dWeight: weight.grad, dBias: bias.grad, mean: mean,
                                     rstd: rstd)
        return dy
    }
}
