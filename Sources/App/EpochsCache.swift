import Locking
import Server
import Store
import Wire

/// GET /api/runs/{id}/epochs as JSON, kept per run and extended as epochs land: a run of 10,000
/// epochs took a second to decode and encode whole, and a dashboard asks for it every few
/// seconds while the run trains. Within one attempt (`started_at`) a stored epoch never
/// changes, so only the rows after the last one encoded are read and encoded; a new attempt
/// (a restart retraining from epoch 1) starts over.
final class EpochsCache: Sendable {
    private struct Entry: Sendable {
        let attempt: String?
        var last: Int
        /// The encoded rows, comma-separated, without the surrounding brackets.
        var rows: [UInt8]
    }

    private let entries = Lock<[Int64: Entry]>([:])
    /// Bytes of encoded rows kept over all runs; past it the cache starts afresh.
    static let capacity = 64 << 20

    /// The JSON body of `Epochs` for `run`, reading from `store` only what is not cached.
    func body(for run: RunRecord, store: RunStore) throws -> [UInt8] {
        var entry = entries.withLock { $0[run.id] }.flatMap { $0.attempt == run.startedAt ? $0 : nil }
            ?? Entry(attempt: run.startedAt, last: 0, rows: [])
        let new = try store.epochs(runID: run.id, after: entry.last)
        if let last = new.last?.epoch {
            let encoded = try HTTPResponse.encodeJSON(new)          // "[{...},{...}]"
            if !entry.rows.isEmpty { entry.rows.append(UInt8(ascii: ",")) }
            entry.rows += encoded.dropFirst().dropLast()
            entry.last = last
            let kept = entry
            entries.withLock { entries in
                if entries.values.reduce(kept.rows.count, { $0 + $1.rows.count }) > Self.capacity { entries.removeAll() }
                if (entries[run.id]?.last ?? 0) < kept.last || entries[run.id]?.attempt != kept.attempt { entries[run.id] = kept }
            }
        }
        // The envelope is the wire type's own encoding with no rows, the rows go between its brackets.
        let empty = try HTTPResponse.encodeJSON(Epochs(runId: run.id, epochs: []))
        guard let open = Self.emptyArray(in: empty) else { preconditionFailure("Epochs no longer encodes \"epochs\":[]") }
        return Array(empty[...open]) + entry.rows + Array(empty[(open + 1)...])
    }

    func remove(id: Int64) { _ = entries.withLock { $0.removeValue(forKey: id) } }

    /// The index of the `[` of the `[]` that the empty row list encodes to.
    private static func emptyArray(in bytes: [UInt8]) -> Int? {
        let pattern = Array(#""epochs":[]"#.utf8)
        guard bytes.count >= pattern.count else { return nil }
        for i in 0...(bytes.count - pattern.count) where bytes[i..<i + pattern.count].elementsEqual(pattern) {
            return i + pattern.count - 2
        }
        return nil
    }
}
