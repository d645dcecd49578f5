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
    public var children: [Layer] { [norm, branch] }
    public func outputShape(for input: [Int]) -> [Int] { input }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {      // (…, D) -> (…, D)
        let f = branch.forward(norm.forward(x, training: training), training: training)
        precondition(f.shape == x.shape, "Residual: branch maps \(x.shape) to \(f.shape)")
        branchOut = f
        x.backend.residual(x, f, scale: scale?.value, into: y)
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {                    // (…, D) -> (…, D)
        guard let f = branchOut else { preconditionFailure("Residual.backward called before forward") }
        let k = dy.backend
        k.copy(dy, into: dx)                                          // the identity path
        var db = dy                                                   // the branch may overwrite it
        if let scale {
            k.layerScaleBackward(dy, branchOutput: f, scale: scale.value, dScale: scale.grad, into: dBranch)
            db = dBranch
        }
        let dn = norm.backward(branch.backward(db))
        k.add(dn, into: dx)
        return dx
    }
}
