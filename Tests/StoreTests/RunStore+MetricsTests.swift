import Foundation
import Testing
@testable import Store
import Wire

@Suite struct RunStoreMetricsTests {
    private func external(_ store: RunStore, experiment: Int64 = 0) throws -> Int64 {
        try store.createExternalRun(experimentID: experiment, name: "ext", userID: "me", startTime: 1_000, tags: []).id
    }

    @Test func logBatch_metricsParamsTags_readBackWithLatestByStep() throws {
        try Fixture.withStore { store, _ in
            let id = try external(store)
            try store.logBatch(runID: id, metrics: [.init(key: "loss", value: 0.5, timestamp: 10, step: 2),
                                                    .init(key: "loss", value: 0.9, timestamp: 20, step: 1),
                                                    .init(key: "loss", value: .nan, timestamp: 5, step: 0)],
                               params: [.init(key: "lr", value: "0.1")], tags: [.init(key: "team", value: "lab")])
            #expect(try store.metricHistory(runID: id, key: "loss").map(\.step) == [0, 1, 2])
            #expect(try store.metricHistory(runID: id, key: "loss")[0].value.isNaN)
            #expect(try store.latestMetrics(runID: id) == [.init(key: "loss", value: 0.5, timestamp: 10, step: 2)])
            let (params, tags) = try store.paramsAndTags(runID: id)
            #expect(params == [.init(key: "lr", value: "0.1")] && tags == [.init(key: "team", value: "lab")])
            let run = try #require(try store.run(id: id))
            #expect(run.source == .external && run.status == .running && run.startTime == 1_000 && run.experimentID == 0)
        }
    }

    @Test func logBatch_changedParam_writesNothingOfTheBatch() throws {
        try Fixture.withStore { store, _ in
            let id = try external(store)
            try store.logBatch(runID: id, metrics: [], params: [.init(key: "lr", value: "0.1")], tags: [])
            #expect(throws: StoreError.self) {
                try store.logBatch(runID: id, metrics: [.init(key: "m", value: 1, timestamp: 1, step: 0)],
                                   params: [.init(key: "lr", value: "0.2")], tags: [.init(key: "t", value: "v")])
            }
            #expect(try store.latestMetrics(runID: id).isEmpty)
            #expect(try store.paramsAndTags(runID: id).tags.isEmpty)
        }
    }

    @Test func logBatch_mlplabRun_isRefused() throws {
        try Fixture.withStore { store, _ in
            let id = try store.createRun(.make()).id
            #expect(throws: StoreError.self) { try store.logBatch(runID: id, metrics: [], params: [], tags: []) }
            #expect(try store.run(id: id)?.experimentID == store.experiment(name: "mlplab/mnist")?.id)
            _ = try store.createRun(.make())                  // the data set's experiment is made once
            #expect(try store.createExperiment(name: "next", artifactLocation: "", tags: []) == 2)
        }
    }

    @Test func externalRuns_areNeverClaimedNorRequeued() throws {
        try Fixture.withStore { store, _ in
            let id = try external(store)
            #expect(try store.claimNextQueued(worker: 0) == nil)
            #expect(try store.requeueInterrupted().isEmpty)
            #expect(try store.counts()["running"] == 0)          // the health line counts training only
            #expect(try store.run(id: id)?.status == .running)
            try store.delete(runID: id)                   // a running external run can be deleted here
            #expect(try store.run(id: id) == nil)
        }
    }

    @Test func listRuns_sourceFilter_andDeletedHidden() throws {
        try Fixture.withStore { store, _ in
            let own = try store.createRun(.make()).id
            let ext = try external(store), gone = try external(store)
            try store.setRunStage(id: gone, "deleted")
            #expect(try store.listRuns(RunQuery(source: .external)).runs.map(\.id) == [ext])
            #expect(try store.listRuns(RunQuery(source: .mlplab)).runs.map(\.id) == [own])
            #expect(try store.listRuns(RunQuery()).runs.count == 2)
        }
    }

    @Test func experiments_createRenameDeleteRestore() throws {
        try Fixture.withStore { store, _ in
            #expect(try store.experiment(id: 0)?.name == "Default")
            let id = try store.createExperiment(name: "e", artifactLocation: "", tags: [.init(key: "k", value: "v")])
            #expect(throws: StoreError.conflict("Experiment 'e' already exists.")) {
                try store.createExperiment(name: "e", artifactLocation: "", tags: [])
            }
            try store.renameExperiment(id: id, to: "f")
            let run = try external(store, experiment: id)
            try store.setExperimentStage(id: id, "deleted")
            #expect(try store.experiment(name: "f")?.lifecycleStage == "deleted")
            #expect(try store.run(id: run)?.lifecycleStage == "deleted")
            #expect(try store.experiment(id: id)?.tags == [.init(key: "k", value: "v")])
        }
    }

    /// A database from before 0007 upgrades in place: its runs and epochs stay, each run joins
    /// its data set's experiment.
    @Test func migration0007_existingDatabase_upgradesInPlace() throws {
        try Fixture.withDirectory { dir in
            let all = try FileManager.default.contentsOfDirectory(atPath: Fixture.migrationsDirectory).filter { $0.hasSuffix(".sql") }
            var old: [String: String] = [:]
            for name in all where name < "0007" {
                old[name] = try String(contentsOfFile: Fixture.migrationsDirectory + "/" + name, encoding: .utf8)
            }
            let path = dir + "/old.sqlite3"
            let runID: Int64
            do {
                let db = try Database(path: path)
                try Migrator(directory: try Fixture.migrations(old, in: dir)).migrate(db)
                try db.run("INSERT INTO runs (name, dataset, model_type, spec_json, epochs_total) VALUES ('r', 'fashion-mnist', 'mlp', '{}', 1)")
                runID = db.lastInsertRowID
                try db.run("INSERT INTO epochs (run_id, epoch, test_accuracy) VALUES (?, 1, 0.8)", runID)
            }
            let store = try RunStore(path: path, migrationsDirectory: Fixture.migrationsDirectory)
            let run = try #require(try store.run(id: runID))
            #expect(run.source == .mlplab && run.lifecycleStage == "active")
            #expect(run.experimentID == (try store.experiment(name: "mlplab/fashion-mnist")?.id))
            #expect(try store.epochs(runID: runID).map(\.testAccuracy) == [0.8])
        }
    }
}
