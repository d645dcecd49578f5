import CBLAS
import CFloatEnv

extension Tensor {
    /// C = alpha · op(A) · op(B) + beta · C for 2-D views, through OpenBLAS `sgemm`.
    ///
    /// Each operand is read as its `matrixShape` (leading dimensions flattened), so a (B, P, C)
    /// tensor is a (B·P, C) matrix without a copy. `c` keeps its shape when its matrix view is
    /// already (m, n), else it is reshaped to (m, n). `transposeA`/`B`
    /// use BLAS's transposed forms instead of materialising a transpose.
    /// - Parameters:
    ///   - a: left operand, (m, k) or (k, m) when transposed.
    ///   - b: right operand, (k, n) or (n, k) when transposed.
    ///   - c: output; with `beta` != 0 it must already be (m, n).
    public static func gemm(_ a: Tensor, transposeA: Bool = false, _ b: Tensor, transposeB: Bool = false,
                            into c: Tensor, alpha: Float = 1, beta: Float = 0) {
        let (ar, ac) = a.matrixShape, (br, bc) = b.matrixShape
        let m = transposeA ? ac : ar, k = transposeA ? ar : ac
        let kb = transposeB ? bc : br, n = transposeB ? br : bc
        precondition(k == kb, "gemm: inner sizes \(k) and \(kb) differ (\(a.shape) x \(b.shape))")
        if c.matrixShape != (m, n) {
            precondition(beta == 0, "gemm: accumulator \(c.shape) is not (\(m), \(n))")
            c.reshape([m, n])
        }
        BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a.data, lda: ac,
                  b.data, ldb: bc, beta: beta, c.data, ldc: n)
    }
}

/// The calling thread's floating-point mode for training.
public enum FloatingPoint {
    /// Flushes subnormal numbers to zero on this thread (x86 FTZ/DAZ, arm64 FZ). Optimizer
    /// state that decays geometrically drifts into the subnormal range, where arithmetic is
    /// about 100x slower: RMSprop's epochs went from 0.9 s to 0.48 s. Values that small are far
    /// below any eps the optimizers add, so training is unchanged in all but bit-level detail.
    public static func flushSubnormalsToZero() { mlplab_flush_subnormals() }
}

/// Process-wide BLAS settings.
public enum BLAS {
    /// OpenBLAS starts with a thread per core; mlplab's default is one. It is applied before
    /// the first product unless `setThreads` came first, so a test or a library user gets the
    /// same bits as the CLI's default (threads change how a product is split, and so its bits).
    private static let defaultThreads: Void = openblas_set_num_threads(1)

    /// Sets OpenBLAS's thread count. One per worker is the measured sweet spot for our shapes.
    /// Call it before training starts: OpenBLAS does not expect it while a product runs.
    public static func setThreads(_ n: Int) {
        _ = defaultThreads
        openblas_set_num_threads(Int32(max(1, n)))
    }

    /// C = alpha · op(A) · op(B) + beta · C on raw row-major matrices with explicit leading
    /// dimensions, for strided views (one sample's slab, a block of columns) without copies.
    /// - Parameters:
    ///   - m, n, k: op(A) is (m, k), op(B) is (k, n), C is (m, n).
    ///   - lda, ldb, ldc: row strides of A, B and C as stored.
    @inline(__always)
    public static func gemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                            alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
                            beta: Float = 0, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        _ = defaultThreads
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
