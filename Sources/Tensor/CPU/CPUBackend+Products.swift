import CBLAS
import CDNNL
import CKernels

extension CPUBackend {
    /// Whether oneDNN computes a product of this shape. Measured with one thread on the lab's
    /// shapes (docs/ENGINE.md): oneDNN's AVX-512 kernels win on every product big enough to
    /// amortise its call (about 1 µs), except C = A·Bᵀ with few rows or a long inner dimension
    /// (the MLP's first layer forward, token mixing's weight gradient), where OpenBLAS's Haswell
    /// kernel is up to 3x faster.
    /// - Returns: false below 2²⁰ multiply-adds; false for A·Bᵀ with m ≤ 64 or k ≥ 8·max(m, n);
    ///   true otherwise.
    public static func prefersOneDNN(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int) -> Bool {
        if m * n * k < 1 << 20 { return false }
        if !transposeA && transposeB && (m <= 64 || k >= 8 * max(m, n)) { return false }
        return true
    }

    public func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                     _ a: Tensor, lda: Int, _ b: Tensor, ldb: Int, beta: Float, _ c: Tensor, ldc: Int) {
        guard m > 0, n > 0 else { return }
        if products == .onednn && Self.prefersOneDNN(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k) {
            mk_use_omp_threads(Int32(threads))                       // this thread's oneDNN threads
            _ = dnnl_sgemm(transposeA ? 84 : 78, transposeB ? 84 : 78, Int64(m), Int64(n), Int64(k), alpha, a.data,
                           Int64(lda), b.data, Int64(ldb), beta, c.data, Int64(ldc))   // 'T' or 'N'; row-major
        } else {
            BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a.data,
                      lda: lda, b.data, ldb: ldb, beta: beta, c.data, ldc: ldc)
        }
    }
}
