import CKernels

// Every operation but the products: shape checks here, the loops in Sources/CKernels.
// Element-wise loops over activations split across `threads` (never a reduction, so the bits
// do not depend on the thread count).
extension CPUBackend {
    // MARK: - Bias
    public func setRows(_ y: Tensor, to v: Tensor) {
        let n = v.count, rows = y.count / max(n, 1)
        precondition(y.count == rows * n, "setRows: \(y.shape) is not rows of \(n)")
        let (pv, py) = (v.data, y.data)
        split(rows, work: rows * n) { s, e in k.broadcast_rows(pv, py + s * n, e - s, n) }
    }
    public func setColumns(_ y: Tensor, to v: Tensor) {
        let rows = v.count, n = y.count / max(rows, 1)
        precondition(y.count == rows * n, "setColumns: \(y.shape) is not \(rows) rows")
        let (pv, py) = (v.data, y.data)
        split(rows, work: rows * n) { s, e in k.broadcast_columns(pv + s, py + s * n, e - s, n) }
    }
    public func addColumnSums(of x: Tensor, into g: Tensor) {
        let n = g.count
        precondition(x.count % n == 0, "addColumnSums: \(x.shape) is not rows of \(n)")
        k.add_column_sums(x.data, x.count / n, n, g.data)
    }
    public func addRowSums(of x: Tensor, into g: Tensor) {
        let rows = g.count
        precondition(x.count % rows == 0, "addRowSums: \(x.shape) is not \(rows) rows")
        k.add_row_sums(x.data, rows, x.count / rows, g.data)
    }

    // MARK: - Activations
    /// f over n elements of x and y, split across threads.
    @inline(__always) private func map(_ x: Tensor, _ y: Tensor,
                                       _ f: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) {
        y.reshape(x.shape)
        let n = x.count, src = x.data, dst = y.data
        split(n, work: n) { s, e in f(src + s, dst + s, e - s) }
    }
    @inline(__always) private func map(_ a: Tensor, _ b: Tensor, _ y: Tensor,
                                       _ f: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) {
        precondition(a.count == b.count, "element-wise: \(a.shape) and \(b.shape) differ")
        y.reshape(b.shape)
        let n = a.count, pa = a.data, pb = b.data, dst = y.data
        split(n, work: n) { s, e in f(pa + s, pb + s, dst + s, e - s) }
    }

    public func relu(_ x: Tensor, into y: Tensor) { map(x, y) { k.relu($0, $1, $2) } }
    public func reluBackward(output y: Tensor, _ dy: Tensor, into dx: Tensor) {
        map(y, dy, dx) { k.relu_backward($0, $1, $2, $3) }
    }
    public func gelu(_ x: Tensor, into y: Tensor) { map(x, y) { k.gelu($0, $1, $2) } }
    public func geluFused(_ z: Tensor, addingRows bias: Tensor?, into y: Tensor, derivative: Bool) {
        y.reshape(z.shape)
        let n = z.count, pz = z.data, py = y.data, flag: Int32 = derivative ? 1 : 0
        guard let bias else {
            split(n, work: n) { s, e in k.gelu_fused(pz + s, nil, 0, py + s, e - s, flag) }
            return
        }
        let d = bias.count, pb = UnsafePointer(bias.data)
        precondition(d > 0 && n % d == 0, "geluFused: \(z.shape) is not rows of \(d)")
        split(n / d, work: n) { s, e in k.gelu_fused(pz + s * d, pb, d, py + s * d, (e - s) * d, flag) }
    }
    public func geluDerivative(_ z: Tensor) {
        let n = z.count, pz = z.data
        split(n, work: n) { s, e in k.gelu_derivative(pz + s, e - s) }
    }
    public func tanh(_ x: Tensor, into y: Tensor) { map(x, y) { k.tanh_forward($0, $1, $2) } }
    public func tanhBackward(output y: Tensor, _ dy: Tensor, into dx: Tensor) {
        map(y, dy, dx) { k.tanh_backward($0, $1, $2, $3) }
    }
    public func sigmoid(_ x: Tensor, into y: Tensor) { map(x, y) { k.sigmoid_forward($0, $1, $2) } }
    public func sigmoidBackward(output y: Tensor, _ dy: Tensor, into dx: Tensor) {
        map(y, dy, dx) { k.sigmoid_backward($0, $1, $2, $3) }
    }

    // MARK: - Element-wise
    public func multiply(_ a: Tensor, _ b: Tensor, into y: Tensor) {
        precondition(a.count == b.count, "multiply: \(a.shape) and \(b.shape) differ")
        if y !== a { y.reshape(a.shape) }
        let n = a.count, pa = a.data, pb = b.data, py = y.data
        split(n, work: n) { s, e in k.multiply(pa + s, pb + s, py + s, e - s) }
    }
    public func add(_ x: Tensor, into y: Tensor) {
        precondition(x.count == y.count, "add: \(x.shape) into \(y.shape)")
        let n = x.count, px = x.data, py = y.data
        split(n, work: n) { s, e in k.add(px + s, py + s, e - s) }
    }
    public func copy(_ x: Tensor, into y: Tensor) { y.copy(from: x) }
    public func sumOfSquares(_ x: Tensor) -> Double { k.sum_of_squares(x.data, x.count) }
    public func scale(_ x: Tensor, by s: Float) {
        let n = x.count, px = x.data
        split(n, work: n) { a, e in k.scale(px + a, s, e - a) }
    }

    // MARK: - Dropout
    public func dropout(_ x: Tensor, p: Float, rng: inout RandomGenerator, mask: Tensor, into y: Tensor) {
        mask.reshape(x.shape)
        let n = x.count, m = mask.data, scale = 1 / (1 - p)
        withUnsafeMutablePointer(to: &rng.s) {       // the same draws as rng.nextUnit(), in C
            $0.withMemoryRebound(to: UInt64.self, capacity: 4) { k.dropout_mask($0, m, n, p, scale) }
        }
        multiply(x, mask, into: y)
    }

    // MARK: - Losses
    public func softmaxCrossEntropy(_ logits: Tensor, labels: UnsafeBufferPointer<Int32>, smoothing: Float,
                                    probabilities: Tensor, gradient: Tensor?) -> Double {
        let (b, c) = prepareLoss(logits, labels, probabilities, gradient)
        guard b > 0 else { return 0 }
        return k.softmax_cross_entropy(logits.data, labels.baseAddress!, probabilities.data, gradient?.data, b, c,
                                       smoothing)
    }
    public func softmaxMSE(_ logits: Tensor, labels: UnsafeBufferPointer<Int32>, probabilities: Tensor,
                           gradient: Tensor?) -> Double {
        let (b, c) = prepareLoss(logits, labels, probabilities, gradient)
        guard b > 0 else { return 0 }
        return k.softmax_mse(logits.data, labels.baseAddress!, probabilities.data, gradient?.data, b, c)
    }
    private func prepareLoss(_ logits: Tensor, _ labels: UnsafeBufferPointer<Int32>, _ p: Tensor,
                             _ g: Tensor?) -> (Int, Int) {
        let (b, c) = logits.matrixShape
        precondition(labels.count == b, "Loss: \(labels.count) labels for \(b) rows")
        precondition(labels.allSatisfy { $0 >= 0 && Int($0) < c }, "Loss: a label is outside 0..<\(c)")
        p.reshape([b, c]); g?.reshape([b, c])
        return (b, c)
    }

    // MARK: - Normalisation
    public func layerNorm(_ x: Tensor, weight: Tensor, bias: Tensor, eps: Float, into y: Tensor, mean: Tensor,
                          rstd: Tensor) {
        let (rows, d) = x.matrixShape
        precondition(weight.count == d && bias.count == d, "layerNorm: \(d) features, weight \(weight.shape)")
        y.reshape(x.shape); mean.reshape([rows]); rstd.reshape([rows])
        let px = x.data, pw = weight.data, pb = bias.data, py = y.data, pm = mean.data, ps = rstd.data
        split(rows, work: rows * d) { s, e in
            k.layernorm_forward(px + s * d, pw, pb, py + s * d, pm + s, ps + s, e - s, d, eps)
        }
    }
    public func layerNormBackward(_ x: Tensor, _ dy: Tensor, weight: Tensor, dWeight: Tensor, dBias: Tensor,
                                  mean: Tensor, rstd: Tensor) {
        let (rows, d) = x.matrixShape
        precondition(dy.count == x.count, "layerNormBackward: shapes")
        k.layernorm_backward(x.data, dy.data, weight.data, dWeight.data, dBias.data, mean.data, rstd.data, rows, d)
    }
    public func affine(_ x: Tensor, alpha: Tensor, beta: Tensor, into y: Tensor) {
        let (rows, d) = x.matrixShape
        precondition(alpha.count == d && beta.count == d, "affine: \(d) features, alpha \(alpha.shape)")
        y.reshape(x.shape)
        let px = x.data, pa = alpha.data, pb = beta.data, py = y.data
        split(rows, work: rows * d) { s, e in k.affine_forward(px + s * d, pa, pb, py + s * d, e - s, d) }
    }
    public func affineBackward(_ x: Tensor, _ dy: Tensor, alpha: Tensor, dAlpha: Tensor, dBeta: Tensor,
                               into dx: Tensor) {
        let (rows, d) = x.matrixShape
        precondition(dy.count == x.count, "affineBackward: \(dy.shape) for \(x.shape)")
        dx.reshape(x.shape)
        k.affine_backward(x.data, dy.data, alpha.data, dAlpha.data, dBeta.data, dx.data, rows, d)
    }

    // MARK: - Residual
    public func residual(_ x: Tensor, _ f: Tensor, scale s: Tensor?, into y: Tensor) {
        precondition(f.shape == x.shape, "Residual: branch maps \(x.shape) to \(f.shape)")
        let (rows, d) = x.matrixShape
        y.reshape(x.shape)
        let px = x.data, pf = f.data, ps = s?.data, py = y.data
        split(rows, work: rows * d) { a, e in k.residual_forward(px + a * d, pf + a * d, ps, py + a * d, e - a, d) }
    }
    public func layerScaleBackward(_ dy: Tensor, branchOutput f: Tensor, scale s: Tensor, dScale: Tensor,
                                   into dBranch: Tensor) {
        let (rows, d) = dy.matrixShape
        dBranch.reshape(dy.shape)
        k.layerscale_backward(dy.data, f.data, s.data, dScale.data, dBranch.data, rows, d)
    }

    // MARK: - Tokens
    public func patchify(_ images: Tensor, height: Int, width: Int, patch: Int, into patches: Tensor) {
        let b = images.rows, fan = patch * patch, tokens = (height / patch) * (width / patch)
        precondition(images.columns == height * width, "patchify: expected \(height * width) pixels, got \(images.shape)")
        patches.reshape([tokens, b, fan])
        k.patchify(images.data, patches.data, b, height, width, patch)
    }
    public func unpatchify(_ patches: Tensor, height: Int, width: Int, patch: Int, into images: Tensor) {
        let b = patches.shape[1]
        images.reshape([b, height * width])
        k.unpatchify(patches.data, images.data, b, height, width, patch)
    }
    public func tokenMean(_ x: Tensor, into y: Tensor) {
        precondition(x.shape.count == 3, "tokenMean: expected (P, B, D), got \(x.shape)")
        y.reshape(Array(x.shape.dropFirst()))
        k.token_mean(x.data, y.data, x.shape[0], y.count)
    }
    public func tokenMeanBackward(_ dy: Tensor, tokens: Int, into dx: Tensor) {
        dx.reshape([tokens] + dy.shape)
        k.token_mean_backward(dy.data, dx.data, tokens, dy.count)
    }

    // MARK: - Vision Permutator
    public func permuteSegments(_ x: Tensor, _ t: Tensor, grid: Int, segments: Int, height: Bool, toBranch: Bool,
                                accumulate: Bool) {
        precondition(x.shape.count == 3 && x.shape[0] == grid * grid && x.count == t.count,
                     "permuteSegments: \(x.shape) and \(t.shape) on a \(grid)x\(grid) grid")
        precondition(!(toBranch && accumulate), "permuteSegments: accumulate moves t into x only")
        k.permute_segments(x.data, t.data, grid, x.shape[1], x.shape[2], segments, height ? 1 : 0, toBranch ? 1 : 0,
                           accumulate ? 1 : 0)
    }
    public func sumOfThreeMean(_ h: Tensor, _ w: Tensor, _ c: Tensor, into pooled: Tensor) {
        pooled.reshape(Array(h.shape.dropFirst()))
        k.sum3_mean(h.data, w.data, c.data, pooled.data, h.shape[0], pooled.count)
    }
    public func softmaxOfThree(_ logits: Tensor, into weights: Tensor) {
        let n = logits.count / 3
        weights.reshape([3, logits.rows, logits.columns / 3])
        k.softmax3(logits.data, weights.data, n)
    }
    public func combineThree(_ h: Tensor, _ w: Tensor, _ c: Tensor, weights a: Tensor, into z: Tensor) {
        z.reshape(h.shape)
        let n = a.count / 3
        k.combine3(h.data, w.data, c.data, a.data, z.data, h.count / n, n)
    }
    public func combineThreeBackward(_ dz: Tensor, _ h: Tensor, _ w: Tensor, _ c: Tensor, weights a: Tensor,
                                     dWeights: Tensor, dLogits: Tensor) {
        let n = a.count / 3, b = a.shape[1]
        dWeights.reshape(a.shape); dLogits.reshape([b, 3 * (n / b)])
        k.combine3_backward(dz.data, h.data, w.data, c.data, a.data, dWeights.data, dLogits.data, dz.count / n, n)
    }
    public func branchGradient(_ dz: Tensor, weights a: Tensor, branch: Int, dPooled: Tensor, into g: Tensor) {
        let n = dPooled.count, tokens = dz.count / n
        g.reshape(dz.shape)
        k.branch_gradient(dz.data, a.data + branch * n, dPooled.data, 1 / Float(tokens), g.data, tokens, n)
    }

    // MARK: - Optimizer steps
    // Element-wise over each parameter, so split across threads like the activations (Adam's
    // step of the lab's 1.9M-parameter MLP was 7% of an epoch on one thread).
    public func sgdStep(_ w: Tensor, _ g: Tensor, lr: Float, weightDecay: Float) {
        let (pw, pg) = (w.data, g.data)
        split(w.count, work: w.count) { s, e in k.sgd(pw + s, pg + s, e - s, lr, weightDecay) }
    }
    public func sgdMomentumStep(_ w: Tensor, _ g: Tensor, buffer: Tensor, lr: Float, momentum: Float,
                                weightDecay: Float, first: Bool, nesterov: Bool) {
        let (pw, pg, pb) = (w.data, g.data, buffer.data)
        split(w.count, work: w.count) { s, e in
            k.sgd_momentum(pw + s, pg + s, pb + s, e - s, lr, momentum, weightDecay, first ? 1 : 0, nesterov ? 1 : 0)
        }
    }
    public func adamStep(_ w: Tensor, _ g: Tensor, m: Tensor, v: Tensor, beta1: Float, beta2: Float, stepSize: Float,
                         sqrtBias2: Float, eps: Float, l2: Float, shrink: Float) {
        let (pw, pg, pm, pv) = (w.data, g.data, m.data, v.data)
        split(w.count, work: w.count) { s, e in
            k.adam(pw + s, pg + s, pm + s, pv + s, e - s, beta1, beta2, stepSize, sqrtBias2, eps, l2, shrink)
        }
    }
    public func rmspropStep(_ w: Tensor, _ g: Tensor, squareAverage: Tensor, buffer: Tensor?, lr: Float, alpha: Float,
                            eps: Float, momentum: Float, weightDecay: Float) {
        let (pw, pg, pa) = (w.data, g.data, squareAverage.data), pb = buffer?.data
        split(w.count, work: w.count) { s, e in
            if let pb {
                k.rmsprop_momentum(pw + s, pg + s, pa + s, pb + s, e - s, lr, alpha, eps, momentum, weightDecay)
            } else {
                k.rmsprop(pw + s, pg + s, pa + s, e - s, lr, alpha, eps, weightDecay)
            }
        }
    }
    public func adagradStep(_ w: Tensor, _ g: Tensor, sum: Tensor, lr: Float, eps: Float, weightDecay: Float) {
        let (pw, pg, ps) = (w.data, g.data, sum.data)
        split(w.count, work: w.count) { s, e in k.adagrad(pw + s, pg + s, ps + s, e - s, lr, eps, weightDecay) }
    }
}
