/// Where a tensor's storage lives. A backend computes on one device; a tensor is created on
/// its backend's device and every operation on it goes through that backend, so a GPU backend
/// is one more `Backend` (and one more case here) and no layer changes.
public enum Device: String, Sendable, Equatable {
    /// Host memory, read and written by the CPU backends.
    case cpu
    /// An NVIDIA GPU's managed memory (`CUDABackend`): host code reaches it after a synchronize.
    case cuda
}
