import CKernels
import Foundation

/// Chooses the backend tensors are created on: the best this machine runs, unless
/// `MLPLAB_ENGINE` names another (`reference`, `baseline`, `avx2`, `avx512`, or a full name
/// such as `cpu/openblas/avx2`). Instruction sets are checked once, at start.
///
/// A run, or a test, binds a backend for everything it builds:
/// ```swift
/// let backend = try Engine.backend(named: "reference")
/// Engine.$current.withValue(backend) { /* tensors, layers, optimizers made here use it */ }
/// print(Engine.current.name)           // "cpu/onednn/avx512" on the lab machine
/// ```
public enum Engine {
    /// The backend new tensors belong to: bound per task or thread with `$current.withValue`,
    /// else `standard`.
    @TaskLocal public static var current: Backend = standard

    /// The process's default: `MLPLAB_ENGINE` when set (a wrong name stops the process with a
    /// message naming the choices), else the fastest backend this CPU runs, on one thread.
    public static let standard: Backend = {
        guard let name = ProcessInfo.processInfo.environment["MLPLAB_ENGINE"], !name.isEmpty else { return best() }
        do { return try backend(named: name) } catch { fatalError("MLPLAB_ENGINE: \(error)") }
    }()

    /// The fastest backend this machine runs.
    public static func best(threads: Int = 1) -> Backend {
        CPUBackend(products: .onednn, isa: CPUBackend.ISA.best, threads: threads)
    }

    /// The backend with this name: `reference` (portable kernels and OpenBLAS), `best`, an
    /// instruction set (`baseline`, `avx2`, `avx512`, with the default products),
    /// `cpu/<onednn|openblas>/<isa>`, or a GPU: `cuda` (GPU 0), `cuda:N`.
    /// - Throws: `EngineError.unknown` for another name, `.unsupported` for an instruction
    ///   set this CPU lacks.
    public static func backend(named name: String, threads: Int = 1) throws(EngineError) -> Backend {
        if let index = GPUIndex(name) {
            do { return try CUDABackend.shared(index: index) } catch { throw .gpu(name, error.description) }
        }
        var parts = name.lowercased().split(separator: "/").map(String.init)
        switch parts.count {
        case 1 where parts[0] == "reference": return CPUBackend.reference(threads: threads)
        case 1 where parts[0] == "best": return best(threads: threads)
        case 1: parts = ["cpu", CPUBackend.Products.onednn.rawValue, parts[0]]
        case 3: break
        default: throw .unknown(name)
        }
        guard parts[0] == "cpu", let products = CPUBackend.Products(rawValue: parts[1]),
              let isa = CPUBackend.ISA(rawValue: parts[2]) else { throw .unknown(name) }
        guard isa.isSupported else { throw .unsupported(name) }
        return CPUBackend(products: products, isa: isa, threads: threads)
    }

    /// Every backend this machine runs, the reference first: what the tests force in turn
    /// (with a usable GPU, `cuda:N/cublas` too).
    public static var available: [Backend] {
        [CPUBackend.reference()] + CPUBackend.ISA.allCases.filter(\.isSupported).map {
            CPUBackend(products: .onednn, isa: $0, threads: 1)
        } + CUDA.gpus.compactMap { try? CUDABackend.shared(index: $0.index) }
    }
}

/// `cuda` → 0, `cuda:N` → N; nil for any other name.
private func GPUIndex(_ name: String) -> Int? {
    var lower = name.lowercased()
    if lower.hasSuffix("/cublas") { lower.removeLast("/cublas".count) }
    if lower == "cuda" { return 0 }
    guard lower.hasPrefix("cuda:"), let n = Int(lower.dropFirst(5)), n >= 0 else { return nil }
    return n
}

/// A backend name that is not one, or names an instruction set this CPU lacks.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    case unknown(String)
    case unsupported(String)
    /// A GPU engine (`cuda`, `cuda:N`) that cannot start here, and why.
    case gpu(String, String)

    public var description: String {
        switch self {
        case .unknown(let name):
            "unknown engine \"\(name)\" (reference, best, baseline, avx2, avx512, cpu/<onednn|openblas>/<isa>, or cuda[:N])"
        case .unsupported(let name): "engine \"\(name)\" needs an instruction set this CPU lacks"
        case .gpu(let name, let reason): "engine \"\(name)\": \(reason)"
        }
    }
}
