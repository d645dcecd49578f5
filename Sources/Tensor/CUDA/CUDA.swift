import CCUDA
import Foundation

/// One NVIDIA GPU the driver reports.
public struct GPUInfo: Sendable, Equatable {
    public let index: Int
    public let name: String
    public let memoryMB: Int
    /// Compute capability, e.g. (9, 0) for Hopper.
    public let capability: (major: Int, minor: Int)

    public static func == (a: GPUInfo, b: GPUInfo) -> Bool {
        (a.index, a.name, a.memoryMB, a.capability.major, a.capability.minor)
            == (b.index, b.name, b.memoryMB, b.capability.major, b.capability.minor)
    }
}

/// What this process found of CUDA, probed once: the GPUs, or why none can be used.
///
/// ```swift
/// switch CUDA.status {
/// case .available(let gpus): print(gpus.map(\.name))
/// case .unavailable(let reason): print("no GPU:", reason)   // "libcuda.so.1: not found"
/// }
/// ```
public enum CUDA {
    public enum Status: Sendable, Equatable {
        case available([GPUInfo])
        case unavailable(String)
    }

    /// The probe's answer (libraries opened, `cuInit`, devices listed), computed on first use.
    public static let status: Status = {
        do throws(CUDAError) {
            let api = try driver.get()
            _ = try cublas.get()
            _ = try nvrtc.get()
            return .available(try devices(api))
        } catch { return .unavailable(error.description) }
    }()

    /// The GPUs, or an empty list.
    public static var gpus: [GPUInfo] { if case .available(let g) = status { g } else { [] } }

    /// Why `device` cannot run here, or nil when it can.
    public static func unavailability(index: Int) -> String? {
        switch status {
        case .unavailable(let reason): "no CUDA device (\(reason))"
        case .available(let gpus) where index >= gpus.count:
            "no CUDA device \(index) (\(gpus.count) found: \(gpus.map(\.name).joined(separator: ", ")))"
        case .available: nil
        }
    }

    /// The driver's functions, `cuInit` done.
    static let driver: Result<ccuda_api, CUDAError> = Result { () throws(CUDAError) -> ccuda_api in
        var api = ccuda_api()
        try CUDALibraries.load(CCUDA_DRIVER, into: &api)
        try check(api.cuInit(0), "cuInit", api)
        return api
    }
    /// The driver's functions with cuBLAS's added.
    static let cublas: Result<ccuda_api, CUDAError> = driver.flatMap { base in
        Result { () throws(CUDAError) -> ccuda_api in
            var api = base
            try CUDALibraries.load(CCUDA_CUBLAS, into: &api)
            return api
        }
    }
    /// NVRTC's functions alone: compiling needs no GPU and no driver.
    static let nvrtc: Result<ccuda_api, CUDAError> = Result { () throws(CUDAError) -> ccuda_api in
        var api = ccuda_api()
        try CUDALibraries.load(CCUDA_NVRTC, into: &api)
        return api
    }

    private static func devices(_ api: ccuda_api) throws(CUDAError) -> [GPUInfo] {
        var count: Int32 = 0
        try check(api.cuDeviceGetCount(&count), "cuDeviceGetCount", api)
        guard count > 0 else { throw .noDevice("the driver reports no CUDA device") }
        return try (0..<Int(count)).map { (i) throws(CUDAError) -> GPUInfo in
            var device: cu_device = 0, bytes = 0, major: Int32 = 0, minor: Int32 = 0
            var name = [CChar](repeating: 0, count: 256)
            try check(api.cuDeviceGet(&device, Int32(i)), "cuDeviceGet", api)
            try check(api.cuDeviceGetName(&name, Int32(name.count), device), "cuDeviceGetName", api)
            try check(api.cuDeviceTotalMem(&bytes, device), "cuDeviceTotalMem", api)
            try check(api.cuDeviceGetAttribute(&major, 75, device), "cuDeviceGetAttribute", api)   // ..._MAJOR
            try check(api.cuDeviceGetAttribute(&minor, 76, device), "cuDeviceGetAttribute", api)   // ..._MINOR
            return GPUInfo(index: i, name: String(nulTerminated: name), memoryMB: bytes >> 20,
                           capability: (Int(major), Int(minor)))
        }
    }

    /// Throws `.call` with the driver's message when `result` is not success.
    static func check(_ result: cu_result, _ function: String, _ api: ccuda_api) throws(CUDAError) {
        guard result != 0 else { return }
        var message: UnsafePointer<CChar>?
        if let describe = api.cuGetErrorString { _ = describe(result, &message) }
        throw .call(function, message.map { String(cString: $0) } ?? "error \(result)")
    }

    /// Why NVRTC (the run-time compiler, no GPU needed) cannot be used here, or nil.
    public static var compilerUnavailable: String? {
        if case .failure(let error) = nvrtc { error.description } else { nil }
    }

    /// The kernels' CUDA C source (Sources/CCUDA/kernels.cu).
    public static var kernelSource: String { String(cString: ccuda_kernel_source()) }

    /// Compiles `source` to PTX for `architecture` (`compute_90`) with NVRTC; no GPU needed.
    /// - Throws: `.library` when NVRTC is missing, `.compile` with NVRTC's log on an error.
    public static func ptx(_ source: String = kernelSource, architecture: String) throws(CUDAError) -> String {
        let api = try nvrtc.get()
        var program: nvrtc_program?
        guard api.nvrtcCreateProgram(&program, source, "kernels.cu", 0, nil, nil) == 0, let program else {
            throw .call("nvrtcCreateProgram", "could not create the program")
        }
        defer { var p: nvrtc_program? = program; _ = api.nvrtcDestroyProgram(&p) }
        let options = ["--gpu-architecture=\(architecture)", "--std=c++14"]
        let compiled = withCStrings(options) { api.nvrtcCompileProgram(program, Int32(options.count), $0) }
        guard compiled == 0 else {
            var size = 0
            _ = api.nvrtcGetProgramLogSize(program, &size)
            var log = [CChar](repeating: 0, count: max(size, 1))
            _ = api.nvrtcGetProgramLog(program, &log)
            throw .compile(String(nulTerminated: log))
        }
        var size = 0
        _ = api.nvrtcGetPTXSize(program, &size)
        var text = [CChar](repeating: 0, count: max(size, 1))
        _ = api.nvrtcGetPTX(program, &text)
        return String(nulTerminated: text)
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { UnsafePointer<CChar>($0) }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

extension String {
    /// The text of a C buffer up to its first NUL.
    init(nulTerminated chars: [CChar]) {
        self.init(decoding: chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
