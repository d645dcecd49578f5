import CSQLite

/// Every error the Store throws: one type, so the API layer maps storage failures to HTTP
/// statuses in one place (GRDB's `DatabaseError` is the model).
public enum StoreError: Error, Equatable, Sendable {
    /// SQLite refused an operation. `code` is the extended result code (e.g. 275 is
    /// SQLITE_CONSTRAINT_CHECK) and `message` is `sqlite3_errmsg` at the time.
    case sqlite(code: Int32, message: String)
    /// No row of that kind has that id (the API's 404).
    case notFound(kind: String, id: Int64)
    /// The operation does not fit the row's state, e.g. deleting a running run (the API's 409).
    case conflict(String)
    /// The schema cannot be brought up to date: a bad migrations directory, a failing script,
    /// or a database written by a newer version of mlplab.
    case migration(String)
    /// A pagination cursor that this store did not hand out, or that belongs to another sort
    /// (the API's 400).
    case invalidCursor(String)
    /// A JSON column could not be encoded or decoded.
    case encoding(String)
    /// The disk holding the database (or its quota) is full (`SQLITE_FULL`): the write that
    /// hit it was rolled back whole and everything committed before it is intact (the API's 507).
    case diskFull(String)
    /// The database file cannot be used at start: not an SQLite file, truncated, read-only, from
    /// a newer mlplab, locked by another process. `path` names the file, `problem` says what is
    /// wrong in one line; the file was left as it was.
    case unusable(path: String, problem: String)

    /// The primary result code (the low byte of the extended code), e.g. `SQLITE_BUSY`.
    public var sqliteCode: Int32? {
        if case .sqlite(let code, _) = self { return code & 0xff }
        return nil
    }
}

extension StoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .sqlite(let code, let message): "SQLite error \(code): \(message)"
        case .notFound(let kind, let id): "no \(kind) with id \(id)"
        case .conflict(let message): "conflict: \(message)"
        case .migration(let message): "migration: \(message)"
        case .invalidCursor(let message): "invalid cursor: \(message)"
        case .encoding(let message): "JSON column: \(message)"
        case .diskFull(let message): "the disk is full: \(message)"
        case .unusable(let path, let problem): "cannot use the database \(path): \(problem)"
        }
    }
}

extension StoreError {
    /// The error SQLite recorded on `db` for the call that just returned `code`.
    static func sqlite(_ code: Int32, _ db: OpaquePointer?) -> StoreError {
        let extended = db.map { sqlite3_extended_errcode($0) } ?? code
        let message = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        return .sqlite(code: extended, message: message).typed
    }

    /// `SQLITE_FULL` as `.diskFull`, so callers match one case whichever call hit the full disk;
    /// every other error unchanged.
    var typed: StoreError {
        if case .sqlite(let code, let message) = self, code & 0xff == SQLITE_FULL { return .diskFull(message) }
        return self
    }
}
