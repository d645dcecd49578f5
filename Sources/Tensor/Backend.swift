/// The kernel seam: every operation that layers, losses and optimizers perform on tensors.
///
/// Layers call these and never loop over storage, so each device is one implementation of
/// this protocol (`CPUBackend`: oneDNN/OpenBLAS products and C kernels dispatched per
/// instruction set; a CUDA backend next) and no layer changes. Operations take tensors, with
/// shapes in comments (B batch, P tokens, D channels, K classes); an output named `into` is
/// written, one named `adding` accumulates (`+=`). A tensor's `backend` is the one it was
/// created under (`Engine.current`).
///
/// ```swift
/// let k = x.backend
/// k.gelu(x, into: y)                            // y = gelu(x)
/// k.gemm(x, w, transposeB: true, into: out)     // out = x·wᵀ
/// ```
public protocol Backend: AnyObject, Sendable {
    /// The engine's name as runs record it: `cpu/onednn/avx512`, `cpu/openblas/baseline`.
    var name: String { get }
    /// Where this backend's tensors live.
    var device: Device { get }
    /// Threads one run uses (products and large element-wise loops).
    var threads: Int { get }
    /// The same backend with another thread count (`mlplab train --threads 2`).
    func withThreads(_ n: Int) -> Backend

    // MARK: - Storage (host memory by default)
    /// `count` zeroed floats on this backend's device.
    func allocate(_ count: Int) -> UnsafeMutablePointer<Float>
    /// Frees what `allocate` returned.
    func deallocate(_ storage: UnsafeMutablePointer<Float>)
    /// Waits for queued work, so the host may read and write storage (no-op on the CPU).
    func synchronize()
    /// Runs body over `count` independent items of host-side work (the images of a batch to
    /// augment) in contiguous chunks across this backend's threads, or in one call. Each item
    /// is computed whole by one thread, so results never depend on the split.
    func forEachChunk(_ count: Int, work: Int, _ body: (_ start: Int, _ end: Int) -> Void)

    // MARK: - Matrix products
    /// C = alpha·op(A)·op(B) + beta·C on row-major matrices with explicit row strides, where
    /// op(A) is (m, k), op(B) is (k, n) and C is (m, n): plain, transposed, strided, accumulating.
    func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
              _ a: Tensor, lda: Int, _ b: Tensor, ldb: Int, beta: Float, _ c: Tensor, ldc: Int)
    /// C = op(A)·B + v[r] on each row r of C (m, n, contiguous): a product onto a per-row bias
    /// (token mixing's forward), the same bits as `setColumns(c, to: v)` then `gemm` with beta 1.
    func gemm(transposeA: Bool, m: Int, n: Int, k: Int, _ a: Tensor, lda: Int, _ b: Tensor, ldb: Int,
              ontoRowBias v: Tensor, _ c: Tensor)

    // MARK: - Bias
    /// Every row of y (rows, n) ← v (n): a bias broadcast over rows.
    func setRows(_ y: Tensor, to v: Tensor)
    /// Row r of y (rows, n) ← v[r]: a per-row bias (token mixing).
    func setColumns(_ y: Tensor, to v: Tensor)
    /// g (n) += Σ_r x[r, :], x read as (rows, n): a row bias's gradient.
    func addColumnSums(of x: Tensor, into g: Tensor)
    /// g (rows) += Σ_j x[r, j], x read as (rows, count/rows): a per-row bias's gradient.
    func addRowSums(of x: Tensor, into g: Tensor)

    // MARK: - Activations (forward above backward)
    func relu(_ x: Tensor, into y: Tensor)
    /// dx = dy where y > 0, else 0.
    func reluBackward(output y: Tensor, _ dy: Tensor, into dx: Tensor)
    /// y = gelu(x), erf form.
    func gelu(_ x: Tensor, into y: Tensor)
    /// y = gelu(z); with `derivative`, also z ← gelu'(z) in place (backward is then one multiply).
    /// With a bias (d), z ← z + bias on every row of d first (fc1's bias, added in this pass
    /// instead of one of its own), and z keeps z + bias without `derivative`.
    func geluFused(_ z: Tensor, addingRows bias: Tensor?, into y: Tensor, derivative: Bool)
    /// z ← gelu'(z) in place.
    func geluDerivative(_ z: Tensor)
    func tanh(_ x: Tensor, into y: Tensor)
    func tanhBackward(output y: Tensor, _ dy: Tensor, into dx: Tensor)
    func sigmoid(_ x: Tensor, into y: Tensor)
    func sigmoidBackward(output y: Tensor, _ dy: Tensor, into dx: Tensor)

    // MARK: - Element-wise
    /// y = a ⊙ b (y may be a).
    func multiply(_ a: Tensor, _ b: Tensor, into y: Tensor)
    /// y += x.
    func add(_ x: Tensor, into y: Tensor)
    /// y = x (y takes x's shape).
    func copy(_ x: Tensor, into y: Tensor)
    /// Σ x² over every element (a gradient's squared norm, for clipping).
    func sumOfSquares(_ x: Tensor) -> Double
    /// x ← s·x in place.
    func scale(_ x: Tensor, by s: Float)

    // MARK: - Dropout
    /// Inverted dropout: mask ← 0 with probability p else 1/(1−p), drawn from rng; y = x ⊙ mask.
    func dropout(_ x: Tensor, p: Float, rng: inout RandomGenerator, mask: Tensor, into y: Tensor)

    // MARK: - Losses (softmax fused; return the batch's summed loss)
    /// probabilities (B, K) = softmax(logits); gradient of the batch-mean cross-entropy when given,
    /// against targets (1 − smoothing)·onehot + smoothing/K (torch's `label_smoothing`).
    func softmaxCrossEntropy(_ logits: Tensor, labels: UnsafeBufferPointer<Int32>, smoothing: Float,
                             probabilities: Tensor, gradient: Tensor?) -> Double
    /// The same for mean over classes of (softmax − onehot)².
    func softmaxMSE(_ logits: Tensor, labels: UnsafeBufferPointer<Int32>, probabilities: Tensor,
                    gradient: Tensor?) -> Double

    // MARK: - Normalisation
    /// y = (x − μ)/√(σ² + ε)·w + b per row of (rows, D); keeps μ and 1/σ (rows) for backward.
    func layerNorm(_ x: Tensor, weight: Tensor, bias: Tensor, eps: Float, into y: Tensor, mean: Tensor, rstd: Tensor)
    /// dy ← dx in place; dWeight, dBias += their gradients.
    func layerNormBackward(_ x: Tensor, _ dy: Tensor, weight: Tensor, dWeight: Tensor, dBias: Tensor, mean: Tensor,
                           rstd: Tensor)
    /// y = α ⊙ x + β per row.
    func affine(_ x: Tensor, alpha: Tensor, beta: Tensor, into y: Tensor)
    /// dx = α ⊙ dy; dAlpha += Σ dy ⊙ x, dBeta += Σ dy.
    func affineBackward(_ x: Tensor, _ dy: Tensor, alpha: Tensor, dAlpha: Tensor, dBeta: Tensor, into dx: Tensor)

    // MARK: - Residual with layer-scale
    /// y = x + s ⊙ f per row (s nil: y = x + f).
    func residual(_ x: Tensor, _ f: Tensor, scale s: Tensor?, into y: Tensor)
    /// dBranch = s ⊙ dy; dScale += Σ dy ⊙ f.
    func layerScaleBackward(_ dy: Tensor, branchOutput f: Tensor, scale s: Tensor, dScale: Tensor, into dBranch: Tensor)

    // MARK: - Tokens
    /// (B, H·W) images → token-major patches (P, B, p²).
    func patchify(_ images: Tensor, height: Int, width: Int, patch: Int, into patches: Tensor)
    /// The inverse: patches (P, B, p²) → images (B, H·W).
    func unpatchify(_ patches: Tensor, height: Int, width: Int, patch: Int, into images: Tensor)
    /// (P, B, D) → (B, D), the mean over tokens.
    func tokenMean(_ x: Tensor, into y: Tensor)
    /// (B, D) → (P, B, D): dy/P to every token.
    func tokenMeanBackward(_ dy: Tensor, tokens: Int, into dx: Tensor)

    // MARK: - Vision Permutator
    /// Moves runs of C/segments channels between token-major x (H·W, B, C) and a branch layout t:
    /// (W, B, segments, H·S) for the height branch, (H, …) for the width branch; `toBranch` x → t,
    /// else t → x (`accumulate`: x += …).
    func permuteSegments(_ x: Tensor, _ t: Tensor, grid: Int, segments: Int, height: Bool, toBranch: Bool,
                         accumulate: Bool)
    /// pooled (B, C) = mean over tokens of h + w + c, each (P, B, C).
    func sumOfThreeMean(_ h: Tensor, _ w: Tensor, _ c: Tensor, into pooled: Tensor)
    /// weights (3, B, C) = softmax over the three branches of logits (B, C·3).
    func softmaxOfThree(_ logits: Tensor, into weights: Tensor)
    /// z = h ⊙ a₀ + w ⊙ a₁ + c ⊙ a₂, weights broadcast over tokens.
    func combineThree(_ h: Tensor, _ w: Tensor, _ c: Tensor, weights a: Tensor, into z: Tensor)
    /// dWeights (3, B, C) from dz, then dLogits (B, C·3) through the softmax.
    func combineThreeBackward(_ dz: Tensor, _ h: Tensor, _ w: Tensor, _ c: Tensor, weights a: Tensor,
                              dWeights: Tensor, dLogits: Tensor)
    /// g = dz ⊙ a_k + dPooled / P: branch k's output gradient.
    func branchGradient(_ dz: Tensor, weights a: Tensor, branch k: Int, dPooled: Tensor, into g: Tensor)

    // MARK: - Optimizer steps (torch.optim's rules; w and state updated in place)
    func sgdStep(_ w: Tensor, _ g: Tensor, lr: Float, weightDecay: Float)
    func sgdMomentumStep(_ w: Tensor, _ g: Tensor, buffer: Tensor, lr: Float, momentum: Float, weightDecay: Float,
                         first: Bool, nesterov: Bool)
    /// stepSize = lr/(1−β₁ᵗ), sqrtBias2 = √(1−β₂ᵗ); l2 folds decay into g, shrink = 1 − lr·wd (AdamW).
    func adamStep(_ w: Tensor, _ g: Tensor, m: Tensor, v: Tensor, beta1: Float, beta2: Float, stepSize: Float,
                  sqrtBias2: Float, eps: Float, l2: Float, shrink: Float)
    func rmspropStep(_ w: Tensor, _ g: Tensor, squareAverage: Tensor, buffer: Tensor?, lr: Float, alpha: Float,
                     eps: Float, momentum: Float, weightDecay: Float)
    func adagradStep(_ w: Tensor, _ g: Tensor, sum: Tensor, lr: Float, eps: Float, weightDecay: Float)
}

extension Backend {
    public func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
        let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
        p.initialize(repeating: 0, count: count)
        return p
    }
    public func deallocate(_ storage: UnsafeMutablePointer<Float>) { storage.deallocate() }
    public func synchronize() {}
    public func forEachChunk(_ count: Int, work: Int, _ body: (_ start: Int, _ end: Int) -> Void) { body(0, count) }

    public func gemm(transposeA: Bool, m: Int, n: Int, k: Int, _ a: Tensor, lda: Int, _ b: Tensor, ldb: Int,
                     ontoRowBias v: Tensor, _ c: Tensor) {
        setColumnsThenGemm(transposeA: transposeA, m: m, n: n, k: k, a, lda: lda, b, ldb: ldb, rowBias: v, c)
    }

    /// `gemm(ontoRowBias:)` in two steps: the bias written first, the product accumulated onto it.
    public func setColumnsThenGemm(transposeA: Bool, m: Int, n: Int, k: Int, _ a: Tensor, lda: Int, _ b: Tensor,
                                   ldb: Int, rowBias v: Tensor, _ c: Tensor) {
        setColumns(c, to: v)
        gemm(transposeA: transposeA, transposeB: false, m: m, n: n, k: k, alpha: 1, a, lda: lda, b, ldb: ldb, beta: 1,
             c, ldc: n)
    }

    /// Plain cross-entropy (no label smoothing).
    public func softmaxCrossEntropy(_ logits: Tensor, labels: UnsafeBufferPointer<Int32>, probabilities: Tensor,
                                    gradient: Tensor?) -> Double {
        softmaxCrossEntropy(logits, labels: labels, smoothing: 0, probabilities: probabilities, gradient: gradient)
    }

    /// C = alpha·op(A)·op(B) + beta·C on matrix views (leading dimensions flattened, so a
    /// (P, B, D) tensor is a (P·B, D) matrix). c is reshaped to (m, n) unless its matrix view
    /// already is; with beta != 0 it must be.
    public func gemm(_ a: Tensor, transposeA: Bool = false, _ b: Tensor, transposeB: Bool = false,
                     into c: Tensor, alpha: Float = 1, beta: Float = 0) {
        let (ar, ac) = a.matrixShape, (br, bc) = b.matrixShape
        let m = transposeA ? ac : ar, k = transposeA ? ar : ac
        let kb = transposeB ? bc : br, n = transposeB ? br : bc
        precondition(k == kb, "gemm: inner sizes \(k) and \(kb) differ (\(a.shape) x \(b.shape))")
        if c.matrixShape != (m, n) {
            precondition(beta == 0, "gemm: accumulator \(c.shape) is not (\(m), \(n))")
            c.reshape([m, n])
        }
        gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a, lda: ac, b, ldb: bc,
             beta: beta, c, ldc: n)
    }
}
