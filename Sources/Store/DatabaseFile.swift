import CSQLite
import Glibc

/// The checks `RunStore` makes on an existing database file before anything writes to it, and
/// the one-line wording of what SQLite reports at open, so a bad file at start gives
/// `StoreError.unusable(path:problem:)` and is left exactly as it was.
///
/// A missing or empty file is fine (SQLite creates the database). A file that SQLite itself
/// rejects (`SQLITE_NOTADB`, `SQLITE_CORRUPT`, `SQLITE_BUSY` ...) is worded by `problem(for:)`.
///
/// ```swift
/// try DatabaseFile.check("mlplab.sqlite3")   // throws .unusable for a truncated file
/// ```
enum DatabaseFile {
    /// The 16 bytes every SQLite 3 database starts with.
    static let magic = Array("SQLite format 3\0".utf8)

    /// - Throws: `StoreError.unusable` when the file at `path` is not a regular file, is
    ///   read-only (or its folder is), is not an SQLite database, or is shorter than its header says.
    static func check(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }        // not there yet: SQLite creates it
        func unusable(_ problem: String) -> StoreError { .unusable(path: path, problem: problem) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw unusable("it is not a regular file") }
        // Root may write to any file, so the mode bits are checked too: a file nobody may write
        // was made read-only on purpose.
        if info.st_mode & 0o222 == 0 || access(path, W_OK) != 0 {
            throw unusable("the file is read-only (mode \(String(info.st_mode & 0o777, radix: 8))); mlplab writes every epoch to it")
        }
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        if access(folder.isEmpty ? "/" : folder, W_OK) != 0 {
            throw unusable("its folder is read-only; SQLite needs to create \(path)-wal beside it")
        }
        guard info.st_size > 0 else { return }               // empty: SQLite starts a database in it
        let header = try readHeader(path, unusable)
        if header.count < 100, header.starts(with: magic) {
            throw unusable("it is truncated: \(info.st_size) bytes, shorter than SQLite's 100-byte header")
        }
        guard header.count == 100, Array(header[0..<16]) == magic else {
            throw unusable("it is not an SQLite database (\(info.st_size) bytes that do not start with SQLite's header)")
        }
        // The page count at offset 28 counts only when the change counter (24) matches the
        // version-valid-for number (92); a -wal file may hold pages beyond the main file.
        let pageSize = header[16] == 0 && header[17] == 1 ? 65_536 : Int(header[16]) << 8 | Int(header[17])
        let pages = bigEndian(header, 28), valid = bigEndian(header, 24) == bigEndian(header, 92)
        if valid, pages > 0, pageSize >= 512, !hasWAL(path), Int(info.st_size) < pages * pageSize {
            throw unusable("it is truncated: \(info.st_size) bytes where its header promises \(pages) pages of \(pageSize) bytes (\(pages * pageSize))")
        }
    }

    /// What an SQLite error at open means for the user, in a few words and SQLite's own message.
    static func problem(for error: StoreError, busyTimeout: Double) -> String {
        switch error {
        case .sqlite(let code, let message):
            switch code & 0xff {
            case SQLITE_NOTADB: "it is not an SQLite database (SQLite: \(message))"
            case SQLITE_CORRUPT: "it is damaged (SQLite: \(message))"
            case SQLITE_BUSY, SQLITE_LOCKED:
                "it is locked by another process (waited \(busyTimeout) s; SQLite: \(message))"
            case SQLITE_READONLY: "it cannot be written (SQLite: \(message))"
            case SQLITE_CANTOPEN: "it cannot be opened (SQLite: \(message))"
            default: "SQLite error \(code): \(message)"
            }
        case .diskFull(let message): "the disk is full (SQLite: \(message))"
        case .migration(let message): message
        case .unusable(_, let problem): problem
        default: "\(error)"
        }
    }

    private static func readHeader(_ path: String, _ unusable: (String) -> StoreError) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw unusable("it cannot be read: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 100)
        let n = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 100, 0) }
        return Array(header.prefix(max(0, n)))
    }

    private static func bigEndian(_ bytes: [UInt8], _ offset: Int) -> Int {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }

    /// Whether a non-empty write-ahead log sits beside the file (a crash left commits in it).
    private static func hasWAL(_ path: String) -> Bool {
        var info = stat()
        return stat(path + "-wal", &info) == 0 && info.st_size > 0
    }
}
