import CKernels

/// The CPU backend: matrix products on oneDNN or OpenBLAS (chosen per call shape, see
/// `CPUBackend+Products.swift`), every other operation a C kernel compiled for AVX-512,
/// AVX2+FMA and the baseline, the set picked once per backend (`CKernels/dispatch.c`).
///
/// `reference()` is the portable one: baseline kernels and OpenBLAS only. Each backend is
/// deterministic: the same spec, seed and engine name give bit-identical results.
public final class CPUBackend: Backend {
    /// Who computes the matrix products.
    public enum Products: String, Sendable {
        /// oneDNN's `dnnl_sgemm` where it is faster, OpenBLAS elsewhere.
        case onednn
        /// OpenBLAS for every product.
        case openblas
    }

    /// The instruction set the C kernels were compiled for.
    public enum ISA: String, Sendable, CaseIterable {
        case baseline, avx2, avx512

        var code: mk_isa {
            switch self {
            case .baseline: MK_ISA_BASELINE
            case .avx2: MK_ISA_AVX2
            case .avx512: MK_ISA_AVX512
            }
        }
        /// Whether this CPU runs it (from CPUID, checked once).
        public var isSupported: Bool { mk_kernels_for(code) != nil }
        /// The best set this CPU runs.
        public static let best: ISA = allCases.last { $0.isSupported } ?? .baseline
    }

    public let products: Products
    public let isa: ISA
    public let threads: Int
    public var device: Device { .cpu }
    public var name: String { "cpu/\(products.rawValue)/\(isa.rawValue)" }
    /// The kernels of `isa`: a table of C function pointers, never written.
    nonisolated(unsafe) let k: mk_kernels
    /// Helper threads when `threads` > 1.
    let pool: WorkerPool?

    /// - Parameters:
    ///   - threads: threads for one run's products and large element-wise loops (1 for a worker).
    public init(products: Products, isa: ISA, threads: Int = 1) {
        precondition(threads >= 1, "CPUBackend: threads must be >= 1")
        guard let table = mk_kernels_for(isa.code) else { preconditionFailure("CPUBackend: this CPU lacks \(isa)") }
        (self.products, self.isa, self.threads, k) = (products, isa, threads, table.pointee)
        pool = threads > 1 ? WorkerPool(threads: threads) : nil
    }

    public func withThreads(_ n: Int) -> Backend {
        n == threads ? self : CPUBackend(products: products, isa: isa, threads: n)
    }

    /// Portable kernels and OpenBLAS products: `MLPLAB_ENGINE=reference`.
    public static func reference(threads: Int = 1) -> CPUBackend {
        CPUBackend(products: .openblas, isa: .baseline, threads: threads)
    }

    public func forEachChunk(_ count: Int, work: Int, _ body: (_ start: Int, _ end: Int) -> Void) {
        split(count, work: work, body)
    }

    /// Runs body over `count` items in `threads` contiguous chunks when the work is large enough
    /// to pay for waking a thread, else in one call. Chunks never split an item, so results are
    /// the same bits for any thread count.
    @inline(__always)
    func split(_ count: Int, work: Int, _ body: (_ start: Int, _ end: Int) -> Void) {
        guard let pool, work >= 1 << 16, count >= pool.parts else { body(0, count); return }
        let parts = pool.parts
        pool.run { i in body(count * i / parts, count * (i + 1) / parts) }
    }
}
