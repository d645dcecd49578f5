import Foundation

/// Brings a database's schema up to date from numbered SQL files, `migrations/NNNN_name.sql`.
///
/// Each file runs once, in numeric order, in its own transaction, and is then recorded in
/// `schema_migrations`; a failing file leaves the database at the version before it. A shipped
/// file is never edited: a change is a new file. A database that records a version newer
/// than the newest file was written by a newer mlplab, and is refused untouched rather than
/// used with a schema this code does not know.
///
/// ```swift
/// let applied = try Migrator(directory: "migrations").migrate(db)   // e.g. [1]
/// ```
struct Migrator {
    /// One SQL file of the migrations directory.
    struct Migration: Equatable {
        let version: Int
        let name: String
        let path: String
    }

    let directory: String

    /// The migrations in `directory`, in version order.
    /// - Throws: `StoreError.migration` when the directory cannot be read, holds no migration,
    ///   or holds two files with the same version. Files not named `NNNN_name.sql` are ignored.
    func migrations() throws -> [Migration] {
        let files: [String]
        do { files = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw StoreError.migration("cannot read migrations directory \(directory): \(error.localizedDescription)")
        }
        var found: [Int: Migration] = [:]
        for file in files {
            guard let migration = Self.parse(file, in: directory) else { continue }
            if let other = found[migration.version] {
                throw StoreError.migration("two migrations with version \(migration.version): \(other.name), \(migration.name)")
            }
            found[migration.version] = migration
        }
        guard !found.isEmpty else { throw StoreError.migration("no NNNN_name.sql files in \(directory)") }
        return found.values.sorted { $0.version < $1.version }
    }

    /// Applies every migration newer than the database's recorded version.
    /// - Returns: the versions applied by this call (empty when already up to date).
    /// - Throws: `StoreError.migration` when the database is newer than the files or a file
    ///   fails (naming the file and SQLite's message); earlier files stay applied.
    @discardableResult
    func migrate(_ db: Database) throws -> [Int] {
        let migrations = try migrations()
        try db.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
            """)
        let current = try Self.currentVersion(db)
        try refuseNewer(current: current, newest: migrations.last?.version ?? 0)
        var applied: [Int] = []
        for migration in migrations where migration.version > current {
            try apply(migration, to: db)
            applied.append(migration.version)
        }
        return applied
    }

    /// Refuses a database written by a newer mlplab, without writing anything to it.
    /// - Throws: `StoreError.migration` when it records a version newer than the newest file.
    func refuseNewer(_ db: Database) throws {
        let known = try db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") { $0.int(0) }
        guard !known.isEmpty else { return }
        try refuseNewer(current: try Self.currentVersion(db), newest: try migrations().last?.version ?? 0)
    }

    private func refuseNewer(current: Int, newest: Int) throws {
        if current > newest {
            throw StoreError.migration("""
                database schema is at version \(current), newer than the newest migration here \
                (\(newest)): it was written by a newer mlplab; refusing to open it
                """)
        }
    }

    /// The highest version recorded in `schema_migrations`, 0 for a fresh database.
    static func currentVersion(_ db: Database) throws -> Int {
        try db.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations") { $0.int(0) }.first ?? 0
    }

    private func apply(_ migration: Migration, to db: Database) throws {
        let sql: String
        do { sql = try String(contentsOfFile: migration.path, encoding: .utf8) } catch {
            throw StoreError.migration("cannot read \(migration.path): \(error.localizedDescription)")
        }
        // SQLite's procedure for schema changes: foreign keys off (outside the transaction), so a
        // migration that rebuilds a table (to change a CHECK) cannot cascade-delete what hangs
        // off it; the keys are checked before the commit and switched back on after it.
        try db.execute("PRAGMA foreign_keys = OFF")
        defer { try? db.execute("PRAGMA foreign_keys = ON") }
        do {
            try db.transaction {
                try db.execute(sql)
                let broken = try db.query("PRAGMA foreign_key_check") { $0.text(0) }
                if let table = broken.first {
                    throw StoreError.migration("\(migration.name) left rows of \(table) pointing at nothing")
                }
                try db.run("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    """, migration.version, migration.name)
            }
        } catch let error as StoreError {
            throw StoreError.migration("\(migration.name) failed: \(error)")
        }
    }

    /// `0001_initial.sql` → version 1, name `0001_initial`; anything else → nil.
    static func parse(_ file: String, in directory: String) -> Migration? {
        guard file.hasSuffix(".sql") else { return nil }
        let stem = String(file.dropLast(4))
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, stem.dropFirst(digits.count).first == "_",
              stem.count > digits.count + 1, let version = Int(digits), version > 0 else { return nil }
        return Migration(version: version, name: stem, path: directory + "/" + file)
    }
}
