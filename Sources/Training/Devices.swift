import Tensor
import Wire

/// The devices this process trains on, as GET /api/health lists them: the CPU (with the engine
/// CPU runs use), then every usable GPU; and why no GPU is usable, when none is.
public enum Devices {
    public static var list: [DeviceInfo] {
        [DeviceInfo(type: "cpu", index: nil, name: "cpu", memoryMB: nil, detail: Engine.standard.name)]
            + CUDA.gpus.map {
                DeviceInfo(type: "cuda", index: $0.index, name: $0.name, memoryMB: $0.memoryMB,
                           detail: "\($0.capability.major).\($0.capability.minor)")
            }
    }

    /// Why no GPU can be used ("libcuda.so.1: not found"), or nil when one can.
    public static var gpuUnavailable: String? {
        if case .unavailable(let reason) = CUDA.status { reason } else { nil }
    }

    /// Visible GPUs: the default number of GPU workers.
    public static var gpuCount: Int { CUDA.gpus.count }
}
