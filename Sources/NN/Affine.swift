import Tensor

/// ResMLP's per-channel affine map, y = α ⊙ x + β, which replaces layer normalisation
/// (Touvron et al. 2021, https://arxiv.org/abs/2105.03404); α starts at 1 and β at 0.
public final class Affine: Layer {
    public let kind = "Affine"
    public let alpha: Parameter               // (D)
    public let beta: Parameter                // (D)
    private var x: Tensor?
    private let y = Tensor(zeros: [0])
    private let dx = Tensor(zeros: [0])

    public init(_ features: Int) {
        precondition(features > 0, "Affine: features must be positive")
        alpha = Parameter("alpha", Tensor([Float](repeating: 1, count: features), shape: [features]))
        beta = Parameter("beta", Tensor(zeros: [features]))
    }

    public var features: Int { alpha.value.count }
    public var parameters: [Parameter] { [alpha, beta] }
    public func outputShape(for input: [Int]) -> [Int] { input }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {      // (…, D) -> (…, D)
        precondition(x.shape.last == features, "Affine: expected \(features) features, got \(x.shape)")
        self.x = x
        x.backend.affine(x, alpha: alpha.value, beta: beta.value, into: y)
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {                    // (…, D) -> (…, D)
        guard let x else { preconditionFailure("Affine.backward called before forward") }
        dy.backend.affineBackward(x, dy, alpha: alpha.value, dAlpha: alpha.grad, dBeta: beta.grad, into: dx)
        return dx
    }
}
