import Foundation
import Tensor
import EngineSupport
import Testing

/// Each backend's operations against plain definitions and against the reference backend,
/// with stated tolerances (STYLE §10), on every backend this machine runs.
struct BackendTests {
    static let combos = [(false, false), (true, false), (false, true), (true, true)]

    /// Shapes big enough that the rule sends them to oneDNN (and two threads split them by
    /// rows or by columns), small ones for OpenBLAS, and token-mixing-like ones for the
    /// small-operand kernels (13x1337x61 and 13x37x2200 with the AVX2 kernels).
    @Test(arguments: Engines.names, [1, 2])
    func gemm_largeAndSmallShapesEveryTranspose_matchNaiveProduct(engine: String, threads: Int) {
        let backend = try! Engine.backend(named: engine, threads: threads)
        Engine.$current.withValue(backend) {
        for (m, n, k) in [(5, 3, 7), (130, 70, 129), (16, 300, 257), (300, 130, 60), (13, 1337, 61), (13, 37, 2200)] {
            for (ta, tb) in Self.combos {
                let a = Engines.random(ta ? [k, m] : [m, k], seed: 1), b = Engines.random(tb ? [n, k] : [k, n], seed: 2)
                let c = Engines.random([m, n], seed: 3), c0 = c.toArray()
                Tensor.gemm(a, transposeA: ta, b, transposeB: tb, into: c, alpha: 0.5, beta: 1)
                let expected = GemmTests.naive(a.toArray(), b.toArray(), m: m, n: n, k: k, ta: ta, tb: tb)
                let worst = zip(c.toArray(), zip(expected, c0)).map { abs($0 - (0.5 * $1.0 + $1.1)) }.max()!
                #expect(worst < 1e-4, "\(engine) \(m)x\(n)x\(k) \(ta) \(tb): \(worst)")
            }
        }
    } }

    @Test func rule_withAVX512_sendsSmallAndThinTransposedProductsToOpenBLAS() {
        func route(_ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int) -> CPUBackend.ProductRoute {
            CPUBackend.route(transposeA: ta, transposeB: tb, m: m, n: n, k: k, isa: .avx512, avx512: true)
        }
        #expect(route(false, true, 32, 10, 80) == .openblas)
        #expect(route(false, true, 32, 100, 784) == .openblas)
        #expect(route(false, true, 16, 64, 8192) == .openblas)
        #expect(route(false, false, 16, 8192, 64) == .onednn)
        #expect(route(true, false, 252, 63, 6272) == .onednn)
        #expect(route(false, true, 6272, 63, 252) == .onednn)
    }

    @Test func rule_withAVX2_sendsTokenMixingToTheSmallOperandKernels() {
        func route(_ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int) -> CPUBackend.ProductRoute {
            CPUBackend.route(transposeA: ta, transposeB: tb, m: m, n: n, k: k, isa: .avx2, avx512: false)
        }
        #expect(route(false, true, 32, 10, 80) == .openblas)                  // too small
        #expect(route(false, true, 32, 100, 784) == .openblas)                // A·Bᵀ with few rows
        for (m, k) in [(16, 64), (64, 16), (16, 16)] {                       // token mixing
            #expect(route(false, false, m, 8192, k) == .smallOperand)         // forward
            #expect(route(true, false, k, 8192, m) == .smallOperand)          // input gradient
        }
        #expect(route(false, true, 16, 64, 8192) == .smallOperand)            // weight gradients: to 16 tokens,
        #expect(route(false, true, 16, 16, 8192) == .smallOperand)            // ResMLP's,
        #expect(route(false, true, 64, 16, 8192) == .onednn)                  // to 64 hidden tokens
        #expect(route(false, false, 16, 8192, 128) == .openblas)              // k past 64: 16 rows
        #expect(route(false, false, 65, 8192, 16) == .onednn)                 // m past 64
        #expect(route(true, true, 16, 8192, 16) == .onednn)                   // no kernel for Aᵀ·Bᵀ
        #expect(route(true, false, 252, 63, 6272) == .onednn)
        #expect(route(false, true, 2048, 256, 64) == .onednn)                 // channel mixing
        // The same shapes with the baseline kernels or oneDNN's AVX-512 ones: no small-operand kernel.
        #expect(CPUBackend.route(transposeA: false, transposeB: false, m: 16, n: 8192, k: 64, isa: .baseline,
                                 avx512: false) == .openblas)
        #expect(CPUBackend.route(transposeA: false, transposeB: false, m: 64, n: 8192, k: 16, isa: .avx512,
                                 avx512: true) == .onednn)
    }

    @Test func split_cutsEveryProductFrom2To21MultiplyAdds() {
        let threshold = 1 << 16                                   // CPUBackend.split's
        #expect(CPUBackend.splitWork(m: 64, n: 8192, k: 16) >= threshold)   // token mixing, k < 32
        #expect(CPUBackend.splitWork(m: 2048, n: 64, k: 16) >= threshold)
        #expect(CPUBackend.splitWork(m: 1 << 20, n: 2, k: 1) >= threshold)
        #expect(CPUBackend.splitWork(m: 1 << 10, n: 1 << 10, k: 1) < threshold)
        #expect(CPUBackend.splitWork(m: 128, n: 10, k: 64) < threshold)
    }

    @Test(arguments: Engines.names)
    func gelu_forwardAndDerivative_matchTheErfForm(engine: String) { Engines.on(engine) {
        let grid = stride(from: -9.0, through: 9.0, by: 0.001).map { Float($0) }   // not a multiple of 16: tails too
        let z = Tensor(grid, shape: [grid.count]), y = Tensor(zeros: [0])
        z.backend.geluFused(z, addingRows: nil, into: y, derivative: true)
        var worst = (0.0, 0.0)
        for (i, v) in grid.enumerated() {
            let x = Double(v), cdf = 0.5 * (1 + Foundation.erf(x / 2.0.squareRoot()))
            worst.0 = max(worst.0, abs(Double(y[i]) - x * cdf))
            worst.1 = max(worst.1, abs(Double(z[i]) - (cdf + x * Foundation.exp(-x * x / 2) / (2 * Double.pi).squareRoot())))
        }
        #expect(worst.0 < 1e-5 && worst.1 < 1e-5, "\(engine): \(worst)")
    } }

    /// fc1's bias added in the GELU pass gives the bits of adding it first, with and without
    /// the derivative (without it, z keeps z + bias for a later geluDerivative).
    @Test(arguments: Engines.names)
    func geluFused_addingRows_givesTheBitsOfAddingFirst(engine: String) { Engines.on(engine) {
        for derivative in [true, false] {
            let z = Engines.random([300, 256], seed: 19, scale: 4), b = Engines.random([256], seed: 20)
            let first = Tensor(zeros: [300, 256]), y = Tensor(zeros: [0]), y2 = Tensor(zeros: [0])
            z.backend.setRows(first, to: b)
            z.backend.add(z, into: first)                                   // bias + z
            z.backend.geluFused(first, addingRows: nil, into: y, derivative: derivative)
            z.backend.geluFused(z, addingRows: b, into: y2, derivative: derivative)
            let same = y.toArray() == y2.toArray() && first.toArray() == z.toArray()
            #expect(same, "\(engine), derivative \(derivative)")
        }
    } }

    @Test(arguments: Engines.names)
    func softmaxCrossEntropy_matchesLogSumExp(engine: String) { Engines.on(engine) {
        let logits = Engines.random([5, 10], seed: 4, scale: 20), p = Tensor(zeros: [0]), g = Tensor(zeros: [0])
        let labels: [Int32] = [0, 3, 9, 5, 5]
        let loss = labels.withUnsafeBufferPointer {
            logits.backend.softmaxCrossEntropy(logits, labels: $0, probabilities: p, gradient: g)
        }
        var expected = 0.0
        for r in 0..<5 {
            let row = (0..<10).map { Double(logits[r * 10 + $0]) }, m = row.max()!
            expected += log(row.map { Foundation.exp($0 - m) }.reduce(0, +)) + m - row[Int(labels[r])]
        }
        #expect(abs(loss - expected) < 1e-4 * max(1, abs(expected)), "\(engine): \(loss) vs \(expected)")
    } }

    /// Every element-wise and row kernel of a backend against the reference backend's.
    @Test(arguments: Engines.names)
    func kernels_matchReferenceBackend(engine: String) {
        func run() -> [[Float]] {
            let x = Engines.random([37, 19], seed: 5, scale: 3), f = Engines.random([37, 19], seed: 6)
            let w = Engines.random([19], seed: 7), b = Engines.random([19], seed: 8)
            let k = x.backend, y = Tensor(zeros: [0]), mean = Tensor(zeros: [0]), rstd = Tensor(zeros: [0])
            var out: [[Float]] = []
            k.relu(x, into: y); out.append(y.toArray())
            k.tanh(x, into: y); out.append(y.toArray())
            k.sigmoid(x, into: y); out.append(y.toArray())
            k.layerNorm(x, weight: w, bias: b, eps: 1e-5, into: y, mean: mean, rstd: rstd); out.append(y.toArray())
            let dy = Engines.random([37, 19], seed: 9), dw = Tensor(zeros: [19]), db = Tensor(zeros: [19])
            k.layerNormBackward(x, dy, weight: w, dWeight: dw, dBias: db, mean: mean, rstd: rstd)
            out += [dy.toArray(), dw.toArray(), db.toArray()]
            k.residual(x, f, scale: w, into: y); out.append(y.toArray())
            k.affine(x, alpha: w, beta: b, into: y); out.append(y.toArray())
            let g = Tensor(zeros: [19]); k.addColumnSums(of: x, into: g); out.append(g.toArray())
            let m = Engines.random([37, 19], seed: 10), v = Engines.random([37, 19], seed: 11, scale: 0.5)
            k.multiply(v, v, into: v)
            k.adamStep(x, f, m: m, v: v, beta1: 0.9, beta2: 0.999, stepSize: 0.01, sqrtBias2: 0.1, eps: 1e-8, l2: 0,
                       shrink: 1)
            out += [x.toArray(), m.toArray(), v.toArray()]
            return out
        }
        let ours = Engines.on(engine, run), reference = Engines.on("reference", run)
        for (i, (a, r)) in zip(ours, reference).enumerated() {
            let worst = zip(a, r).map { abs($0 - $1) / max(1, abs($1)) }.max()!
            #expect(worst < 1e-5, "\(engine) output \(i): \(worst)")
        }
    }

    @Test(arguments: Engines.names)
    func twoThreads_giveTheSameBitsAsOne_forElementWiseKernels(engine: String) {
        let one = try! Engine.backend(named: engine), two = one.withThreads(2)
        func run(_ backend: Backend) -> [Float] {
            Engine.$current.withValue(backend) {
                let z = Engines.random([300, 512], seed: 12, scale: 4), y = Tensor(zeros: [0])
                let rows = Tensor(zeros: [300, 512]), columns = Tensor(zeros: [300, 512])
                backend.setRows(rows, to: Engines.random([512], seed: 13))
                backend.setColumns(columns, to: Engines.random([300], seed: 14))
                backend.add(rows, into: z)
                backend.add(columns, into: z)
                backend.geluFused(z, addingRows: Engines.random([512], seed: 18), into: y, derivative: true)
                backend.layerNorm(y, weight: Tensor([Float](repeating: 1, count: 512), shape: [512]),
                                  bias: Tensor(zeros: [512]), eps: 1e-5, into: z, mean: Tensor(zeros: [0]),
                                  rstd: Tensor(zeros: [0]))
                return z.toArray() + y.toArray()
            }
        }
        #expect(run(one) == run(two))
    }

    /// Token mixing's products: the fused bias gives the bits of the bias written first and
    /// accumulated onto, on every engine; with the small-operand kernels (AVX2), two threads
    /// (each a block of columns) give the bits of one.
    @Test(arguments: Engines.names)
    func tokenMixingProducts_sameBitsForOneOrTwoThreads_andFusedBiasEqualsUnfused(engine: String) {
        let one = try! Engine.backend(named: engine), two = one.withThreads(2)
        func run(_ backend: Backend, fused: Bool) -> [Float] {
            Engine.$current.withValue(backend) {
                let w = Engines.random([16, 64], seed: 15), x = Engines.random([64, 8192], seed: 16)
                let b = Engines.random([16], seed: 17), y = Tensor(zeros: [16, 8192]), dw = Tensor(zeros: [16, 64])
                if fused {                                                       // to 16 tokens from 64
                    backend.gemm(transposeA: false, m: 16, n: 8192, k: 64, w, lda: 64, x, ldb: 8192, ontoRowBias: b, y)
                } else {
                    backend.setColumns(y, to: b)
                    backend.gemm(w, x, into: y, beta: 1)
                }
                backend.gemm(y, x, transposeB: true, into: dw, beta: 1)             // dW += dy·xᵀ
                let dx = Tensor(zeros: [64, 8192])
                backend.gemm(w, transposeA: true, y, into: dx)                       // dx = Wᵀ·dy
                return y.toArray() + dw.toArray() + dx.toArray()
            }
        }
        let base = run(one, fused: false)
        let fusedIsUnfused = run(one, fused: true) == base
        #expect(fusedIsUnfused, "\(engine): fused bias")
        // oneDNN and OpenBLAS cut a product differently with more threads; our kernels do not.
        guard let cpu = one as? CPUBackend, cpu.products == .onednn,
              CPUBackend.route(transposeA: false, transposeB: true, m: 16, n: 64, k: 8192,
                               isa: cpu.isa) == .smallOperand
        else { return }
        let twoAreOne = run(two, fused: true) == base
        #expect(twoAreOne, "\(engine): two threads")
    }

    @Test(arguments: Engines.names)
    func twoThreads_giveTheSameBitsAsOne_forOptimizerSteps(engine: String) {
        let one = try! Engine.backend(named: engine), two = one.withThreads(2)
        func run(_ backend: Backend) -> [Float] {
            Engine.$current.withValue(backend) {
                let shape = [300, 400]
                let w = Engines.random(shape, seed: 1), g = Engines.random(shape, seed: 2)
                let m = Engines.random(shape, seed: 3, scale: 0.1), v = Engines.random(shape, seed: 4, scale: 0.1)
                v.copy(from: Tensor(v.toArray().map { $0 * $0 }, shape: shape))
                backend.adamStep(w, g, m: m, v: v, beta1: 0.9, beta2: 0.999, stepSize: 1e-2, sqrtBias2: 0.5,
                                 eps: 1e-8, l2: 0.01, shrink: 0.999)
                backend.rmspropStep(w, g, squareAverage: v, buffer: m, lr: 1e-2, alpha: 0.99, eps: 1e-8,
                                    momentum: 0.9, weightDecay: 0.01)
                backend.rmspropStep(w, g, squareAverage: v, buffer: nil, lr: 1e-2, alpha: 0.99, eps: 1e-8,
                                    momentum: 0, weightDecay: 0)
                backend.sgdMomentumStep(w, g, buffer: m, lr: 0.1, momentum: 0.9, weightDecay: 0.01, first: false,
                                        nesterov: true)
                backend.sgdStep(w, g, lr: 0.1, weightDecay: 0.01)
                backend.adagradStep(w, g, sum: v, lr: 0.1, eps: 1e-10, weightDecay: 0.01)
                return w.toArray() + m.toArray() + v.toArray()
            }
        }
        let single = run(one)
        #expect(single.allSatisfy { $0.isFinite })
        #expect(run(two) == single)
    }

    @Test func engineNames_parseAndRejectUnknown() throws {
        #expect(try Engine.backend(named: "reference").name == "cpu/openblas/baseline")
        #expect(try Engine.backend(named: "baseline").name == "cpu/onednn/baseline")
        #expect(throws: EngineError.unknown("gpu/x")) { try Engine.backend(named: "gpu/x") }
        #expect(Engines.names.first == "cpu/openblas/baseline")
    }
}
