import CBLAS
import CKernels

extension Tensor {
    /// C = alpha · op(A) · op(B) + beta · C for 2-D views, on a's backend (see `Backend.gemm`).
    ///
    /// Each operand is read as its `matrixShape` (leading dimensions flattened), so a (B, P, C)
    /// tensor is a (B·P, C) matrix without a copy. `c` keeps its shape when its matrix view is
    /// already (m, n), else it is reshaped to (m, n).
    public static func gemm(_ a: Tensor, transposeA: Bool = false, _ b: Tensor, transposeB: Bool = false,
                            into c: Tensor, alpha: Float = 1, beta: Float = 0) {
        a.backend.gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: c, alpha: alpha, beta: beta)
    }
}

/// The calling thread's floating-point mode for training.
public enum FloatingPoint {
    /// Flushes subnormal numbers to zero on this thread (x86 FTZ/DAZ, arm64 FZ). Optimizer
    /// state that decays geometrically drifts into the subnormal range, where arithmetic is
    /// about 100x slower: RMSprop's epochs went from 0.9 s to 0.48 s. Values that small are far
    /// below any eps the optimizers add, so training is unchanged in all but bit-level detail.
    public static func flushSubnormalsToZero() { mk_flush_subnormals() }
}

/// Process-wide OpenBLAS settings, and its product for the CPU backend.
public enum BLAS {
    /// OpenBLAS starts with a thread per core; mlplab's default is one. It is applied before
    /// the first product unless `setThreads` came first, so a test or a library user gets the
    /// same bits as the CLI's default (threads change how a product is split, and so its bits).
    private static let defaultThreads: Void = openblas_set_num_threads(1)

    /// Sets OpenBLAS's thread count (process-wide). One per worker is the measured sweet spot
    /// for our shapes. Call it before training starts: OpenBLAS does not expect it while a
    /// product runs. oneDNN's count is per thread, from the backend's `threads`.
    public static func setThreads(_ n: Int) {
        _ = defaultThreads
        openblas_set_num_threads(Int32(max(1, n)))
    }

    /// C = alpha · op(A) · op(B) + beta · C on raw row-major matrices with explicit leading
    /// dimensions, through OpenBLAS `sgemm`.
    @inline(__always)
    static func gemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                     alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
                     beta: Float = 0, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        _ = defaultThreads
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
