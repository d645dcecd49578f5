import Foundation
import Testing
@testable import Store
import Wire

/// A database that cannot be used at start is refused with the file and the problem named,
/// and the file is left byte for byte as it was.
@Suite struct DatabaseFileTests {
    /// Runs `open` on the file at `path` and returns the problem it was refused with, checking
    /// that the file's bytes did not change.
    private func refusal(_ path: String, busyTimeout: Double = 5) throws -> String? {
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        defer { #expect((try? Data(contentsOf: URL(fileURLWithPath: path))) == before, "the file was changed") }
        do {
            _ = try RunStore(path: path, migrationsDirectory: Fixture.migrationsDirectory, busyTimeout: busyTimeout)
        } catch StoreError.unusable(let named, let problem) {
            #expect(named == path)
            #expect(!problem.contains("\n"))
            return problem
        }
        Issue.record("\(path) was opened")
        return nil
    }

    /// A store with a few runs, closed again (its WAL checkpointed into the file).
    private func storedFile(in dir: String) throws -> String {
        let path = dir + "/lab.sqlite3"
        let store = try RunStore(path: path, migrationsDirectory: Fixture.migrationsDirectory)
        for _ in 0..<20 { _ = try store.createRun(.make(layersJSON: String(repeating: "x", count: 2_000))) }
        return path
    }

    @Test func open_textFile_refusedAsNotSQLite() throws {
        try Fixture.withDirectory { dir in
            let path = dir + "/notes.sqlite3"
            try String(repeating: "epoch,loss\n1,0.3\n", count: 50).write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try refusal(path)?.contains("not an SQLite database") == true)
        }
    }

    @Test func open_validHeaderGarbageAfter_refusedByWhatSQLiteSays() throws {
        try Fixture.withDirectory { dir in
            let path = dir + "/odd.sqlite3"
            var bytes = DatabaseFile.magic + [UInt8](repeating: 0xEE, count: 4096 - 16)
            bytes[16] = 0x10; bytes[17] = 0x00                       // page size 4096, the rest nonsense
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let problem = try #require(try refusal(path))
            // The nonsense page count reads as a promise of more pages than the file has.
            #expect(problem.contains("not an SQLite database") || problem.contains("damaged") || problem.contains("truncated"))
        }
    }

    @Test func open_truncatedToHalf_refusedAsTruncated() throws {
        try Fixture.withDirectory { dir in
            let path = try storedFile(in: dir)
            let whole = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(whole.count >= 8 * 4096)
            try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
            let problem = try #require(try refusal(path))
            #expect(problem.contains("truncated") && problem.contains("\(whole.count / 2) bytes"))
        }
    }

    @Test func open_truncatedInsideTheHeader_refusedAsTruncated() throws {
        try Fixture.withDirectory { dir in
            let path = try storedFile(in: dir)
            try Data(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(60)).write(to: URL(fileURLWithPath: path))
            #expect(try refusal(path)?.contains("truncated") == true)
        }
    }

    @Test func open_readOnlyFile_refusedAsReadOnly() throws {
        try Fixture.withDirectory { dir in
            let path = try storedFile(in: dir)
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
            #expect(try refusal(path)?.contains("read-only") == true)
        }
    }

    @Test func open_fromNewerMlplab_refusedNamingTheVersion() throws {
        try Fixture.withDirectory { dir in
            let path = try storedFile(in: dir)
            do {
                let db = try Database(path: path)
                try db.run("INSERT INTO schema_migrations VALUES (9999, '9999_future', '2030-01-01T00:00:00Z')")
                _ = try db.query("PRAGMA journal_mode = DELETE") { $0.text(0) }   // so switching to WAL would show
            }
            let problem = try #require(try refusal(path))
            #expect(problem.contains("9999") && problem.contains("newer mlplab"))
        }
    }

    @Test func open_lockedByAnotherWriter_refusedAsLocked() throws {
        try Fixture.withDirectory { dir in
            let path = try storedFile(in: dir)
            let other = try Database(path: path)
            try other.execute("BEGIN IMMEDIATE")
            defer { try? other.execute("ROLLBACK") }
            #expect(try refusal(path, busyTimeout: 0.2)?.contains("locked by another process") == true)
        }
    }

    @Test func open_emptyFile_startsADatabase() throws {
        try Fixture.withDirectory { dir in
            let path = dir + "/empty.sqlite3"
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            let store = try RunStore(path: path, migrationsDirectory: Fixture.migrationsDirectory)
            #expect(try store.createRun(.make()).id == 1)
        }
    }

    // MARK: - A full disk

    @Test func sqliteFull_isTypedAsDiskFull() {
        #expect(StoreError.sqlite(code: 13, message: "database or disk is full").typed == .diskFull("database or disk is full"))
        #expect(StoreError.sqlite(code: 1299, message: "NOT NULL").typed == .sqlite(code: 1299, message: "NOT NULL"))
    }

    /// SQLite's page limit gives the same SQLITE_FULL a full disk does: the epoch in flight is
    /// refused whole, earlier epochs and reads are untouched, and the run can still be failed.
    @Test func recordEpoch_databaseFull_throwsDiskFullAndKeepsEarlierEpochs() throws {
        try Fixture.withStore { store, _ in
            let id = try store.createRun(.make()).id
            _ = try store.claimNextQueued(worker: 0)
            for n in 1...2 { try store.recordEpoch(runID: id, epoch: .make(epoch: n), curves: Curve.mnistSet(), confusion: [[n]]) }
            try store.writer.use { db in
                let pages = try db.query("PRAGMA page_count") { $0.int(0) }[0]
                try db.execute("PRAGMA max_page_count = \(pages)")
            }
            let big = (0..<12).map { Curve.make(curve: "\($0)", fpr: Array(repeating: 0.5, count: 5_000), tpr: Array(repeating: 0.5, count: 5_000)) }
            #expect(throws: StoreError.diskFull("database or disk is full")) {
                try store.recordEpoch(runID: id, epoch: .make(epoch: 3), curves: big, confusion: [[3]])
            }
            #expect(try store.epochs(runID: id).map(\.epoch) == [1, 2])
            #expect(try store.curves(runID: id, epoch: 2) == Curve.mnistSet())
            #expect(try store.run(id: id)?.epochsDone == 2)
            try store.finish(runID: id, status: .failed, error: "the disk is full", wallSeconds: 1)
            #expect(try store.run(id: id)?.status == .failed)
        }
    }

    @Test func freeBytes_ofTheDatabasesDisk_isPositive() throws {
        try Fixture.withStore { store, _ in
            let free = try #require(store.freeBytes)
            #expect(free > 0)
        }
    }
}
