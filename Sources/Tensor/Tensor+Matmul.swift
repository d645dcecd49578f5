import CKernels
import CProducts

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

/// The libraries behind the CPU backend's products, loaded on the first product (not linked):
/// a service at rest or a CLI talking to one never maps them. OpenBLAS runs one thread, as does
/// oneDNN on each thread that calls it; `--threads` splits products itself (CPUBackend.gemm).
enum ProductLibraries {
    /// Loads libopenblas.so.0 and libdnnl.so.2 once; stops the process with the loader's reason
    /// when either is missing (scripts/setup installs both).
    static let loaded: Void = {
        var error = [CChar](repeating: 0, count: 512)
        if mkp_load(&error, error.count) != 0 {
            let reason = error.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            fatalError("mlplab: the matrix product libraries did not load: \(reason) (scripts/setup installs libopenblas0 and libdnnl2)")
        }
    }()

    /// C = alpha · op(A) · op(B) + beta · C on raw row-major matrices with explicit leading
    /// dimensions, through OpenBLAS `sgemm` (on the calling thread).
    @inline(__always)
    static func blas(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                     _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int, beta: Float,
                     _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        _ = loaded
        mkp_blas_sgemm(transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b,
                       Int32(ldb), beta, c, Int32(ldc))
    }

    /// The same through oneDNN `dnnl_sgemm`, with one OpenMP thread on the calling thread.
    @inline(__always)
    static func onednn(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                       _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int, beta: Float,
                       _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        _ = loaded
        mkp_use_omp_threads(1)
        mkp_dnnl_sgemm(transposeA ? 84 : 78, transposeB ? 84 : 78, Int64(m), Int64(n), Int64(k), alpha, a, Int64(lda),
                       b, Int64(ldb), beta, c, Int64(ldc))               // 'T' or 'N'; row-major
    }
}
