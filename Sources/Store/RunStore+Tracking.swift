import Wire

/// Runs logged from outside through the MLflow API (`source = 'external'`): create, update,
/// delete and restore (soft), and reading any run's params and tags.
extension RunStore {
    /// Adds an external run, `running`, in an active experiment.
    /// - Returns: the stored run.
    /// - Throws: `StoreError.notFound` for no such experiment, `.conflict` for a deleted one.
    public func createExternalRun(experimentID: Int64, name: String, userID: String, startTime: Int64,
                                  tags: [KeyValue]) throws -> RunRecord {
        try writer.use { db in
            try db.transaction {
                let stage = try db.query("SELECT lifecycle_stage FROM experiments WHERE id = ?", experimentID) { $0.text(0) }
                guard let stage = stage.first else { throw StoreError.notFound(kind: "experiment", id: experimentID) }
                if stage != "active" { throw StoreError.conflict("experiment \(experimentID) is deleted") }
                try db.run("""
                    INSERT INTO runs (name, dataset, model_type, spec_json, status, epochs_total, created_at, started_at,
                                      source, experiment_id, user_id, start_time)
                    VALUES (?, '', 'external', 'null', 'running', 0, \(Self.now), \(Self.now), 'external', ?, ?, ?)
                    """, name, experimentID, userID, startTime)
                let id = db.lastInsertRowID
                for tag in tags { try Self.setTag(db, runID: id, tag) }
                return try Self.run(id: id, in: db)
            }
        }
    }

    /// Changes an external run's status, end time or name (MLflow's runs/update).
    /// - Parameter status: `.finished`, `.failed`, `.cancelled` also set `finished_at`.
    /// - Returns: the run after the change.
    public func updateExternalRun(id: Int64, status: RunStatus?, endTime: Int64?, name: String?) throws -> RunRecord {
        try writer.use { db in
            try db.transaction {
                _ = try Self.writable(id: id, in: db)
                if let status {
                    try db.run("""
                        UPDATE runs SET status = ?, finished_at = CASE WHEN ? THEN \(Self.now) ELSE NULL END WHERE id = ?
                        """, status.rawValue, status.isFinal, id)
                }
                if let endTime { try db.run("UPDATE runs SET end_time = ? WHERE id = ?", endTime, id) }
                if let name {
                    try db.run("UPDATE runs SET name = ? WHERE id = ?", name, id)
                    try Self.setTag(db, runID: id, KeyValue(key: "mlflow.runName", value: name))
                }
                return try Self.run(id: id, in: db)
            }
        }
    }

    /// Marks an external run `deleted` or `active` (MLflow's runs/delete and runs/restore).
    public func setRunStage(id: Int64, _ stage: String) throws {
        try writer.use { db in
            try db.transaction {
                _ = try Self.external(id: id, in: db)
                try db.run("UPDATE runs SET lifecycle_stage = ? WHERE id = ?", stage, id)
            }
        }
    }

    /// Removes one tag.
    /// - Throws: `StoreError.notFound(kind: "tag")` when the run has no such tag.
    public func deleteTag(runID: Int64, key: String) throws {
        try writer.use { db in
            try db.transaction {
                _ = try Self.writable(id: runID, in: db)
                if try db.run("DELETE FROM run_tags WHERE run_id = ? AND key = ?", runID, key) == 0 {
                    throw StoreError.notFound(kind: "tag '\(key)' on run", id: runID)
                }
            }
        }
    }

    /// The params and tags of a run (stored ones only: the App adds an mlplab run's spec).
    public func paramsAndTags(runID: Int64) throws -> (params: [KeyValue], tags: [KeyValue]) {
        try readers.read { db in
            try db.transaction(.deferred) {
                let params = try db.query("SELECT key, value FROM params WHERE run_id = ? ORDER BY key", runID) {
                    KeyValue(key: $0.text(0), value: $0.text(1))
                }
                let tags = try db.query("SELECT key, value FROM run_tags WHERE run_id = ? ORDER BY key", runID) {
                    KeyValue(key: $0.text(0), value: $0.text(1))
                }
                return (params, tags)
            }
        }
    }

    /// The runs of these experiments in one lifecycle stage set, newest first (MLflow's search
    /// reads them all, then filters and orders).
    public func runs(experimentIDs: [Int64], stages: Set<String>) throws -> [RunRecord] {
        guard !experimentIDs.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: experimentIDs.count).joined(separator: ", ")
        return try readers.read { db in
            try db.query("SELECT \(RunRecord.columns) FROM runs WHERE experiment_id IN (\(marks)) ORDER BY id DESC",
                         bindings: experimentIDs) { try RunRecord(row: $0) }
        }.filter { stages.contains($0.lifecycleStage) }
    }

    // MARK: - Helpers

    static func setTag(_ db: Database, runID: Int64, _ tag: KeyValue) throws {
        try db.run("INSERT OR REPLACE INTO run_tags (run_id, key, value) VALUES (?, ?, ?)", runID, tag.key, tag.value)
    }

    /// The run, which must be external (mlplab's runs are written by their trainer only).
    static func external(id: Int64, in db: Database) throws -> RunRecord {
        let run = try run(id: id, in: db)
        if run.source != .external {
            throw StoreError.conflict("run \(id) was trained by mlplab; it is read-only through the MLflow API")
        }
        return run
    }

    /// The run, which must be external and active to take params, metrics and tags.
    static func writable(id: Int64, in db: Database) throws -> RunRecord {
        let run = try external(id: id, in: db)
        if run.lifecycleStage != "active" {
            throw StoreError.conflict("The run \(id) must be in the 'active' state. Current state is \(run.lifecycleStage).")
        }
        return run
    }
}
