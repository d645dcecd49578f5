import Locking
import Store
import Wire

/// Encoded GET /api/runs/{id} bodies, reused while the run's row and live progress are
/// unchanged. A dashboard polls the same runs every second or two and JSON encoding was half
/// of such a request's time; the row read stays, so a change is never missed.
final class ResponseCache: Sendable {
    /// A class, so that a lookup under the lock retains one reference, not each of the row's strings.
    private final class Entry: Sendable {
        let run: RunRecord
        let progress: Progress?
        let body: [UInt8]
        init(run: RunRecord, progress: Progress?, body: [UInt8]) { (self.run, self.progress, self.body) = (run, progress, body) }
    }

    private let entries = Lock<[Int64: Entry]>([:])
    static let capacity = 1024

    /// The cached body for exactly this row and progress, if any.
    func body(for run: RunRecord, progress: Progress?) -> [UInt8]? {
        // Only the lookup holds the lock (the comparison runs outside): under load, time spent
        // holding it is what the other connections wait for.
        guard let entry = entries.withLock({ $0[run.id] }), entry.run == run, entry.progress == progress else { return nil }
        return entry.body
    }

    func store(_ body: [UInt8], for run: RunRecord, progress: Progress?) {
        entries.withLock {
            if $0.count >= Self.capacity { $0.removeAll(keepingCapacity: true) }
            $0[run.id] = Entry(run: run, progress: progress, body: body)
        }
    }

    func remove(id: Int64) { _ = entries.withLock { $0.removeValue(forKey: id) } }
}
