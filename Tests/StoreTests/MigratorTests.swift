import Testing
@testable import Store

@Suite struct MigratorTests {
    private let repo = Migrator(directory: Fixture.migrationsDirectory)

    private func tables(_ db: Database) throws -> [String] {
        try db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") {
            $0.text(0)
        }
    }

    private func recorded(_ db: Database) throws -> [String] {
        try db.query("SELECT version || ':' || name FROM schema_migrations ORDER BY version") { $0.text(0) }
    }

    @Test func migrate_freshDatabase_appliesAll() throws {
        try Fixture.withDirectory { dir in
            let db = try Database(path: dir + "/a.sqlite3")
            let all = try repo.migrations().map(\.version)
            #expect(try repo.migrate(db) == all)
            #expect(try tables(db) == ["confusion", "epochs", "experiment_tags", "experiments", "latest_metrics", "metrics", "params",
                                        "roc_curves", "run_tags", "runs", "schema_migrations"])
            #expect(try recorded(db).first == "1:0001_initial")
            #expect(try Migrator.currentVersion(db) == all.last)
        }
    }

    @Test func migrate_rerun_appliesNothing() throws {
        try Fixture.withDirectory { dir in
            let path = dir + "/a.sqlite3"
            try repo.migrate(try Database(path: path))
            let db = try Database(path: path)
            let before = try recorded(db)
            #expect(try repo.migrate(db) == [])
            #expect(try recorded(db) == before)
        }
    }

    @Test func migrate_newerUnknownVersion_refusedAndUntouched() throws {
        try Fixture.withDirectory { dir in
            let path = dir + "/a.sqlite3"
            let db = try Database(path: path)
            try repo.migrate(db)
            try db.run("INSERT INTO schema_migrations VALUES (9999, '9999_future', '2030-01-01T00:00:00Z')")
            let (tablesBefore, recordedBefore) = (try tables(db), try recorded(db))
            let error = #expect(throws: StoreError.self) { try repo.migrate(db) }
            guard case .migration(let message) = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(message.contains("9999") && message.contains("newer"))
            #expect(try tables(db) == tablesBefore)
            #expect(try recorded(db) == recordedBefore)
            #expect(throws: StoreError.self) { try RunStore(path: path, migrationsDirectory: Fixture.migrationsDirectory) }
        }
    }

    @Test func migrate_filesOutOfOrder_appliesInNumericOrder() throws {
        try Fixture.withDirectory { dir in
            let folder = try Fixture.migrations([
                "0010_b.sql": "ALTER TABLE t ADD COLUMN y;",
                "0002_a.sql": "CREATE TABLE t (x);",
                "README.md": "not a migration",
            ], in: dir)
            let db = try Database(path: dir + "/a.sqlite3")
            #expect(try Migrator(directory: folder).migrate(db) == [2, 10])
            #expect(try db.query("SELECT name FROM pragma_table_info('t') ORDER BY cid") { $0.text(0) } == ["x", "y"])
        }
    }

    @Test func migrate_failingFile_rollsBackItAndKeepsEarlierOnes() throws {
        try Fixture.withDirectory { dir in
            let folder = try Fixture.migrations([
                "0001_ok.sql": "CREATE TABLE t (x);",
                "0002_bad.sql": "CREATE TABLE u (x); INSERT INTO nowhere VALUES (1);",
            ], in: dir)
            let db = try Database(path: dir + "/a.sqlite3")
            let error = #expect(throws: StoreError.self) { try Migrator(directory: folder).migrate(db) }
            guard case .migration(let message) = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(message.contains("0002_bad") && message.contains("nowhere"))
            #expect(try tables(db) == ["schema_migrations", "t"])
            #expect(try Migrator.currentVersion(db) == 1)
        }
    }

    @Test func migrations_duplicateVersion_throws() throws {
        try Fixture.withDirectory { dir in
            let folder = try Fixture.migrations(["0001_a.sql": "", "01_b.sql": ""], in: dir)
            #expect(throws: StoreError.self) { try Migrator(directory: folder).migrations() }
        }
    }

    @Test func migrations_missingOrEmptyDirectory_throws() throws {
        try Fixture.withDirectory { dir in
            #expect(throws: StoreError.self) { try Migrator(directory: dir + "/none").migrations() }
            #expect(throws: StoreError.self) { try Migrator(directory: dir).migrations() }
        }
    }

    @Test func parse_names_acceptsOnlyNumberUnderscoreName() {
        #expect(Migrator.parse("0001_initial.sql", in: "m") == .init(version: 1, name: "0001_initial", path: "m/0001_initial.sql"))
        for bad in ["initial.sql", "0001.sql", "0001_.sql", "0001_x.txt", "x0001_a.sql", "0000_zero.sql"] {
            #expect(Migrator.parse(bad, in: "m") == nil, "\(bad)")
        }
    }
}
