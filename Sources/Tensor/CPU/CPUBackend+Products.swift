import CKernels

extension CPUBackend {
    /// Who computes one product.
    public enum ProductRoute: Sendable, Equatable {
        case onednn, openblas
        /// `small_product` / `small_dots` (CKernels/products.inc): one operand of at most 64x64.
        case smallOperand
    }

    /// Who computes a product of this shape on a backend whose C kernels are `isa`. Measured with one
    /// thread on the lab's shapes (docs/ENGINE.md):
    /// - below 2²⁰ multiply-adds, OpenBLAS (oneDNN's call costs about 1 µs);
    /// - with the AVX2 kernels, token mixing's products go to our own kernels: op(A)·B with op(A) at
    ///   most 64x64 and n ≥ 1024 (oneDNN 28-41 GFLOP/s on Zen 3, OpenBLAS 36-62, ours 50-74), and
    ///   A·Bᵀ with C at most 16x64 and k ≥ 1024 (oneDNN 51-54, OpenBLAS 45-53, ours 55-66); A·Bᵀ with
    ///   17 to 64 rows of C there goes to oneDNN (64x16x8192: 80, OpenBLAS 57, ours 67);
    /// - C = A·Bᵀ with m ≤ 64 or k ≥ 8·max(m, n), OpenBLAS (the MLP's first layer forward; up to 3x
    ///   faster with AVX-512);
    /// - when oneDNN runs its AVX2 kernels, C with at most 16 rows and k ≥ 32, OpenBLAS (2-3x faster);
    /// - oneDNN for the rest.
    public static func route(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, isa: ISA,
                             avx512: Bool = oneDNNUsesAVX512) -> ProductRoute {
        if m * n * k < 1 << 20 { return .openblas }
        if isa == .avx2 {
            let small = Int(MK_SMALL_MAX_SIZE)
            if !transposeB && m <= small && k <= small && n >= 1024 { return .smallOperand }
            if !transposeA && transposeB && m <= small && n <= small && k >= 1024 {
                return m <= 16 ? .smallOperand : .onednn
            }
        }
        if !transposeA && transposeB && (m <= 64 || k >= 8 * max(m, n)) { return .openblas }
        if !avx512 && m <= 16 && k >= 32 { return .openblas }
        return .onednn
    }

    /// This backend's route: OpenBLAS for everything when it was made so, else `route(…isa:)`.
    func route(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int) -> ProductRoute {
        products == .openblas ? .openblas
            : Self.route(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, isa: isa)
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
        let route = route(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k)
        let pa = UnsafePointer(a.data), pb = UnsafePointer(b.data), pc = c.data
        let byRows = m >= n, size = byRows ? m : n
        split(size, work: Self.splitWork(m: m, n: n, k: k)) { s, e in
            if byRows {
                product(route, transposeA, transposeB, e - s, n, k, alpha, pa + (transposeA ? s : s * lda), lda,
                        pb, ldb, beta, pc + s * ldc, ldc)
            } else {
                product(route, transposeA, transposeB, m, e - s, k, alpha, pa, lda,
                        pb + (transposeB ? s * ldb : s), ldb, beta, pc + s, ldc)
            }
        }
    }

    /// With the small-operand kernels, the bias is added as each tile of C is stored (no pass that
    /// writes it first, no read of C); otherwise `setColumns`, then `gemm` with beta 1.
    public func gemm(transposeA: Bool, m: Int, n: Int, k: Int, _ a: Tensor, lda: Int, _ b: Tensor, ldb: Int,
                     ontoRowBias v: Tensor, _ c: Tensor) {
        precondition(v.count == m && c.count == m * n,
                     "gemm: bias \(v.shape) or C \(c.shape) is not \(m) rows of \(n)")
        guard route(transposeA: transposeA, transposeB: false, m: m, n: n, k: k) == .smallOperand else {
            setColumnsThenGemm(transposeA: transposeA, m: m, n: n, k: k, a, lda: lda, b, ldb: ldb, rowBias: v, c)
            return
        }
        let pa = UnsafePointer(a.data), pb = UnsafePointer(b.data), pv = UnsafePointer(v.data), pc = c.data
        let (ars, acs) = transposeA ? (1, lda) : (lda, 1)
        split(n, work: Self.splitWork(m: m, n: n, k: k)) { s, e in      // by columns: n > m on this route
            self.k.small_product(m, e - s, k, 1, pa, ars, acs, pb + s, ldb, 0, pv, pc + s, n)
        }
    }

    /// A product's weight for `split`, whose threshold (2¹⁶) it meets from 2²¹ multiply-adds.
    /// (Written `m * n * k >> 5` it was m·n·(k >> 5): Swift shifts before it multiplies, so no
    /// product with k < 32, token mixing's among them, was ever split.)
    public static func splitWork(m: Int, n: Int, k: Int) -> Int { (m * n * k) >> 5 }

    /// One product on the calling thread.
    @inline(__always)
    func product(_ route: ProductRoute, _ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
                 _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float,
                 _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        switch route {
        case .onednn:
            ProductLibraries.onednn(transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: alpha, a, lda: lda, b,
                                    ldb: ldb, beta: beta, c, ldc: ldc)
        case .openblas:
            ProductLibraries.blas(transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: alpha, a, lda: lda, b,
                                  ldb: ldb, beta: beta, c, ldc: ldc)
        case .smallOperand:
            precondition(!tb || !ta, "CPUBackend: no small-operand kernel for Aᵀ·Bᵀ")
            if tb {
                self.k.small_dots(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
            } else {
                self.k.small_product(m, n, k, alpha, a, ta ? 1 : lda, ta ? lda : 1, b, ldb, beta, nil, c, ldc)
            }
        }
    }
}
