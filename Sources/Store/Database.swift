import CSQLite

/// One SQLite connection: a thin wrapper of our own rather than GRDB (measured here: a 54 s
/// release build, slower writes, Linux gaps).
///
/// A connection is not shared between threads at the same time; `RunStore` keeps each one
/// behind a `Lock`. It is opened in WAL mode so readers on other connections keep reading
/// while a writer commits, with a 5 s busy timeout so a brief lock waits instead of failing,
/// and with foreign keys on so deleting a run cascades to its epochs.
///
/// ```swift
/// let db = try Database(path: "mlplab.sqlite3")
/// try db.transaction {
///     try db.run("UPDATE runs SET note = ? WHERE id = ?", "hello", 7)
/// }
/// ```
final class Database {
    /// How a transaction takes its lock.
    enum TransactionKind: String {
        /// Takes the write lock at BEGIN, so two writers queue at the start (honouring the
        /// busy timeout) instead of one failing later with SQLITE_BUSY on upgrade.
        case immediate = "IMMEDIATE"
        /// Takes a read snapshot at the first read: several reads see one consistent state.
        case deferred = "DEFERRED"
    }

    let handle: OpaquePointer

    /// Opens (creating if needed) the database file at `path`.
    /// - Parameters:
    ///   - path: a file path; `":memory:"` gives a private in-memory database (no WAL).
    ///   - readOnly: refuse writes on this connection (`PRAGMA query_only`), for reader pools.
    ///   - busyTimeout: seconds to wait for a lock another connection holds.
    ///   - journal: switch a writable connection to WAL now (false: the caller calls `useWAL` later).
    /// - Throws: `StoreError.sqlite` when the file cannot be opened or is not a database.
    init(path: String, readOnly: Bool = false, busyTimeout: Double = 5, journal: Bool = true) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let error = StoreError.sqlite(rc, handle)
            sqlite3_close_v2(handle)
            throw error
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, Int32(busyTimeout * 1000))
        try execute("PRAGMA foreign_keys = ON")
        if readOnly {
            try execute("PRAGMA query_only = ON")
        } else if journal {
            try useWAL(path: path)
        }
    }

    /// Switches the file to WAL (a change to its header, so `RunStore` checks the file first).
    func useWAL(path: String) throws {
        // journal_mode answers with the mode it ended up in; an in-memory database stays "memory".
        let mode = try query("PRAGMA journal_mode = WAL") { $0.text(0) }.first ?? ""
        guard mode == "wal" || path == ":memory:" else {
            throw StoreError.sqlite(code: SQLITE_ERROR, message: "could not switch \(path) to WAL (got \(mode))")
        }
        // In WAL mode NORMAL still never corrupts; a power cut may lose the last commits.
        try execute("PRAGMA synchronous = NORMAL")
    }

    deinit {
        statements.removeAll()                  // finalize them before the handle closes
        sqlite3_close_v2(handle)
    }

    /// Statements of `run` and `query`, compiled once per connection and reused (SQLite's
    /// parser was a tenth of a GET's time). Reset after each use, so none holds a lock.
    private var statements: [String: Statement] = [:]

    /// The compiled statement for `sql`, from the cache when it has been seen before.
    private func cached(_ sql: String) throws -> Statement {
        if let statement = statements[sql] { return statement }
        let statement = try prepare(sql)
        if statements.count >= 64 { statements.removeAll() }     // dynamic SQL stays bounded
        statements[sql] = statement
        return statement
    }

    // MARK: - Running SQL

    /// Runs one or more statements that take no parameters (schema scripts, pragmas).
    /// Never pass text that came from a user: use `run` or `prepare` and bind it.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        guard rc == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(message)
            throw StoreError.sqlite(code: sqlite3_extended_errcode(handle), message: text).typed
        }
    }

    /// Compiles one statement for binding and stepping.
    func prepare(_ sql: String) throws -> Statement {
        try Statement(db: handle, sql: sql)
    }

    /// Runs one statement with `values` bound to its parameters and no rows expected.
    /// - Returns: the number of rows it inserted, updated or deleted.
    @discardableResult
    func run(_ sql: String, _ values: (any SQLBindable)?...) throws -> Int {
        try run(sql, bindings: values)
    }

    /// `run` with the values as an array, for SQL whose parameters are assembled at run time.
    @discardableResult
    func run(_ sql: String, bindings values: [(any SQLBindable)?]) throws -> Int {
        let statement = try cached(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() {}
        return Int(sqlite3_changes64(handle))
    }

    /// Runs one query and maps every row.
    func query<T>(_ sql: String, _ values: (any SQLBindable)?..., row: (Statement) throws -> T) throws -> [T] {
        try query(sql, bindings: values, row: row)
    }

    /// `query` with the values as an array, for SQL whose parameters are assembled at run time.
    func query<T>(_ sql: String, bindings values: [(any SQLBindable)?], row: (Statement) throws -> T) throws -> [T] {
        let statement = try cached(sql)
        defer { statement.reset() }
        try statement.bind(values)
        var rows: [T] = []
        while try statement.step() { rows.append(try row(statement)) }
        return rows
    }

    /// The rowid of the last successful INSERT on this connection.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    // MARK: - Transactions

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// Transactions do not nest; calling this inside another is a programmer error.
    func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        precondition(sqlite3_get_autocommit(handle) != 0, "Database.transaction: already in a transaction")
        try execute("BEGIN \(kind.rawValue)")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if sqlite3_get_autocommit(handle) == 0 { try? execute("ROLLBACK") }
            throw error
        }
    }
}
