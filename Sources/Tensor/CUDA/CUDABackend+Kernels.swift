// Every operation but the products, as kernels of Sources/CCUDA/kernels.cu: shapes as in
// CPUBackend+Kernels.swift, the loops on the GPU.
extension CUDABackend {
    private func p(_ t: Tensor) -> Argument { .pointer(UnsafeMutableRawPointer(t.storage)) }
    private func p(_ t: Tensor?) -> Argument { .pointer(t.map { UnsafeMutableRawPointer($0.storage) }) }
    private func n(_ v: Int) -> Argument { .count(v) }

    // MARK: - Bias
    public func setRows(_ y: Tensor, to v: Tensor) {
        let cols = v.count, rows = y.count / max(cols, 1)
        launch("broadcast_rows", y.count, p(v), p(y), n(rows), n(cols))
    }
    public func setColumns(_ y: Tensor, to v: Tensor) {
        let rows = v.count, cols = y.count / max(rows, 1)
        launch("broadcast_columns", y.count, p(v), p(y), n(rows), n(cols))
    }
    public func addColumnSums(of x: Tensor, into g: Tensor) {
        launch("add_column_sums", g.count, p(x), n(x.count / g.count), n(g.count), p(g))
    }
    public func addRowSums(of x: Tensor, into g: Tensor) {
        launch("add_row_sums", g.count, rowBlocks: true, p(x), n(g.count), n(x.count / g.count), p(g))
    }

    // MARK: - Activations
    private func map(_ name: String, _ x: Tensor, _ y: Tensor) {
        y.reshape(x.shape)
        launch(name, x.count, p(x), p(y), n(x.count))
    }
    private func map(_ name: String, _ a: Tensor, _ b: Tensor, _ y: Tensor) {
        y.reshape(b.shape)
        launch(name, a.count, p(a), p(b), p(y), n(a.count))
    }
    public func relu(_ x: Tensor, into y: Tensor) { map("relu", x, y) }
    public func reluBackward(output y: Tensor, _ dy: Tensor, into dx: Tensor) { map("relu_backward", y, dy, dx) }
    public func gelu(_ x: Tensor, into y: Tensor) { map("gelu", x, y) }
    public func geluFused(_ z: Tensor, addingRows bias: Tensor?, into y: Tensor, derivative: Bool) {
        y.reshape(z.shape)
        precondition(bias.map { $0.count > 0 && z.count % $0.count == 0 } ?? true,
                     "geluFused: \(z.shape) is not rows of the bias")
        launch("gelu_fused", z.count, p(z), p(bias), n(bias?.count ?? 1), p(y), n(z.count), .int(derivative ? 1 : 0))
    }
    public func geluDerivative(_ z: Tensor) { launch("gelu_derivative", z.count, p(z), n(z.count)) }
    public func tanh(_ x: Tensor, into y: Tensor) { map("tanh_forward", x, y) }
    public func tanhBackward(output y: Tensor, _ dy: Tensor, into dx: Tensor) { map("tanh_backward", y, dy, dx) }
    public func sigmoid(_ x: Tensor, into y: Tensor) { map("sigmoid_forward", x, y) }
    public func sigmoidBackward(output y: Tensor, _ dy: Tensor, into dx: Tensor) { map("sigmoid_backward", y, dy, dx) }

    // MARK: - Element-wise
    public func multiply(_ a: Tensor, _ b: Tensor, into y: Tensor) {
        if y !== a { y.reshape(a.shape) }
        launch("multiply", a.count, p(a), p(b), p(y), n(a.count))
    }
    public func add(_ x: Tensor, into y: Tensor) { launch("add", x.count, p(x), p(y), n(x.count)) }
    public func copy(_ x: Tensor, into y: Tensor) {
        y.reshape(x.shape)
        launch("copy", x.count, p(x), p(y), n(x.count))
    }
    public func scale(_ x: Tensor, by s: Float) { launch("scale", x.count, p(x), .float(s), n(x.count)) }
    /// Float sums per 4096-element block on the GPU, added in double on the host (as the CPU does).
    public func sumOfSquares(_ x: Tensor) -> Double {
        let blocks = (x.count + 4095) / 4096
        guard blocks > 0 else { return 0 }
        let partial = Engine.$current.withValue(self) { partialSums }
        partial.reshape([blocks])
        launch("block_sums_of_squares", blocks, p(x), p(partial), n(x.count))
        return partial.buffer.reduce(0.0) { $0 + Double($1) }
    }

    // MARK: - Dropout: the mask drawn on the host (the run's stream, as on the CPU), applied on the GPU
    public func dropout(_ x: Tensor, p drop: Float, rng: inout RandomGenerator, mask: Tensor, into y: Tensor) {
        mask.reshape(x.shape)
        let count = x.count, m = mask.data, scale = 1 / (1 - drop)
        for i in 0..<count { m[i] = rng.nextUnit() < drop ? 0 : scale }
        multiply(x, mask, into: y)
    }

    // MARK: - Losses: per-row losses on the GPU, summed in order on the host
    private func loss(_ name: String, _ logits: Tensor, _ labels: UnsafeBufferPointer<Int32>, _ probabilities: Tensor,
                      _ gradient: Tensor?, extra: [Argument] = []) -> Double {
        let (b, k) = logits.matrixShape
        precondition(labels.count == b, "Loss: \(labels.count) labels for \(b) rows")
        precondition(labels.allSatisfy { $0 >= 0 && Int($0) < k }, "Loss: a label is outside 0..<\(k)")
        probabilities.reshape([b, k]); gradient?.reshape([b, k])
        guard b > 0 else { return 0 }
        let (deviceLabels, rowLoss) = lossBuffers(rows: b)
        synchronize()
        deviceLabels.update(from: labels.baseAddress!, count: b)
        launch(name, b, arguments: [p(logits), .pointer(deviceLabels), p(probabilities), p(gradient),
                                    .int(gradient == nil ? 0 : 1), .pointer(rowLoss), n(b), n(k)] + extra)
        synchronize()
        var total = 0.0
        for r in 0..<b { total += Double(rowLoss[r]) }
        return total
    }
    public func softmaxCrossEntropy(_ logits: Tensor, labels: UnsafeBufferPointer<Int32>, smoothing: Float,
                                    probabilities: Tensor, gradient: Tensor?) -> Double {
        loss("softmax_cross_entropy", logits, labels, probabilities, gradient, extra: [.float(smoothing)])
    }
    public func softmaxMSE(_ logits: Tensor, labels: UnsafeBufferPointer<Int32>, probabilities: Tensor,
                           gradient: Tensor?) -> Double {
        loss("softmax_mse", logits, labels, probabilities, gradient)
    }

    // MARK: - Normalisation
    public func layerNorm(_ x: Tensor, weight: Tensor, bias: Tensor, eps: Float, into y: Tensor, mean: Tensor,
                          rstd: Tensor) {
        let (rows, d) = x.matrixShape
        precondition(weight.count == d && bias.count == d, "layerNorm: \(d) features, weight \(weight.shape)")
        y.reshape(x.shape); mean.reshape([rows]); rstd.reshape([rows])
        launch("layernorm_forward", rows, rowBlocks: true, p(x), p(weight), p(bias), p(y), p(mean), p(rstd), n(rows), n(d),
               .float(eps))
    }
    public func layerNormBackward(_ x: Tensor, _ dy: Tensor, weight: Tensor, dWeight: Tensor, dBias: Tensor,
                                  mean: Tensor, rstd: Tensor) {
        let (rows, d) = x.matrixShape
        launch("layernorm_backward_columns", d, p(x), p(dy), p(dWeight), p(dBias), p(mean), p(rstd), n(rows), n(d))
        launch("layernorm_backward_rows", rows, rowBlocks: true, p(x), p(dy), p(weight), p(mean), p(rstd), n(rows), n(d))
    }
    public func affine(_ x: Tensor, alpha: Tensor, beta: Tensor, into y: Tensor) {
        let (rows, d) = x.matrixShape
        y.reshape(x.shape)
        launch("affine_forward", x.count, p(x), p(alpha), p(beta), p(y), n(rows), n(d))
    }
    public func affineBackward(_ x: Tensor, _ dy: Tensor, alpha: Tensor, dAlpha: Tensor, dBeta: Tensor,
                               into dx: Tensor) {
        let (rows, d) = x.matrixShape
        dx.reshape(x.shape)
        launch("affine_backward_columns", d, p(x), p(dy), p(dAlpha), p(dBeta), n(rows), n(d))
        launch("affine_backward_input", x.count, p(dy), p(alpha), p(dx), n(rows), n(d))
    }

    // MARK: - Residual
    public func residual(_ x: Tensor, _ f: Tensor, scale s: Tensor?, into y: Tensor) {
        let (rows, d) = x.matrixShape
        y.reshape(x.shape)
        launch("residual_forward", x.count, p(x), p(f), p(s), .int(s == nil ? 0 : 1), p(y), n(rows), n(d))
    }
    public func layerScaleBackward(_ dy: Tensor, branchOutput f: Tensor, scale s: Tensor, dScale: Tensor,
                                   into dBranch: Tensor) {
        let (rows, d) = dy.matrixShape
        dBranch.reshape(dy.shape)
        launch("layerscale_backward_columns", d, p(dy), p(f), p(dScale), n(rows), n(d))
        launch("layerscale_backward_branch", dy.count, p(dy), p(s), p(dBranch), n(rows), n(d))
    }

    // MARK: - Tokens
    public func patchify(_ images: Tensor, height: Int, width: Int, patch: Int, into patches: Tensor) {
        let b = images.rows, tokens = (height / patch) * (width / patch)
        patches.reshape([tokens, b, patch * patch])
        launch("patchify", patches.count, p(images), p(patches), n(b), n(height), n(width), n(patch), .int(0))
    }
    public func unpatchify(_ patches: Tensor, height: Int, width: Int, patch: Int, into images: Tensor) {
        let b = patches.shape[1]
        images.reshape([b, height * width])
        launch("patchify", patches.count, p(patches), p(images), n(b), n(height), n(width), n(patch), .int(1))
    }
    public func tokenMean(_ x: Tensor, into y: Tensor) {
        y.reshape(Array(x.shape.dropFirst()))
        launch("token_mean", y.count, p(x), p(y), n(x.shape[0]), n(y.count))
    }
    public func tokenMeanBackward(_ dy: Tensor, tokens: Int, into dx: Tensor) {
        dx.reshape([tokens] + dy.shape)
        launch("token_mean_backward", dx.count, p(dy), p(dx), n(tokens), n(dy.count))
    }

    // MARK: - Vision Permutator
    public func permuteSegments(_ x: Tensor, _ t: Tensor, grid: Int, segments: Int, height: Bool, toBranch: Bool,
                                accumulate: Bool) {
        launch("permute_segments", x.count, p(x), p(t), n(grid), n(x.shape[1]), n(x.shape[2]), n(segments),
               .int(height ? 1 : 0), .int(toBranch ? 1 : 0), .int(accumulate ? 1 : 0))
    }
    public func sumOfThreeMean(_ h: Tensor, _ w: Tensor, _ c: Tensor, into pooled: Tensor) {
        pooled.reshape(Array(h.shape.dropFirst()))
        launch("sum3_mean", pooled.count, p(h), p(w), p(c), p(pooled), n(h.shape[0]), n(pooled.count))
    }
    public func softmaxOfThree(_ logits: Tensor, into weights: Tensor) {
        weights.reshape([3, logits.rows, logits.columns / 3])
        launch("softmax3", logits.count / 3, p(logits), p(weights), n(logits.count / 3))
    }
    public func combineThree(_ h: Tensor, _ w: Tensor, _ c: Tensor, weights a: Tensor, into z: Tensor) {
        z.reshape(h.shape)
        let count = a.count / 3
        launch("combine3", h.count, p(h), p(w), p(c), p(a), p(z), n(h.count / count), n(count))
    }
    public func combineThreeBackward(_ dz: Tensor, _ h: Tensor, _ w: Tensor, _ c: Tensor, weights a: Tensor,
                                     dWeights: Tensor, dLogits: Tensor) {
        let count = a.count / 3, b = a.shape[1]
        dWeights.reshape(a.shape); dLogits.reshape([b, 3 * (count / b)])
        launch("combine3_backward", count, p(dz), p(h), p(w), p(c), p(a), p(dWeights), p(dLogits), n(dz.count / count),
               n(count))
    }
    public func branchGradient(_ dz: Tensor, weights a: Tensor, branch: Int, dPooled: Tensor, into g: Tensor) {
        let count = dPooled.count, tokens = dz.count / count
        g.reshape(dz.shape)
        launch("branch_gradient", dz.count, p(dz), .pointer(UnsafeMutableRawPointer(a.storage + branch * count)),
               p(dPooled), .float(1 / Float(tokens)), p(g), n(tokens), n(count))
    }

    // MARK: - Optimizer steps
    public func sgdStep(_ w: Tensor, _ g: Tensor, lr: Float, weightDecay: Float) {
        launch("sgd", w.count, p(w), p(g), n(w.count), .float(lr), .float(weightDecay))
    }
    public func sgdMomentumStep(_ w: Tensor, _ g: Tensor, buffer: Tensor, lr: Float, momentum: Float,
                                weightDecay: Float, first: Bool, nesterov: Bool) {
        launch("sgd_momentum", w.count, p(w), p(g), p(buffer), n(w.count), .float(lr), .float(momentum),
               .float(weightDecay), .int(first ? 1 : 0), .int(nesterov ? 1 : 0))
    }
    public func adamStep(_ w: Tensor, _ g: Tensor, m: Tensor, v: Tensor, beta1: Float, beta2: Float, stepSize: Float,
                         sqrtBias2: Float, eps: Float, l2: Float, shrink: Float) {
        launch("adam", w.count, p(w), p(g), p(m), p(v), n(w.count), .float(beta1), .float(beta2), .float(stepSize),
               .float(sqrtBias2), .float(eps), .float(l2), .float(shrink))
    }
    public func rmspropStep(_ w: Tensor, _ g: Tensor, squareAverage: Tensor, buffer: Tensor?, lr: Float, alpha: Float,
                            eps: Float, momentum: Float, weightDecay: Float) {
        if let buffer {
            launch("rmsprop_momentum", w.count, p(w), p(g), p(squareAverage), p(buffer), n(w.count), .float(lr),
                   .float(alpha), .float(eps), .float(momentum), .float(weightDecay))
        } else {
            launch("rmsprop", w.count, p(w), p(g), p(squareAverage), n(w.count), .float(lr), .float(alpha), .float(eps),
                   .float(weightDecay))
        }
    }
    public func adagradStep(_ w: Tensor, _ g: Tensor, sum: Tensor, lr: Float, eps: Float, weightDecay: Float) {
        launch("adagrad", w.count, p(w), p(g), p(sum), n(w.count), .float(lr), .float(eps), .float(weightDecay))
    }
}

extension CUDA {
    /// The kernels CUDABackend launches: every `extern "C"` kernel of kernels.cu, checked by a
    /// test that compiles the source and finds each name's entry in the PTX.
    public static let kernelNames = [
        "relu", "relu_backward", "gelu", "gelu_fused", "gelu_derivative", "tanh_forward", "tanh_backward",
        "sigmoid_forward", "sigmoid_backward", "multiply", "add", "copy", "fill", "scale", "block_sums_of_squares", "broadcast_rows", "broadcast_columns",
        "add_column_sums", "add_row_sums", "layernorm_forward", "layernorm_backward_rows", "layernorm_backward_columns",
        "affine_forward", "affine_backward_columns", "affine_backward_input", "residual_forward",
        "layerscale_backward_columns", "layerscale_backward_branch", "softmax_cross_entropy", "softmax_mse",
        "token_mean", "token_mean_backward", "patchify", "permute_segments", "sum3_mean", "softmax3", "combine3",
        "combine3_backward", "branch_gradient", "sgd", "sgd_momentum", "adam", "rmsprop", "rmsprop_momentum", "adagrad",
    ]
}
