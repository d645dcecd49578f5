import Locking
import Wire

/// What the service knows about running runs that SQLite does not hold: where each is inside
/// its epoch, and which were asked to stop. Shared by the REST handlers and the workers.
public final class LiveRuns: Sendable {
    private let progress = Lock<[Int64: Progress]>([:])
    private let stopping = Lock<Set<Int64>>([])

    public init() {}

    public func progress(of runID: Int64) -> Progress? { progress.withLock { $0[runID] } }
    func setProgress(_ p: Progress?, for runID: Int64) { progress.withLock { $0[runID] = p } }

    /// Marks a run to stop at its next batch.
    func requestStop(_ runID: Int64) { _ = stopping.withLock { $0.insert(runID) } }
    func shouldStop(_ runID: Int64) -> Bool { stopping.withLock { $0.contains(runID) } }
    func clear(_ runID: Int64) {
        _ = stopping.withLock { $0.remove(runID) }
        setProgress(nil, for: runID)
    }
}
