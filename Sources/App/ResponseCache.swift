import Store
import Synchronization

/// Encoded GET /api/runs/{id} bodies, reused while the run's row and live progress are
/// unchanged. A dashboard polls the same runs every second or two and JSON encoding was half
/// of such a request's time; the row read stays, so a change is never missed.
final class ResponseCache: Sendable {
    private struct Entry: Sendable {
        let run: RunRecord
        let progress: Progress?
        let body: [UInt8]
    }

    private let entries = Mutex<[Int64: Entry]>([:])
    static let capacity = 1024

    /// The cached body for exactly this row and progress, if any.
    func body(for run: RunRecord, progress: Progress?) -> [UInt8]? {
        entries.withLock { entries in
            guard let entry = entries[run.id], entry.run == run, entry.progress == progress else { return nil }
            return entry.body
        }
    }

    func store(_ body: [UInt8], for run: RunRecord, progress: Progress?) {
        entries.withLock {
            if $0.count >= Self.capacity { $0.removeAll(keepingCapacity: true) }
            $0[run.id] = Entry(run: run, progress: progress, body: body)
        }
    }

    func remove(id: Int64) { _ = entries.withLock { $0.removeValue(forKey: id) } }
}
