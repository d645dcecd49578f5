import Tensor

/// The engine's process-wide settings, for the service and the CLI (which depend on Training,
/// not on the engine's modules).
public enum Compute {
    /// Threads of one run's matrix products; the service keeps one per worker thread.
    /// Call it before training starts.
    public static func setThreads(_ n: Int) { BLAS.setThreads(n) }
}
