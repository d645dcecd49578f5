import CCUDA
import Foundation

/// Finds and opens the CUDA driver, cuBLAS and NVRTC at run time (dlopen): nothing CUDA is
/// linked at build time. Each library is looked up by its file name through the dynamic
/// linker's own path (system folders, `LD_LIBRARY_PATH`), then in `CUDA_HOME`/`CUDA_PATH`
/// (`lib64`, `lib`), `/usr/local/cuda`, and the `nvidia/*/lib` folders that PyPI's CUDA wheels
/// install into Python's site-packages (a venv's, the user's, the system's).
///
/// ```swift
/// let api = try CUDALibraries.load()          // or the reason no GPU can be used
/// ```
enum CUDALibraries {
    /// The driver's and libraries' file names, newest first.
    static let names: [(ccuda_library, [String])] = [
        (CCUDA_DRIVER, ["libcuda.so.1"]),
        (CCUDA_CUBLAS, ["libcublas.so.13", "libcublas.so.12"]),
        (CCUDA_NVRTC, ["libnvrtc.so.13", "libnvrtc.so.12"]),
    ]

    /// Folders searched after the dynamic linker's own path.
    static var folders: [String] {
        let env = ProcessInfo.processInfo.environment, home = env["HOME"] ?? "/root"
        var folders: [String] = []
        for key in ["CUDA_HOME", "CUDA_PATH"] { if let root = env[key] { folders += ["\(root)/lib64", "\(root)/lib"] } }
        folders += ["/usr/local/cuda/lib64", "/usr/local/cuda/lib"]
        var prefixes = ["/usr/lib", "/usr/local/lib", "\(home)/.local/lib"]
        if let venv = env["VIRTUAL_ENV"] { prefixes.insert("\(venv)/lib", at: 0) }
        for prefix in prefixes {
            for packages in glob("\(prefix)/python3*/*-packages") { folders += glob("\(packages)/nvidia/*/lib") }
        }
        return folders
    }

    /// Opens one library into `api`: the first candidate that loads.
    /// - Returns: the path loaded.
    /// - Throws: `CUDAError.library` naming the file and the first candidate's error.
    @discardableResult
    static func load(_ library: ccuda_library, into api: inout ccuda_api) throws(CUDAError) -> String {
        let files = names.first { $0.0 == library }!.1
        var firstError: String?
        for path in files + folders.flatMap({ folder in files.map { "\(folder)/\($0)" } }) {
            if path.hasPrefix("/") && !FileManager.default.fileExists(atPath: path) { continue }
            var error = [CChar](repeating: 0, count: 512)
            if ccuda_load(&api, library, path, &error, error.count) == 0 { return path }
            if firstError == nil { firstError = String(nulTerminated: error) }
        }
        let reason = firstError.map { $0.contains("cannot open shared object") ? "not found" : $0 } ?? "not found"
        throw .library("\(files[0]): \(reason)")
    }

    private static func glob(_ pattern: String) -> [String] {
        var found = glob_t()
        defer { globfree(&found) }
        guard Glibc.glob(pattern, 0, nil, &found) == 0 else { return [] }
        return (0..<Int(found.gl_pathc)).compactMap { found.gl_pathv[$0].map { String(cString: $0) } }
    }
}

/// Why a GPU cannot be used, or a CUDA call that failed.
public enum CUDAError: Error, Equatable, CustomStringConvertible {
    /// A library could not be opened: "libcuda.so.1: not found".
    case library(String)
    /// The driver loaded but reports no device, or the asked index does not exist.
    case noDevice(String)
    /// A driver, cuBLAS or NVRTC call returned an error.
    case call(String, String)
    /// NVRTC rejected the kernel source: its log.
    case compile(String)

    public var description: String {
        switch self {
        case .library(let reason), .noDevice(let reason): reason
        case .call(let function, let reason): "\(function) failed: \(reason)"
        case .compile(let log): "NVRTC could not compile the kernels: \(log)"
        }
    }
}
