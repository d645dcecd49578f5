import Locking

/// A `Database` that one thread at a time may use: the connection sits behind a `Lock`, so
/// it never runs two statements or transactions at once, and it can be shared as `Sendable`
/// without marking anything `@unchecked`.
final class Connection: Sendable {
    private let database: Lock<Database>

    init(_ database: sending Database) {
        self.database = Lock(database)
    }

    /// Runs `body` with the connection, waiting while another thread has it.
    func use<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        try database.withLock { db throws -> T in try body(db) }
    }

    /// Runs `body` only if the connection is free right now.
    /// - Returns: nil when another thread has the connection; otherwise `body`'s result.
    func useIfAvailable<T: Sendable>(_ body: (Database) throws -> T) throws -> T? {
        try database.withLockIfAvailable { db throws -> T in try body(db) }
    }
}
