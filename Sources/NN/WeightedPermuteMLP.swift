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
    public var children: [Layer] { [mlpC, mlpH, mlpW, reweight, proj] }
    public func outputShape(for input: [Int]) -> [Int] { input }

    /// Moves runs of S channels between token-major x and the height (or width) branch's layout t.
    private func permute(_ x: Tensor, _ t: Tensor, height: Bool, toBranch: Bool, accumulate: Bool = false) {
        x.backend.permuteSegments(x, t, grid: grid, segments: segments, height: height, toBranch: toBranch,
                                  accumulate: accumulate)
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {      // (P, B, C) -> (P, B, C)
        precondition(x.shape.count == 3 && x.shape[0] == grid * grid && x.shape[2] == dim,
                     "WeightedPermuteMLP: expected (\(grid * grid), B, \(dim)), got \(x.shape)")
        let k = x.backend
        for t in [th, tw, hOut, wOut, mixed] { t.reshape(x.shape) }
        permute(x, th, height: true, toBranch: true)
        permute(x, tw, height: false, toBranch: true)
        permute(hOut, mlpH.forward(th, training: training), height: true, toBranch: false)
        permute(wOut, mlpW.forward(tw, training: training), height: false, toBranch: false)
        let c = mlpC.forward(x, training: training)
        cOut = c
        k.sumOfThreeMean(hOut, wOut, c, into: pooled)                     // (B, C): mean over tokens of h + w + c
        k.softmaxOfThree(reweight.forward(pooled, training: training), into: weights)   // (3, B, C)
        k.combineThree(hOut, wOut, c, weights: weights, into: mixed)
        return proj.forward(mixed, training: training)
    }

    /// Consumes the forward pass's saved activations (their buffers are reused for gradients),
    /// so it runs once per forward, as in training.
    public func backward(_ dy: Tensor) -> Tensor {                    // (P, B, C) -> (P, B, C)
        guard let c = cOut else { preconditionFailure("WeightedPermuteMLP.backward called before forward") }
        let k = dy.backend
        let dz = proj.backward(dy, inputGradientInto: mixed)              // over proj's spent input
        k.combineThreeBackward(dz, hOut, wOut, c, weights: weights, dWeights: dWeights, dLogits: dLogits)
        let dm = reweight.backward(dLogits)                               // (B, C), d pooled
        // The branch outputs are spent now: reuse them for gradients, and let each branch's
        // Linear write its input gradient over its own spent input.
        let g = wOut, gt = hOut
        dx.reshape(dy.shape)
        k.branchGradient(dz, weights: weights, branch: 2, dPooled: dm, into: g)   // g = dz ⊙ a_k + dm / P
        mlpC.backward(g, inputGradientInto: dx)
        k.branchGradient(dz, weights: weights, branch: 0, dPooled: dm, into: g)
        permute(g, gt, height: true, toBranch: true)
        permute(dx, mlpH.backward(gt, inputGradientInto: th), height: true, toBranch: false, accumulate: true)
        k.branchGradient(dz, weights: weights, branch: 1, dPooled: dm, into: g)
        permute(g, gt, height: false, toBranch: true)
        permute(dx, mlpW.backward(gt, inputGradientInto: tw), height: false, toBranch: false, accumulate: true)
        return dx
    }
}
