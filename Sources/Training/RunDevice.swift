import Tensor
import Wire

/// Where a run trains: `"cpu"` (the default), `"gpu"` (GPU 0) or `"gpu:N"`. GPU runs queue for
/// GPU workers only, and are refused (400 naming `device`) where no CUDA device is usable.
public enum RunDevice: Equatable, Sendable, Codable, CustomStringConvertible {
    case cpu
    case gpu(Int)

    /// Parses the spec's value; nil for anything else.
    public init?(rawValue: String) {
        switch rawValue {
        case "cpu": self = .cpu
        case "gpu": self = .gpu(0)
        default:
            guard rawValue.hasPrefix("gpu:"), let n = Int(rawValue.dropFirst(4)), n >= 0, n < 1024 else { return nil }
            self = .gpu(n)
        }
    }

    /// As written in the spec and stored on the run: "cpu", "gpu:0".
    public var rawValue: String {
        switch self {
        case .cpu: "cpu"
        case .gpu(let n): "gpu:\(n)"
        }
    }
    public var description: String { rawValue }
    public var isGPU: Bool { self != .cpu }

    /// The engine this device trains on: nil for the CPU (the process's choice), `cuda:N` for a GPU.
    var engineName: String? {
        switch self {
        case .cpu: nil
        case .gpu(let n): "cuda:\(n)"
        }
    }

    /// Why this device cannot train here, or nil.
    public var unavailability: String? {
        switch self {
        case .cpu: nil
        case .gpu(let n): CUDA.unavailability(index: n)
        }
    }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let device = RunDevice(rawValue: raw) else {
            throw SpecError(field: decoder.fieldPath,
                            "unknown value '\(raw)' (expected one of: cpu, gpu, gpu:N)")
        }
        self = device
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
