import Foundation
import Synchronization
import Testing
@testable import Store

@Suite struct ReaderPoolTests {
    @Test func read_whileWriterHoldsOpenTransaction_seesLastCommitWithoutWaiting() throws {
        try Fixture.withDirectory { dir in
            let path = dir + "/p.sqlite3"
            let writer = try Database(path: path)
            try writer.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            let pool = try ReaderPool(path: path, count: 2)
            try writer.execute("BEGIN IMMEDIATE; INSERT INTO t VALUES (2);")      // uncommitted
            let start = Date()
            #expect(try pool.read { db in try db.query("SELECT COUNT(*) FROM t") { $0.int(0) } } == [1])
            #expect(Date().timeIntervalSince(start) < 1)                          // not the 5 s busy wait
            try writer.execute("COMMIT")
            #expect(try pool.read { db in try db.query("SELECT COUNT(*) FROM t") { $0.int(0) } } == [2])
            #expect(throws: StoreError.self) { try pool.read { db in try db.run("INSERT INTO t VALUES (3)") } }
        }
    }

    @Test func read_moreThreadsThanConnections_allSucceed() throws {
        try Fixture.withDirectory { dir in
            let path = dir + "/p.sqlite3"
            let writer = try Database(path: path)
            try writer.execute("CREATE TABLE t (x); INSERT INTO t VALUES (41);")
            let pool = try ReaderPool(path: path, count: 2)
            let results = Mutex<[Int?]>([])
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                let value = try? pool.read { db in try db.query("SELECT x + 1 FROM t") { $0.int(0) }.first }
                results.withLock { $0.append(value ?? nil) }
            }
            #expect(results.withLock { $0 } == Array(repeating: 42, count: 8))
        }
    }
}
