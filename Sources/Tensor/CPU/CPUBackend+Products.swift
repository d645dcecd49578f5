extension CPUBackend {
    /// Whether oneDNN computes a product of this shape. Measured with one thread on the lab's
    /// shapes (docs/ENGINE.md): oneDNN wins on every product big enough to amortise its call
    /// (about 1 µs), except C = A·Bᵀ with few rows or a long inner dimension (the MLP's first
    /// layer forward, token mixing's weight gradient), where OpenBLAS was up to 3x faster with
    /// AVX-512. oneDNN picks its kernels from CPUID, and its AVX2 kernels also lose on C with at
    /// most 16 rows and an inner dimension of 32 or more (token mixing to 16 tokens, forward and
    /// input gradient): OpenBLAS 2-3x faster (16x8192x64: 40 vs 16 GFLOP/s on Zen 3).
    /// - Returns: false below 2²⁰ multiply-adds; false for A·Bᵀ with m ≤ 64 or k ≥ 8·max(m, n);
    ///   without AVX-512, false for m ≤ 16 and k ≥ 32; true otherwise.
    public static func prefersOneDNN(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                                     avx512: Bool = oneDNNUsesAVX512) -> Bool {
        if m * n * k < 1 << 20 { return false }
        if !transposeA && transposeB && (m <= 64 || k >= 8 * max(m, n)) { return false }
        if !avx512 && m <= 16 && k >= 32 { return false }
        return true
    }

    /// Whether oneDNN runs its AVX-512 kernels here (it reads CPUID itself, as `ISA.best` does).
    public static let oneDNNUsesAVX512 = ISA.best == .avx512

    /// With `threads` > 1, a product of 2²¹ multiply-adds or more is cut into `threads` blocks
    /// of C's rows (or, when C has fewer rows than columns, of its columns), each computed on
    /// one thread by the same library. oneDNN's and OpenBLAS's own threads stay at one: their
    /// workers spin between calls, which on two shared cores starved the thread doing the
    /// element-wise work between products (a run went 7x slower).
    public func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                     _ a: Tensor, lda: Int, _ b: Tensor, ldb: Int, beta: Float, _ c: Tensor, ldc: Int) {
        guard m > 0, n > 0 else { return }
        let onednn = products == .onednn
            && Self.prefersOneDNN(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k)
        let pa = UnsafePointer(a.data), pb = UnsafePointer(b.data), pc = c.data
        let byRows = m >= n, size = byRows ? m : n
        split(size, work: Self.splitWork(m: m, n: n, k: k)) { s, e in
            if byRows {
                Self.product(onednn, transposeA, transposeB, e - s, n, k, alpha, pa + (transposeA ? s : s * lda), lda,
                             pb, ldb, beta, pc + s * ldc, ldc)
            } else {
                Self.product(onednn, transposeA, transposeB, m, e - s, k, alpha, pa, lda,
                             pb + (transposeB ? s * ldb : s), ldb, beta, pc + s, ldc)
            }
        }
    }

    /// A product's weight for `split`, whose threshold (2¹⁶) it meets from 2²¹ multiply-adds.
    /// (Written `m * n * k >> 5` it was m·n·(k >> 5): Swift shifts before it multiplies, so no
    /// product with k < 32, token mixing's among them, was ever split.)
    public static func splitWork(m: Int, n: Int, k: Int) -> Int { (m * n * k) >> 5 }

    /// One product on the calling thread, by oneDNN or OpenBLAS.
    @inline(__always)
    static func product(_ onednn: Bool, _ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
                        _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float,
                        _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        if onednn {
            ProductLibraries.onednn(transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: alpha, a, lda: lda, b,
                                    ldb: ldb, beta: beta, c, ldc: ldc)
        } else {
            ProductLibraries.blas(transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: alpha, a, lda: lda, b,
                                  ldb: ldb, beta: beta, c, ldc: ldc)
        }
    }
}
