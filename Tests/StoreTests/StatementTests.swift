import Testing
@testable import Store

@Suite struct StatementTests {
    private func withTable<T>(_ body: (Database) throws -> T) throws -> T {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (i INTEGER, d REAL, s TEXT, b BLOB)")
        return try body(db)
    }

    @Test func bind_eachType_readsBackTheSame() throws {
        try withTable { db in
            try db.run("INSERT INTO t VALUES (?, ?, ?, ?)", Int64.max, 0.1, "héllo ✓", [UInt8]([0, 1, 255]))
            let st = try db.prepare("SELECT i, d, s, b FROM t")
            #expect(try st.step())
            #expect(st.int64(0) == Int64.max)
            #expect(st.double(1) == 0.1)
            #expect(st.text(2) == "héllo ✓")
            #expect(st.blob(3) == [0, 1, 255])
            #expect(try !st.step())
        }
    }

    @Test func bind_nilAndNaN_storeNull() throws {
        try withTable { db in
            try db.run("INSERT INTO t VALUES (?, ?, ?, ?)", nil, Double.nan, nil, nil)
            let nulls = try db.query("SELECT i IS NULL, d IS NULL, s IS NULL, b IS NULL FROM t") {
                [$0.int(0), $0.int(1), $0.int(2), $0.int(3)]
            }
            #expect(nulls == [[1, 1, 1, 1]])
            let st = try db.prepare("SELECT i, d, s, b FROM t")
            try st.step()
            #expect(st.int64OrNil(0) == nil && st.doubleOrNil(1) == nil && st.textOrNil(2) == nil && st.blobOrNil(3) == nil)
        }
    }

    @Test func bind_quotesNulAndEmpty_roundTripAsData() throws {
        try withTable { db in
            let tricky = ["'); DROP TABLE t; --", "a\u{0}b", "", "\"quoted\" 'single' `tick`", "日本語 🚀"]
            for s in tricky { try db.run("INSERT INTO t (s, b) VALUES (?, ?)", s, [UInt8]()) }
            #expect(try db.query("SELECT s FROM t ORDER BY rowid") { $0.text(0) } == tricky)
            #expect(try db.query("SELECT length(b) FROM t") { $0.int(0) } == Array(repeating: 0, count: tricky.count))
        }
    }

    @Test func reset_afterStep_runsAgainWithNewBindings() throws {
        try withTable { db in
            let insert = try db.prepare("INSERT INTO t (i) VALUES (?)")
            for i in 1...3 {
                insert.reset()
                try insert.bind(Int64(i), at: 1)
                try insert.step()
            }
            #expect(try db.query("SELECT SUM(i) FROM t") { $0.int(0) } == [6])
        }
    }

    @Test func step_constraintViolation_throwsSQLiteCode() throws {
        try withTable { db in
            try db.execute("CREATE TABLE u (x INTEGER NOT NULL)")
            #expect(throws: StoreError.sqlite(code: 1299, message: "NOT NULL constraint failed: u.x")) {
                try db.run("INSERT INTO u VALUES (?)", nil)
            }
        }
    }

    @Test func prepare_badSQL_throwsWithMessage() throws {
        try withTable { db in
            let error = #expect(throws: StoreError.self) { try db.prepare("SELECT nope FROM t") }
            #expect(error?.sqliteCode == 1)
            #expect("\(error!)".contains("no such column: nope"))
        }
    }
}
