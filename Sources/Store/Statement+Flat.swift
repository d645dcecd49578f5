import CSQLite
import Wire

/// Flat records (`EpochRow`) in and out of SQL by column name, so a table's code follows its
/// row type: a field added to the type is a column written and read with no edit here.
extension FlatValue: SQLBindable {
    func bind(to statement: Statement, at index: Int32) throws {
        switch self {
        case .null: try statement.bindNull(at: index)
        case let .integer(n): try statement.bind(n, at: index)
        case let .real(x): try statement.bind(x, at: index)
        case let .text(s): try statement.bind(s, at: index)
        }
    }
}

extension Statement {
    /// The value of column `index` of the current row, as SQLite typed it.
    func flatValue(_ index: Int32) -> FlatValue {
        switch columnType(index) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .integer(int64(index))
        case SQLITE_FLOAT: .real(double(index))
        default: .text(text(index))
        }
    }

    /// Column name → index of this statement's result columns.
    var columnIndexes: [String: Int32] {
        Dictionary((0..<columnCount).map { (columnName($0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Decodes the current row as `T`, each key read from the column of its name.
    func decodeRow<T: Decodable>(_ type: T.Type, columns: [String: Int32]) throws -> T {
        try FlatDecoder.decode(T.self) { key in columns[key].map { self.flatValue($0) } }
    }
}
