/// Every operation of the kernel seam run on two backends with the same seeded inputs, and the
/// worst relative difference of their outputs: what `mlplab engine-check` prints for a GPU
/// against the CPU (scripts/gpu-check), and what a test asserts for each CPU instruction set.
///
/// ```swift
/// for row in SeamCheck.compare(try Engine.backend(named: "cuda"), with: CPUBackend.reference()) {
///     print(row.operation, row.relativeError)
/// }
/// ```
public enum SeamCheck {
    public struct Row: Sendable {
        public let operation: String
        /// max |a − b| / max(1, |b|) over every output element.
        public let relativeError: Double
    }

    /// The operations checked, in order.
    public static var operations: [String] { cases.map(\.0) }

    /// Runs every case on `backend` and on `reference`.
    public static func compare(_ backend: Backend, with reference: Backend) -> [Row] {
        cases.map { name, run in
            let a = Engine.$current.withValue(backend) { run() }, b = Engine.$current.withValue(reference) { run() }
            precondition(a.count == b.count, "\(name): \(a.count) and \(b.count) outputs")
            let worst = zip(a, b).map { Double(abs($0 - $1)) / max(1, Double(abs($1))) }.max() ?? 0
            return Row(operation: name, relativeError: worst)
        }
    }

    /// A tensor of `shape` with seeded uniform values in [lo, hi), on the current backend.
    static func random(_ shape: [Int], _ seed: UInt64, _ lo: Float = -1, _ hi: Float = 1) -> Tensor {
        var rng = RandomGenerator(seed: seed)
        return Tensor((0..<shape.reduce(1, *)).map { _ in rng.uniform(lo, hi) }, shape: shape)
    }
    static func out(_ tensors: Tensor...) -> [Float] { tensors.flatMap { $0.toArray() } }

    /// (name, body): body makes its inputs on `Engine.current`, runs one operation, returns the outputs.
    nonisolated(unsafe) static let cases: [(String, () -> [Float])] = [
        ("gemm", {
            var all: [Float] = []
            for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                let a = random(ta ? [70, 33] : [33, 70], 1), b = random(tb ? [50, 70] : [70, 50], 2), c = random([33, 50], 3)
                Engine.current.gemm(a, transposeA: ta, b, transposeB: tb, into: c, alpha: 0.5, beta: 1)
                all += c.toArray()
            }
            return all
        }),
        ("gemm onto a row bias", {                 // token mixing's shape: the small-operand kernels on AVX2
            var all: [Float] = []
            for ta in [false, true] {
                let a = random([16, 16], 1), b = random([16, 4100], 2), v = random([16], 3), c = Tensor(zeros: [16, 4100])
                Engine.current.gemm(transposeA: ta, m: 16, n: 4100, k: 16, a, lda: 16, b, ldb: 4100, ontoRowBias: v, c)
                all += c.toArray()
            }
            return all
        }),
        ("setRows", { let y = Tensor(zeros: [7, 33]), v = random([33], 1); Engine.current.setRows(y, to: v); return out(y) }),
        ("setColumns", { let y = Tensor(zeros: [7, 33]), v = random([7], 1); Engine.current.setColumns(y, to: v); return out(y) }),
        ("addColumnSums", { let x = random([300, 33], 1), g = random([33], 2); Engine.current.addColumnSums(of: x, into: g); return out(g) }),
        ("addRowSums", { let x = random([30, 700], 1), g = random([30], 2); Engine.current.addRowSums(of: x, into: g); return out(g) }),
        ("relu", { unary { Engine.current.relu($0, into: $1) } }),
        ("reluBackward", { binary { Engine.current.reluBackward(output: $0, $1, into: $2) } }),
        ("gelu", { unary { Engine.current.gelu($0, into: $1) } }),
        ("geluFused", {
            let z = random([1000], 1, -5, 5), y = Tensor(zeros: [1000])
            Engine.current.geluFused(z, addingRows: nil, into: y, derivative: true)
            return out(y, z)
        }),
        ("geluFused adding rows", {
            var all: [Float] = []
            for derivative in [true, false] {
                let z = random([40, 25], 1, -5, 5), b = random([25], 2), y = Tensor(zeros: [0])
                Engine.current.geluFused(z, addingRows: b, into: y, derivative: derivative)
                all += out(y, z)
            }
            return all
        }),
        ("geluDerivative", { let z = random([1000], 1, -5, 5); Engine.current.geluDerivative(z); return out(z) }),
        ("tanh", { unary { Engine.current.tanh($0, into: $1) } }),
        ("tanhBackward", { binary { Engine.current.tanhBackward(output: $0, $1, into: $2) } }),
        ("sigmoid", { unary { Engine.current.sigmoid($0, into: $1) } }),
        ("sigmoidBackward", { binary { Engine.current.sigmoidBackward(output: $0, $1, into: $2) } }),
        ("multiply", { binary { Engine.current.multiply($0, $1, into: $2) } }),
        ("add", { let x = random([1000], 1), y = random([1000], 2); Engine.current.add(x, into: y); return out(y) }),
        ("copy", { unary { Engine.current.copy($0, into: $1) } }),
        ("dropout", {
            let x = random([1000], 1), mask = Tensor(zeros: [0]), y = Tensor(zeros: [0])
            var rng = RandomGenerator(seed: 9)
            Engine.current.dropout(x, p: 0.3, rng: &rng, mask: mask, into: y)
            return out(y, mask)
        }),
        ("softmaxCrossEntropy", { loss { Engine.current.softmaxCrossEntropy($0, labels: $1, probabilities: $2, gradient: $3) } }),
        ("softmaxCrossEntropySmoothed", { loss {
            Engine.current.softmaxCrossEntropy($0, labels: $1, smoothing: 0.1, probabilities: $2, gradient: $3)
        } }),
        ("sumOfSquares", { [Float(Engine.current.sumOfSquares(random([10_000], 1)))] }),
        ("scale", { let x = random([1000], 1); Engine.current.scale(x, by: -0.37); return out(x) }),
        ("softmaxMSE", { loss { Engine.current.softmaxMSE($0, labels: $1, probabilities: $2, gradient: $3) } }),
        ("layerNorm", {
            let x = random([40, 96], 1, -3, 3), w = random([96], 2), b = random([96], 3)
            let y = Tensor(zeros: [0]), mean = Tensor(zeros: [0]), rstd = Tensor(zeros: [0])
            Engine.current.layerNorm(x, weight: w, bias: b, eps: 1e-5, into: y, mean: mean, rstd: rstd)
            let dy = random([40, 96], 4), dw = random([96], 5), db = random([96], 6)
            Engine.current.layerNormBackward(x, dy, weight: w, dWeight: dw, dBias: db, mean: mean, rstd: rstd)
            return out(y, mean, rstd, dy, dw, db)
        }),
        ("affine", {
            let x = random([40, 96], 1), a = random([96], 2), b = random([96], 3), y = Tensor(zeros: [0])
            Engine.current.affine(x, alpha: a, beta: b, into: y)
            let dy = random([40, 96], 4), da = random([96], 5), db = random([96], 6), dx = Tensor(zeros: [0])
            Engine.current.affineBackward(x, dy, alpha: a, dAlpha: da, dBeta: db, into: dx)
            return out(y, da, db, dx)
        }),
        ("residual", {
            let x = random([40, 96], 1), f = random([40, 96], 2), s = random([96], 3), y = Tensor(zeros: [0]), z = Tensor(zeros: [0])
            Engine.current.residual(x, f, scale: s, into: y)
            Engine.current.residual(x, f, scale: nil, into: z)
            let dy = random([40, 96], 4), ds = random([96], 5), dBranch = Tensor(zeros: [0])
            Engine.current.layerScaleBackward(dy, branchOutput: f, scale: s, dScale: ds, into: dBranch)
            return out(y, z, ds, dBranch)
        }),
        ("patchify", {
            let images = random([3, 784], 1), patches = Tensor(zeros: [0]), back = Tensor(zeros: [0])
            Engine.current.patchify(images, height: 28, width: 28, patch: 4, into: patches)
            Engine.current.unpatchify(patches, height: 28, width: 28, patch: 4, into: back)
            return out(patches, back)
        }),
        ("tokenMean", {
            let x = random([49, 3, 20], 1), y = Tensor(zeros: [0]), dx = Tensor(zeros: [0])
            Engine.current.tokenMean(x, into: y)
            Engine.current.tokenMeanBackward(y, tokens: 49, into: dx)
            return out(y, dx)
        }),
        ("permuteSegments", {
            var all: [Float] = []
            for height in [true, false] {
                let x = random([49, 2, 18], 1), t = Tensor(zeros: [49 * 2 * 18]), back = random([49, 2, 18], 2)
                Engine.current.permuteSegments(x, t, grid: 7, segments: 2, height: height, toBranch: true, accumulate: false)
                Engine.current.permuteSegments(back, t, grid: 7, segments: 2, height: height, toBranch: false, accumulate: true)
                all += out(t, back)
            }
            return all
        }),
        ("visionPermutatorMixing", {
            let h = random([49, 2, 12], 1), w = random([49, 2, 12], 2), c = random([49, 2, 12], 3)
            let pooled = Tensor(zeros: [0]), weights = Tensor(zeros: [0]), z = Tensor(zeros: [0])
            Engine.current.sumOfThreeMean(h, w, c, into: pooled)
            Engine.current.softmaxOfThree(random([2, 36], 4, -3, 3), into: weights)
            Engine.current.combineThree(h, w, c, weights: weights, into: z)
            let dz = random([49, 2, 12], 5), dWeights = Tensor(zeros: [0]), dLogits = Tensor(zeros: [0]), g = Tensor(zeros: [0])
            Engine.current.combineThreeBackward(dz, h, w, c, weights: weights, dWeights: dWeights, dLogits: dLogits)
            Engine.current.branchGradient(dz, weights: weights, branch: 1, dPooled: random([2, 12], 6), into: g)
            return out(pooled, weights, z, dWeights, dLogits, g)
        }),
        ("sgd", { step { w, g, s1, s2 in
            Engine.current.sgdStep(w, g, lr: 0.1, weightDecay: 0.01)
            Engine.current.sgdMomentumStep(s1, g, buffer: s2, lr: 0.1, momentum: 0.9, weightDecay: 0.01, first: false,
                                           nesterov: true)
        } }),
        ("adam", { step { w, g, m, v in
            Engine.current.adamStep(w, g, m: m, v: v, beta1: 0.9, beta2: 0.999, stepSize: 0.01, sqrtBias2: 0.3, eps: 1e-8,
                                    l2: 0, shrink: 0.999)
        } }),
        ("rmsprop", { step { w, g, sq, buf in
            Engine.current.rmspropStep(w, g, squareAverage: sq, buffer: nil, lr: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0,
                                       weightDecay: 0.01)
            Engine.current.rmspropStep(sq, g, squareAverage: buf, buffer: w, lr: 0.01, alpha: 0.99, eps: 1e-8,
                                       momentum: 0.9, weightDecay: 0)
        } }),
        ("adagrad", { step { w, g, sum, _ in
            Engine.current.adagradStep(w, g, sum: sum, lr: 0.01, eps: 1e-10, weightDecay: 0.01)
        } }),
    ]

    private static func unary(_ op: (Tensor, Tensor) -> Void) -> [Float] {
        let x = random([1000], 1, -4, 4), y = Tensor(zeros: [0])
        op(x, y)
        return out(y)
    }
    private static func binary(_ op: (Tensor, Tensor, Tensor) -> Void) -> [Float] {
        let a = random([1000], 1, -4, 4), b = random([1000], 2), y = Tensor(zeros: [0])
        op(a, b, y)
        return out(y)
    }
    private static func loss(_ op: (Tensor, UnsafeBufferPointer<Int32>, Tensor, Tensor?) -> Double) -> [Float] {
        let logits = random([37, 10], 1, -6, 6), p = Tensor(zeros: [0]), g = Tensor(zeros: [0])
        let labels = (0..<37).map { Int32($0 * 7 % 10) }
        let total = labels.withUnsafeBufferPointer { op(logits, $0, p, g) }
        return [Float(total)] + out(p, g)
    }
    private static func step(_ op: (Tensor, Tensor, Tensor, Tensor) -> Void) -> [Float] {
        let w = random([500], 1), g = random([500], 2), s1 = random([500], 3, 0, 1), s2 = random([500], 4, 0, 1)
        op(w, g, s1, s2)
        return out(w, s1, s2)
    }
}
