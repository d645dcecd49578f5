import CKernels
import Testing

/// `small_product` and `small_dots` (CKernels/products.inc) against the plain triple loop, on
/// every instruction set this CPU runs: ragged sizes exercise each tail (rows past a multiple of
/// 4, columns past a strip, k past a vector), with alpha and beta.
struct SmallProductKernelTests {
    static let isas: [(String, mk_isa)] = [("baseline", MK_ISA_BASELINE), ("avx2", MK_ISA_AVX2), ("avx512", MK_ISA_AVX512)]

    static func random(_ n: Int, seed: UInt64) -> [Float] {
        var s = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<n).map { _ in
            s ^= s << 13; s ^= s >> 7; s ^= s << 17
            return Float(s % 2001) / 1000 - 1
        }
    }

    /// C = beta*C + alpha*op(A)·op(B), in double.
    static func naive(_ a: [Float], _ b: [Float], _ c: [Float], m: Int, n: Int, k: Int, ta: Bool, tb: Bool,
                      alpha: Float, beta: Float) -> [Float] {
        (0..<m * n).map { e in
            let i = e / n, j = e % n
            var s = 0.0
            for p in 0..<k { s += Double(ta ? a[p * m + i] : a[i * k + p]) * Double(tb ? b[j * k + p] : b[p * n + j]) }
            return Float(Double(beta) * Double(c[e]) + Double(alpha) * s)
        }
    }

    @Test(arguments: isas.map(\.0))
    func smallProduct_everyTailAndTranspose_matchesNaive(isa: String) {
        guard let table = mk_kernels_for(Self.isas.first { $0.0 == isa }!.1) else { return }   // this CPU lacks it
        for (m, n, k) in [(16, 8192, 64), (64, 520, 16), (13, 77, 61), (1, 33, 1), (7, 5, 64)] {
            for ta in [false, true] {
                for (alpha, beta) in [(Float(1), Float(0)), (1, 1), (0.5, -2)] {
                    let a = Self.random(m * k, seed: 1), b = Self.random(k * n, seed: 2)
                    var c = Self.random(m * n, seed: 3)
                    if beta == 0 { c = c.map { _ in .nan } }                   // beta 0 never reads C
                    let want = Self.naive(a, b, beta == 0 ? [Float](repeating: 0, count: m * n) : c, m: m, n: n, k: k,
                                          ta: ta, tb: false, alpha: alpha, beta: beta)
                    table.pointee.small_product(m, n, k, alpha, a, ta ? 1 : k, ta ? m : 1, b, n, beta, nil, &c, n)
                    let worst = zip(c, want).map { abs($0 - $1) }.max()!
                    #expect(worst < 1e-4, "\(isa) \(m)x\(n)x\(k) ta \(ta) alpha \(alpha) beta \(beta): \(worst)")
                }
            }
        }
    }

    /// With a bias, C = alpha·op(A)·B + bias[i], and C is never read: the bits of the product onto
    /// C filled with the bias at beta 1, which `CPUBackend`'s fused path promises.
    @Test(arguments: isas.map(\.0))
    func smallProduct_ontoRowBias_givesTheBitsOfBiasThenBeta1(isa: String) {
        guard let table = mk_kernels_for(Self.isas.first { $0.0 == isa }!.1) else { return }
        for (m, n, k) in [(64, 8192, 16), (13, 77, 61)] {
            let a = Self.random(m * k, seed: 7), b = Self.random(k * n, seed: 8), bias = Self.random(m, seed: 9)
            var fused = [Float](repeating: .nan, count: m * n)
            table.pointee.small_product(m, n, k, 1, a, k, 1, b, n, 0, bias, &fused, n)
            var unfused = (0..<m * n).map { bias[$0 / n] }
            table.pointee.small_product(m, n, k, 1, a, k, 1, b, n, 1, nil, &unfused, n)
            #expect(fused == unfused, "\(isa) \(m)x\(n)x\(k)")
            let want = Self.naive(a, b, unfused.indices.map { bias[$0 / n] }, m: m, n: n, k: k, ta: false, tb: false,
                                  alpha: 1, beta: 1)
            #expect(zip(fused, want).map { abs($0 - $1) }.max()! < 1e-4)
        }
    }

    @Test(arguments: isas.map(\.0))
    func smallDots_everyTail_matchesNaive(isa: String) {
        guard let table = mk_kernels_for(Self.isas.first { $0.0 == isa }!.1) else { return }
        for (m, n, k) in [(16, 64, 8192), (64, 16, 2051), (5, 7, 3), (13, 11, 1030)] {
            for (alpha, beta) in [(Float(1), Float(0)), (1, 1), (0.5, -2)] {
                let a = Self.random(m * k, seed: 4), b = Self.random(n * k, seed: 5)
                var c = Self.random(m * n, seed: 6)
                if beta == 0 { c = c.map { _ in .nan } }
                let want = Self.naive(a, b, beta == 0 ? [Float](repeating: 0, count: m * n) : c, m: m, n: n, k: k,
                                      ta: false, tb: true, alpha: alpha, beta: beta)
                table.pointee.small_dots(m, n, k, alpha, a, k, b, k, beta, &c, n)
                let worst = zip(c, want).map { abs($0 - $1) / max(1, abs($1)) }.max()!
                #expect(worst < 1e-4, "\(isa) \(m)x\(n)x\(k) alpha \(alpha) beta \(beta): \(worst)")
            }
        }
    }
}
