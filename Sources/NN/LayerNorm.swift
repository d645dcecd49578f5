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
    private let xhat: Tensor, g: Tensor                                 // (D) scratch

    public init(_ features: Int, eps: Float = 1e-5) {
        precondition(features > 0, "LayerNorm: features must be positive")
        weight = Parameter("weight", Tensor([Float](repeating: 1, count: features), shape: [features]))
        bias = Parameter("bias", Tensor(zeros: [features]))
        self.eps = eps
        xhat = Tensor(zeros: [features])
        g = Tensor(zeros: [features])
    }

    public var features: Int { weight.value.count }
    public var parameters: [Parameter] { [weight, bias] }
    public func outputShape(for input: [Int]) -> [Int] { input }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {      // (…, D) -> (…, D)
        precondition(x.shape.last == features, "LayerNorm: expected \(features) features, got \(x.shape)")
        self.x = x
        y.reshape(x.shape)
        let (rows, d) = x.matrixShape
        mean.reshape([rows]); rstd.reshape([rows])
        let w = weight.value.data, b = bias.value.data, invD = 1 / Float(d)
        for r in 0..<rows {
            let src = x.data + r * d, dst = y.data + r * d
            let mu = RowKernels.sum(src, count: d) * invD
            for j in 0..<d { dst[j] = src[j] - mu }
            let s = 1 / (RowKernels.dot(dst, dst, count: d) * invD + eps).squareRoot()
            for j in 0..<d { dst[j] = dst[j] * s * w[j] + b[j] }
            mean[r] = mu; rstd[r] = s
        }
        return y
    }

    /// Writes dx over dy (each row of dy is read into scratch first): one activation-sized
    /// buffer less per norm.
    public func backward(_ dy: Tensor) -> Tensor {                    // (…, D) -> (…, D)
        guard let x else { preconditionFailure("LayerNorm.backward called before forward") }
        precondition(dy.shape == x.shape, "LayerNorm: gradient \(dy.shape) for input \(x.shape)")
        let (rows, d) = x.matrixShape, invD = 1 / Float(d)
        let w = weight.value.data, dw = weight.grad.data, db = bias.grad.data, xh = xhat.data, gg = g.data
        for r in 0..<rows {
            let src = x.data + r * d, gy = dy.data + r * d, out = gy
            let mu = mean[r], s = rstd[r]
            for j in 0..<d {
                xh[j] = (src[j] - mu) * s
                gg[j] = gy[j] * w[j]
                dw[j] += gy[j] * xh[j]
                db[j] += gy[j]
            }
            let c1 = RowKernels.dot(gg, xh, count: d) * invD, c2 = RowKernels.sum(gg, count: d) * invD
            for j in 0..<d { out[j] = s * (gg[j] - c2 - xh[j] * c1) }
        }
        return dy
    }
}
