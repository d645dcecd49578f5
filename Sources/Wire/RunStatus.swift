/// Where a run is in its life: `queued` → `running` → `finished` / `failed` / `cancelled`.
/// A queued run may also be cancelled directly, and a run interrupted by a restart goes from
/// `running` back to `queued`. The raw values are the strings stored and served by the API.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case queued, running, finished, failed, cancelled
    /// Ended by its sweep's early-stopping rule; its epochs are kept.
    case stoppedEarly = "stopped_early"

    /// A run in a final state: it is neither waiting for nor using a worker.
    public var isFinal: Bool {
        switch self {
        case .finished, .failed, .cancelled, .stoppedEarly: true
        case .queued, .running: false
        }
    }
}
