import Testing
@testable import Store

@Suite struct DatabaseTests {
    @Test func open_file_setsWALForeignKeysAndBusyTimeout() throws {
        try Fixture.withDirectory { dir in
            let db = try Database(path: dir + "/a.sqlite3")
            #expect(try db.query("PRAGMA journal_mode") { $0.text(0) } == ["wal"])
            #expect(try db.query("PRAGMA foreign_keys") { $0.int(0) } == [1])
            #expect(try db.query("PRAGMA busy_timeout") { $0.int(0) } == [5000])
        }
    }

    @Test func open_readOnly_refusesWrites() throws {
        try Fixture.withDirectory { dir in
            let writer = try Database(path: dir + "/a.sqlite3")
            try writer.execute("CREATE TABLE t (x)")
            let reader = try Database(path: dir + "/a.sqlite3", readOnly: true)
            #expect(throws: StoreError.self) { try reader.run("INSERT INTO t VALUES (1)") }
        }
    }

    @Test func open_directoryPath_throws() throws {
        try Fixture.withDirectory { dir in
            #expect(throws: StoreError.self) { _ = try Database(path: dir + "/missing/sub/a.sqlite3") }
        }
    }

    @Test func transaction_returns_commits() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (x)")
        let n = try db.transaction { try db.run("INSERT INTO t VALUES (1), (2)") }
        #expect(n == 2)
        #expect(try db.query("SELECT COUNT(*) FROM t") { $0.int(0) } == [2])
    }

    @Test func transaction_throws_rollsBack() throws {
        struct Boom: Error {}
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (x)")
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.query("SELECT COUNT(*) FROM t") { $0.int(0) } == [0])
        _ = try db.transaction(.deferred) { try db.run("INSERT INTO t VALUES (3)") }   // usable again
        #expect(try db.query("SELECT x FROM t") { $0.int(0) } == [3])
    }

    @Test func execute_script_runsEveryStatement() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);")
        #expect(try db.query("SELECT x FROM t ORDER BY x") { $0.int(0) } == [1, 2])
    }
}
