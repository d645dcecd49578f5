import CSQLite

/// SQLite's "copy the bytes before returning" destructor. The C macro `SQLITE_TRANSIENT` is a
/// cast of -1 that Swift does not import, so we make the same cast.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A value that can fill a `?` parameter. Conformers bind themselves by calling one of
/// `Statement`'s typed `bind` methods, so values always reach SQLite as parameters, never as
/// SQL text.
protocol SQLBindable {
    func bind(to statement: Statement, at index: Int32) throws
}

/// One prepared SQL statement on one connection.
///
/// The statement is finalized in `deinit`: keep it a local so it dies at the end of the call.
/// A statement left alive keeps its read transaction open, and a writer elsewhere then sees
/// `SQLITE_LOCKED`/`SQLITE_BUSY` or a WAL that cannot checkpoint.
///
/// ```swift
/// let st = try db.prepare("SELECT name FROM runs WHERE id = ?")
/// try st.bind(7, at: 1)
/// while try st.step() { print(st.text(0)) }
/// ```
final class Statement {
    private let handle: OpaquePointer
    private let db: OpaquePointer

    /// Compiles `sql`, which must hold exactly one statement.
    /// - Throws: `StoreError.sqlite` for a syntax error or an unknown table or column.
    init(db: OpaquePointer, sql: String) throws {
        var handle: OpaquePointer?
        let rc = sqlite3_prepare_v2(db, sql, -1, &handle, nil)
        guard rc == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw StoreError.sqlite(rc, db)
        }
        self.handle = handle
        self.db = db
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: - Binding (indexes start at 1, as in SQLite)

    func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds a double; NaN becomes NULL, since SQL has no NaN and NULL reads back as "no value".
    func bind(_ value: Double, at index: Int32) throws {
        if value.isNaN { return try bindNull(at: index) }
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds UTF-8 text by byte length, so embedded NUL characters survive.
    func bind(_ value: String, at index: Int32) throws {
        let length = Int32(value.utf8.count)
        try value.withCString { try check(sqlite3_bind_text(handle, index, $0, length, sqliteTransient)) }
    }

    func bind(_ value: [UInt8], at index: Int32) throws {
        if value.isEmpty { return try check(sqlite3_bind_zeroblob(handle, index, 0)) }
        try value.withUnsafeBytes {
            try check(sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), sqliteTransient))
        }
    }

    func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(handle, index))
    }

    /// Binds `values` to parameters 1, 2, …; a `nil` binds NULL.
    func bind(_ values: [(any SQLBindable)?]) throws {
        precondition(values.count == Int(sqlite3_bind_parameter_count(handle)),
                     "Statement: \(values.count) values for \(sqlite3_bind_parameter_count(handle)) parameters")
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            if let value { try value.bind(to: self, at: index) } else { try bindNull(at: index) }
        }
    }

    // MARK: - Running

    /// Advances to the next row.
    /// - Returns: `true` when a row is ready to read, `false` when the statement is done.
    /// - Throws: `StoreError.sqlite`, e.g. a constraint violation or `SQLITE_BUSY` after the
    ///   connection's busy timeout.
    @discardableResult
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let rc: throw StoreError.sqlite(rc, db)
        }
    }

    /// Rewinds the statement and clears its bindings so it can run again.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: - Reading the current row (indexes start at 0, as in SQLite)

    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }
    func columnType(_ index: Int32) -> Int32 { sqlite3_column_type(handle, index) }
    var columnCount: Int32 { sqlite3_column_count(handle) }
    func columnName(_ index: Int32) -> String { sqlite3_column_name(handle, index).map { String(cString: $0) } ?? "" }

    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }
    func int(_ index: Int32) -> Int { Int(sqlite3_column_int64(handle, index)) }
    func double(_ index: Int32) -> Double { sqlite3_column_double(handle, index) }

    func text(_ index: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func blob(_ index: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let bytes = sqlite3_column_blob(handle, index) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The column's value, or `nil` when it is NULL.
    func int64OrNil(_ index: Int32) -> Int64? { isNull(index) ? nil : int64(index) }
    func intOrNil(_ index: Int32) -> Int? { isNull(index) ? nil : int(index) }
    func doubleOrNil(_ index: Int32) -> Double? { isNull(index) ? nil : double(index) }
    func textOrNil(_ index: Int32) -> String? { isNull(index) ? nil : text(index) }
    func blobOrNil(_ index: Int32) -> [UInt8]? { isNull(index) ? nil : blob(index) }

    private func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw StoreError.sqlite(rc, db) }
    }
}

extension Int64: SQLBindable {
    func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Int: SQLBindable {
    func bind(to statement: Statement, at index: Int32) throws { try statement.bind(Int64(self), at: index) }
}
extension Bool: SQLBindable {
    func bind(to statement: Statement, at index: Int32) throws { try statement.bind(Int64(self ? 1 : 0), at: index) }
}
extension Double: SQLBindable {
    func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension String: SQLBindable {
    func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
extension Array: SQLBindable where Element == UInt8 {
    func bind(to statement: Statement, at index: Int32) throws { try statement.bind(self, at: index) }
}
