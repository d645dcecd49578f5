import Tensor

/// Vision Permutator's weighted Permute-MLP (Hou et al. 2021, https://arxiv.org/abs/2106.12368),
/// as `WeightedPermuteMLP` in torch_reference.py.
///
/// On a H×W token grid with C = s·S channels (s = H segments of S channels, so H·S = W·S = C):
/// the height branch mixes, for each (w, segment), the H·S values along the column; the width
/// branch the W·S values along the row; the channel branch each token's C channels. The three
/// are weighted per channel by a softmax over a small MLP of their token mean, then projected.
/// Activations are token-major (P, B, C), P = H·W row-major.
public final class WeightedPermuteMLP: Layer {
    public let kind = "WeightedPermuteMLP"
    public let grid: Int, segments: Int
    public let mlpH: Linear, mlpW: Linear, mlpC: Linear   // (C, C), no bias
    public let reweight: FeedForward                      // C -> C/4 -> 3C
    public let proj: Linear                               // (C, C)
    private let th = Tensor(zeros: [0]), tw = Tensor(zeros: [0])      // branch inputs, permuted
    private let hOut = Tensor(zeros: [0]), wOut = Tensor(zeros: [0])  // branch outputs, (P, B, C)
    private var cOut: Tensor?
    private let pooled = Tensor(zeros: [0])                           // (B, C)
    private let weights = Tensor(zeros: [0])                          // (3, B, C) softmax weights
    private let mixed = Tensor(zeros: [0])                            // (P, B, C)
    private let dWeights = Tensor(zeros: [0]), dLogits = Tensor(zeros: [0])
    private let dx = Tensor(zeros: [0])

    public init(dim: Int, grid: Int, rng: inout RandomGenerator) {
        precondition(dim % grid == 0 && dim >= 4, "WeightedPermuteMLP: dim \(dim) must be a multiple of \(grid), >= 4")
        (self.grid, segments) = (grid, grid)
        mlpC = Linear(dim, dim, bias: false, rng: &rng)
        mlpH = Linear(dim, dim, bias: false, rng: &rng)
        mlpW = Linear(dim, dim, bias: false, rng: &rng)
        reweight = FeedForward(channels: dim, hidden: dim / 4, out: dim * 3, rng: &rng)
        proj = Linear(dim, dim, rng: &rng)
    }

    public var dim: Int { proj.outFeatures }
    public var parameters: [Parameter] {
        mlpC.parameters + mlpH.parameters + mlpW.parameters + reweight.parameters + proj.parameters
    }
    public func outputShape(for input: [Int]) -> [Int] { input }

    /// Moves runs of S channels between the token-major layout (h, w, b, seg, j) and a branch
    /// layout: (w, b, seg, h, j) for the height branch, (h, b, seg, w, j) for the width branch.
    private func permute(_ x: UnsafeMutablePointer<Float>, _ t: UnsafeMutablePointer<Float>, batch: Int,
                         height: Bool, toBranch: Bool, accumulate: Bool = false) {
        let n = grid, c = dim, s = segments, S = c / s
        for h in 0..<n { for w in 0..<n { for b in 0..<batch { for seg in 0..<s {
            let xo = ((h * n + w) * batch + b) * c + seg * S
            let to = height ? ((w * batch + b) * s + seg) * c + h * S : ((h * batch + b) * s + seg) * c + w * S
            let (src, dst) = toBranch ? (x + xo, t + to) : (t + to, x + xo)
            if accumulate { for j in 0..<S { dst[j] += src[j] } } else { dst.update(from: src, count: S) }
        } } } }
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {      // (P, B, C) -> (P, B, C)
        precondition(x.shape.count == 3 && x.shape[0] == grid * grid && x.shape[2] == dim,
                     "WeightedPermuteMLP: expected (\(grid * grid), B, \(dim)), got \(x.shape)")
        let b = x.shape[1], bc = b * dim, P = grid * grid
        for t in [th, tw, hOut, wOut, mixed] { t.reshape(x.shape) }
        permute(x.data, th.data, batch: b, height: true, toBranch: true)
        permute(x.data, tw.data, batch: b, height: false, toBranch: true)
        permute(hOut.data, mlpH.forward(th, training: training).data, batch: b, height: true, toBranch: false)
        permute(wOut.data, mlpW.forward(tw, training: training).data, batch: b, height: false, toBranch: false)
        let c = mlpC.forward(x, training: training)
        cOut = c
        pooled.reshape([b, dim])                                         // mean over tokens of h + w + c
        let pm = pooled.data, hp = hOut.data, wp = wOut.data, cp = c.data, inv = 1 / Float(P)
        pm.update(repeating: 0, count: bc)
        for t in 0..<P {
            let o = t * bc
            for i in 0..<bc { pm[i] += hp[o + i] + wp[o + i] + cp[o + i] }
        }
        for i in 0..<bc { pm[i] *= inv }
        let logits = reweight.forward(pooled, training: training).data   // (B, C·3), index c·3 + k
        weights.reshape([3, b, dim])
        let a = weights.data
        for i in 0..<bc {                                                // softmax over the 3 branches
            let l0 = logits[3 * i], l1 = logits[3 * i + 1], l2 = logits[3 * i + 2], m = max(l0, l1, l2)
            let e0 = FastMath.exp(l0 - m), e1 = FastMath.exp(l1 - m), e2 = FastMath.exp(l2 - m), r = 1 / (e0 + e1 + e2)
            a[i] = e0 * r; a[bc + i] = e1 * r; a[2 * bc + i] = e2 * r
        }
        let z = mixed.data
        for t in 0..<P {
            let o = t * bc
            for i in 0..<bc { z[o + i] = hp[o + i] * a[i] + wp[o + i] * a[bc + i] + cp[o + i] * a[2 * bc + i] }
        }
        return proj.forward(mixed, training: training)
    }

    /// Consumes the forward pass's saved activations (their buffers are reused for gradients),
    /// so it runs once per forward, as in training.
    public func backward(_ dy: Tensor) -> Tensor {                    // (P, B, C) -> (P, B, C)
        guard let c = cOut else { preconditionFailure("WeightedPermuteMLP.backward called before forward") }
        let b = dy.shape[1], bc = b * dim, P = grid * grid, invP = 1 / Float(P)
        let dz = proj.backward(dy, inputGradientInto: mixed).data      // over proj's spent input
        let hp = hOut.data, wp = wOut.data, cp = c.data, a = weights.data
        dWeights.reshape([3, b, dim])
        let da = dWeights.data
        da.update(repeating: 0, count: 3 * bc)
        for t in 0..<P {
            let o = t * bc
            for i in 0..<bc {
                da[i] += dz[o + i] * hp[o + i]; da[bc + i] += dz[o + i] * wp[o + i]; da[2 * bc + i] += dz[o + i] * cp[o + i]
            }
        }
        dLogits.reshape([b, 3 * dim])
        let dl = dLogits.data
        for i in 0..<bc {                                                // softmax backward
            let dot = a[i] * da[i] + a[bc + i] * da[bc + i] + a[2 * bc + i] * da[2 * bc + i]
            dl[3 * i] = a[i] * (da[i] - dot)
            dl[3 * i + 1] = a[bc + i] * (da[bc + i] - dot)
            dl[3 * i + 2] = a[2 * bc + i] * (da[2 * bc + i] - dot)
        }
        let dm = reweight.backward(dLogits).data                         // (B, C), d pooled
        // The branch outputs are spent now: reuse them for gradients, and let each branch's
        // Linear write its input gradient over its own spent input.
        let g = wOut, gt = hOut
        dx.reshape(dy.shape)
        func branchGradient(_ k: Int) {                                  // g = dz ⊙ a_k + dm / P
            let gp = g.data, ak = a + k * bc
            for t in 0..<P {
                let o = t * bc
                for i in 0..<bc { gp[o + i] = dz[o + i] * ak[i] + dm[i] * invP }
            }
        }
        branchGradient(2)
        mlpC.backward(g, inputGradientInto: dx)
        branchGradient(0)
        permute(g.data, gt.data, batch: b, height: true, toBranch: true)
        permute(dx.data, mlpH.backward(gt, inputGradientInto: th).data, batch: b, height: true, toBranch: false,
                accumulate: true)
        branchGradient(1)
        permute(g.data, gt.data, batch: b, height: false, toBranch: true)
        permute(dx.data, mlpW.backward(gt, inputGradientInto: tw).data, batch: b, height: false, toBranch: false,
                accumulate: true)
        return dx
    }
}
