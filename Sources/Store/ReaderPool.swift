import Synchronization

/// A few read-only connections for the API's GETs. In WAL mode each reads its own snapshot
/// while the writer commits, so a listing never waits for an epoch being written, and
/// several requests read at once.
final class ReaderPool: Sendable {
    private let connections: [Connection]
    /// Where the next read starts looking, so reads spread over the pool.
    private let next = Atomic<UInt>(0)

    /// Opens `count` read-only connections to `path`.
    /// - Throws: `StoreError.sqlite` when a connection cannot be opened.
    init(path: String, count: Int) throws {
        precondition(count >= 1, "ReaderPool: needs at least one connection")
        connections = try (0..<count).map { _ in Connection(try Database(path: path, readOnly: true)) }
    }

    /// Runs `body` on a free connection, or waits for one when all are busy.
    func read<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        let start = Int(next.wrappingAdd(1, ordering: .relaxed).oldValue % UInt(connections.count))
        for offset in 0..<connections.count {
            let connection = connections[(start + offset) % connections.count]
            if let result = try connection.useIfAvailable(body) { return result }
        }
        return try connections[start].use(body)
    }
}
