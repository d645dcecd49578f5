import CCUDA
import Foundation

/// The GPU backend: the kernel seam on one NVIDIA GPU. Matrix products on cuBLAS; every other
/// operation a kernel of Sources/CCUDA/kernels.cu, compiled by NVRTC once per process for the
/// device's compute capability. Tensors live in CUDA managed memory, so host code (data
/// loading, metrics) reads and writes them through `Tensor.data` after `synchronize()`, which
/// `Tensor.data` does; kernels queue on one stream and never wait.
///
/// ```swift
/// let gpu = try CUDABackend(index: 0)
/// Engine.$current.withValue(gpu) { /* tensors made here live on GPU 0 */ }
/// ```
/// Reductions have a fixed order (no atomics): a rerun on the same GPU gives the same bits.
public final class CUDABackend: Backend, @unchecked Sendable {
    public let index: Int
    public let gpu: GPUInfo
    public var device: Device { .cuda }
    public var threads: Int { 1 }
    public var name: String { "cuda:\(index)/cublas" }
    let api: ccuda_api
    /// `api` at a fixed address, for the C helpers.
    private let apiPointer: UnsafeMutablePointer<ccuda_api>
    private let context: cu_context
    private let stream: cu_stream
    private let blas: cublas_handle
    private let functions: [String: cu_function]
    /// A launch's arguments, 8 bytes each, and the pointers to them CUDA takes: reused by every
    /// launch (a backend belongs to one thread), so launching allocates nothing.
    private let slots = UnsafeMutableRawPointer.allocate(byteCount: 8 * 16, alignment: 8)
    private let params = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: 16)
    /// Per-block sums of squares (`sumOfSquares`), grown on demand.
    lazy var partialSums = Tensor(zeros: [0])
    /// Labels and per-row losses of the loss kernels (managed, grown on demand).
    private var labels: UnsafeMutablePointer<Int32>?, rowLoss: UnsafeMutablePointer<Float>?, lossCapacity = 0

    /// Binds GPU `index`: its primary context, a stream, cuBLAS, and the kernels compiled for it.
    /// - Throws: `CUDAError` when CUDA or the device is missing, or a call fails.
    public init(index: Int) throws(CUDAError) {
        let api = try CUDA.cublas.get()
        if let reason = CUDA.unavailability(index: index) { throw .noDevice(reason) }
        let gpu = CUDA.gpus[index]
        var device: cu_device = 0, context: cu_context?, stream: cu_stream?, blas: cublas_handle?
        try CUDA.check(api.cuDeviceGet(&device, Int32(index)), "cuDeviceGet", api)
        try CUDA.check(api.cuDevicePrimaryCtxRetain(&context, device), "cuDevicePrimaryCtxRetain", api)
        try CUDA.check(api.cuCtxSetCurrent(context), "cuCtxSetCurrent", api)
        try CUDA.check(api.cuStreamCreate(&stream, 1), "cuStreamCreate", api)          // non-blocking
        guard api.cublasCreate(&blas) == 0, let blas, let context, let stream else {
            throw .call("cublasCreate", "cuBLAS could not start on GPU \(index)")
        }
        _ = api.cublasSetStream(blas, stream)
        let module = try Self.module(api, architecture: "compute_\(gpu.capability.major)\(gpu.capability.minor)")
        var functions: [String: cu_function] = [:]
        for name in CUDA.kernelNames {
            var f: cu_function?
            try CUDA.check(api.cuModuleGetFunction(&f, module, name), "cuModuleGetFunction(\(name))", api)
            functions[name] = f
        }
        (self.index, self.gpu, self.api, self.context, self.stream, self.blas, self.functions) =
            (index, gpu, api, context, stream, blas, functions)
        apiPointer = .allocate(capacity: 1)
        apiPointer.initialize(to: api)
    }

    deinit {
        slots.deallocate()
        params.deallocate()
        apiPointer.deallocate()
    }

    public func withThreads(_ n: Int) -> Backend { self }

    /// One backend per GPU per thread: a worker thread keeps its GPU's stream and buffers.
    public static func shared(index: Int) throws(CUDAError) -> CUDABackend {
        let key = "mlplab.cuda.\(index)"
        if let backend = Thread.current.threadDictionary[key] as? CUDABackend { return backend }
        let backend = try CUDABackend(index: index)
        Thread.current.threadDictionary[key] = backend
        return backend
    }

    /// PTX per architecture, compiled once per process.
    nonisolated(unsafe) private static var modules: [String: cu_module] = [:]
    private static let lock = NSLock()
    private static func module(_ api: ccuda_api, architecture: String) throws(CUDAError) -> cu_module {
        lock.lock(); defer { lock.unlock() }
        if let module = modules[architecture] { return module }
        let ptx = try CUDA.ptx(architecture: architecture)
        var module: cu_module?
        try CUDA.check(ptx.withCString { api.cuModuleLoadData(&module, $0) }, "cuModuleLoadData", api)
        modules[architecture] = module
        return module!
    }

    // MARK: - Storage
    public func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
        bind()
        var address: cu_deviceptr = 0
        let result = api.cuMemAllocManaged(&address, count * MemoryLayout<Float>.stride, 1)   // CU_MEM_ATTACH_GLOBAL
        guard result == 0, let p = UnsafeMutablePointer<Float>(bitPattern: UInt(address)) else {
            fatalError("GPU \(index): out of memory allocating \(count * 4) bytes (\(describe(result)))")
        }
        launch("fill", count, .pointer(p), .float(0), .count(count))
        return p
    }
    public func deallocate(_ p: UnsafeMutablePointer<Float>) {
        synchronize()
        _ = api.cuMemFree(cu_deviceptr(UInt(bitPattern: p)))
    }
    public func synchronize() {
        bind()
        let result = api.cuStreamSynchronize(stream)
        precondition(result == 0, "GPU \(index): \(describe(result))")
    }

    // MARK: - Launching
    /// A kernel argument as the kernel declares it (pointers and u64 are 8 bytes, int and float 4).
    enum Argument {
        case pointer(UnsafeMutableRawPointer?)
        case count(Int)
        case int(Int32)
        case float(Float)
    }

    /// Makes this backend's context current on the calling thread (a worker's, usually).
    private func bind() { _ = api.cuCtxSetCurrent(context) }

    /// Launches `name` over `n` elements (grid-stride), or with `rowBlocks` one block per row.
    func launch(_ name: String, _ n: Int, rowBlocks: Bool = false, _ arguments: Argument...) {
        launch(name, n, rowBlocks: rowBlocks, arguments: arguments)
    }
    func launch(_ name: String, _ n: Int, rowBlocks: Bool = false, arguments: [Argument]) {
        guard n > 0 else { return }
        precondition(arguments.count <= 16, "launch: \(name) has more than 16 arguments")
        bind()
        for (i, argument) in arguments.enumerated() {
            let slot = slots + 8 * i
            switch argument {
            case .pointer(let p): slot.storeBytes(of: p, as: UnsafeMutableRawPointer?.self)
            case .count(let c): slot.storeBytes(of: UInt64(c), as: UInt64.self)
            case .int(let v): slot.storeBytes(of: v, as: Int32.self)
            case .float(let v): slot.storeBytes(of: v, as: Float.self)
            }
            params[i] = slot
        }
        let blocks = rowBlocks ? min(n, 65_535) : min((n + 255) / 256, 8_192)
        let result = ccuda_launch(apiPointer, functions[name]!, UInt32(blocks), 256, stream, params)
        precondition(result == 0, "GPU \(index): launching \(name): \(describe(result))")
    }

    /// Loss kernels' host-side inputs and outputs, grown to `rows`.
    func lossBuffers(rows: Int) -> (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Float>) {
        if rows > lossCapacity {
            synchronize()
            for p in [UnsafeMutableRawPointer(labels), UnsafeMutableRawPointer(rowLoss)] {
                if let p { _ = api.cuMemFree(cu_deviceptr(UInt(bitPattern: p))) }
            }
            var a: cu_deviceptr = 0, b: cu_deviceptr = 0
            precondition(api.cuMemAllocManaged(&a, rows * 4, 1) == 0 && api.cuMemAllocManaged(&b, rows * 4, 1) == 0,
                         "GPU \(index): out of memory for the loss buffers")
            (labels, rowLoss, lossCapacity) = (.init(bitPattern: UInt(a))!, .init(bitPattern: UInt(b))!, rows)
        }
        return (labels!, rowLoss!)
    }

    private func describe(_ result: cu_result) -> String {
        var message: UnsafePointer<CChar>?
        _ = api.cuGetErrorString(result, &message)
        return message.map { String(cString: $0) } ?? "CUDA error \(result)"
    }

    /// cuBLAS, column-major: a row-major C = op(A)·op(B) is the column-major Cᵀ = op(B)ᵀ·op(A)ᵀ.
    public func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                     _ a: Tensor, lda: Int, _ b: Tensor, ldb: Int, beta: Float, _ c: Tensor, ldc: Int) {
        guard m > 0, n > 0 else { return }
        bind()
        let result = ccuda_sgemm(apiPointer, blas, transposeB ? 1 : 0, transposeA ? 1 : 0, Int32(n), Int32(m), Int32(k),
                                 alpha, b.storage, Int32(ldb), a.storage, Int32(lda), beta, c.storage, Int32(ldc))
        precondition(result == 0, "GPU \(index): cublasSgemm returned \(result)")
    }
}
