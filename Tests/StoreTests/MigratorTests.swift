import Foundation
import Testing
@testable import Store
import Wire

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
            #expect(try tables(db) == ["checkpoints", "confusion", "epochs", "experiment_tags", "experiments", "latest_metrics",
                                        "metrics", "params", "predictions", "roc_curves", "run_leases", "run_tags", "runs",
                                        "schema_migrations", "sweeps", "tokens"])
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

/// 0005 rebuilds `runs` (a wider status CHECK): nothing stored before it is lost.
struct SweepsMigrationTests {
    @Test func upgradeFrom0004_keepsRunsEpochsCurvesAndMatrices() throws {
        try Fixture.withDirectory { dir in
            let all = try FileManager.default.contentsOfDirectory(atPath: Fixture.migrationsDirectory).filter { $0.hasSuffix(".sql") }
            let old = try Fixture.migrations(Dictionary(uniqueKeysWithValues: all.filter { $0 < "0005" }.map {
                ($0, try String(contentsOfFile: Fixture.migrationsDirectory + "/" + $0, encoding: .utf8))
            }), in: dir)
            let path = dir + "/old.sqlite3"
            do {                      // what an mlplab of schema 0004 wrote
                let db = try Database(path: path)
                _ = try Migrator(directory: old).migrate(db)
                try db.execute("""
                    INSERT INTO runs (name, dataset, model_type, spec_json, status, epochs_total, epochs_done, wall_seconds)
                    VALUES ('r', 'mnist', 'mlp', '{}', 'finished', 1, 1, 1.5);
                    INSERT INTO epochs (run_id, epoch, train_seconds, train_loss, train_accuracy, test_loss, test_accuracy,
                                        auc_macro, auc_micro, samples_per_second, eval_seconds)
                    VALUES (1, 1, 1.5, 0.3, 0.91, 0.25, 0.93, 0.995, 0.996, 40000, 0.2);
                    INSERT INTO roc_curves (run_id, epoch, curve, auc, fpr_json, tpr_json) VALUES (1, 1, 'micro', 0.99, '[0,1]', '[0,1]');
                    INSERT INTO confusion (run_id, epoch, matrix_json) VALUES (1, 1, '[[1,0],[0,1]]');
                    """)
            }
            let store = try RunStore(path: path, migrationsDirectory: Fixture.migrationsDirectory)
            let run = try #require(try store.run(id: 1))
            #expect(run.status == .finished && run.wallSeconds == 1.5 && run.epochsDone == 1 && run.sweepID == nil)
            #expect(try store.epochs(runID: 1) == [.make(epoch: 1)])
            #expect(try store.curves(runID: 1, epoch: 1).count == 1 && store.confusion(runID: 1, epoch: 1) == [[1, 0], [0, 1]])
            let again = try store.createRun(.make())
            _ = try store.claimNextQueued(worker: 0)
            try store.finish(runID: again.id, status: .stoppedEarly)      // the widened CHECK
            #expect(try store.run(id: again.id)?.status == .stoppedEarly && again.id == 2)
        }
    }
}
