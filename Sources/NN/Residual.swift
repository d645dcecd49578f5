import Tensor

/// A pre-norm residual block, y = x + s ⊙ f(norm(x)), with an optional learned per-channel
/// layer-scale s (CaiT, Touvron et al. 2021, https://arxiv.org/abs/2103.17239; ResMLP's
/// initialisation 0.1), as the `x + …` lines of MixerBlock, ResMLPBlock and PermutatorBlock.
public final class Residual: Layer {
    public let kind = "Residual"
    public let norm: Layer, branch: Layer
    public let scale: Parameter?              // s (D), or nil for s = 1
    private let y = Tensor(zeros: [0])
    private let dx = Tensor(zeros: [0])
    private let dBranch = Tensor(zeros: [0])  // s ⊙ dy
    private var branchOut: Tensor?

    /// - Parameters:
    ///   - layerScale: s's initial value for every channel; nil for a block without layer-scale.
    public init(norm: Layer, branch: Layer, features: Int, layerScale: Float? = nil) {
        (self.norm, self.branch) = (norm, branch)
        scale = layerScale.map { Parameter("scale", Tensor([Float](repeating: $0, count: features), shape: [features])) }
    }

    public var parameters: [Parameter] { norm.parameters + branch.parameters + (scale.map { [$0] } ?? []) }
    public func outputShape(for input: [Int]) -> [Int] { input }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {      // (…, D) -> (…, D)
        let f = branch.forward(norm.forward(x, training: training), training: training)
        precondition(f.shape == x.shape, "Residual: branch maps \(x.shape) to \(f.shape)")
        branchOut = f
        y.reshape(x.shape)
        let (rows, d) = x.matrixShape, src = x.data, fb = f.data, out = y.data
        if let scale {
            let s = scale.value.data
            for r in 0..<rows {
                let o = r * d
                for j in 0..<d { out[o + j] = src[o + j] + s[j] * fb[o + j] }
            }
        } else {
            for i in 0..<x.count { out[i] = src[i] + fb[i] }
        }
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {                    // (…, D) -> (…, D)
        guard let f = branchOut else { preconditionFailure("Residual.backward called before forward") }
        dx.reshape(dy.shape)
        let (rows, d) = dy.matrixShape, g = dy.data
        dx.data.update(from: g, count: dy.count)                      // the identity path
        var db = dy                                                   // the branch may overwrite it
        if let scale {
            dBranch.reshape(dy.shape)
            let s = scale.value.data, ds = scale.grad.data, fb = f.data, out = dBranch.data
            for r in 0..<rows {
                let o = r * d
                for j in 0..<d {
                    ds[j] += g[o + j] * fb[o + j]
                    out[o + j] = s[j] * g[o + j]
                }
            }
            db = dBranch
        }
        let dn = norm.backward(branch.backward(db))
        RowKernels.add(dn.data, into: dx.data, count: dx.count)
        return dx
    }
}
