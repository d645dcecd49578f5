/// MLflow's experiments: create, read, rename, delete and restore (soft), tags.
extension RunStore {
    /// The current time in milliseconds since the epoch, as SQL.
    static let nowMillis = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"

    /// Adds an experiment with its tags.
    /// - Returns: its id.
    /// - Throws: `StoreError.conflict` when an experiment (active or deleted) has that name.
    public func createExperiment(name: String, artifactLocation: String, tags: [KeyValue]) throws -> Int64 {
        try writer.use { db in
            try db.transaction {
                if try !db.query("SELECT 1 FROM experiments WHERE name = ?", name, row: { _ in () }).isEmpty {
                    throw StoreError.conflict("Experiment '\(name)' already exists.")
                }
                try db.run("INSERT INTO experiments (name, artifact_location) VALUES (?, ?)", name, artifactLocation)
                let id = db.lastInsertRowID
                for tag in tags {
                    try db.run("INSERT OR REPLACE INTO experiment_tags (experiment_id, key, value) VALUES (?, ?, ?)",
                               id, tag.key, tag.value)
                }
                return id
            }
        }
    }

    /// The experiment with this id, or nil.
    public func experiment(id: Int64) throws -> ExperimentRecord? {
        try readers.read { db in try Self.experiments(db, where: "id = ?", [id]).first }
    }

    /// The experiment with this name, or nil.
    public func experiment(name: String) throws -> ExperimentRecord? {
        try readers.read { db in try Self.experiments(db, where: "name = ?", [name]).first }
    }

    /// Every experiment in `stages` (`active`, `deleted`), oldest first.
    public func experiments(stages: Set<String>) throws -> [ExperimentRecord] {
        try readers.read { db in
            try Self.experiments(db, where: "1", []).filter { stages.contains($0.lifecycleStage) }
        }
    }

    /// Renames an experiment.
    /// - Throws: `StoreError.notFound`, or `.conflict` when another experiment has the name.
    public func renameExperiment(id: Int64, to name: String) throws {
        try writer.use { db in
            try db.transaction {
                if try !db.query("SELECT 1 FROM experiments WHERE name = ? AND id <> ?", name, id, row: { _ in () }).isEmpty {
                    throw StoreError.conflict("Experiment '\(name)' already exists.")
                }
                let changed = try db.run("UPDATE experiments SET name = ?, last_update_time = \(Self.nowMillis) WHERE id = ?",
                                         name, id)
                if changed == 0 { throw StoreError.notFound(kind: "experiment", id: id) }
            }
        }
    }

    /// Marks an experiment and its runs `deleted` or `active` (MLflow's delete and restore).
    /// - Throws: `StoreError.notFound` when there is no such experiment.
    public func setExperimentStage(id: Int64, _ stage: String) throws {
        try writer.use { db in
            try db.transaction {
                let changed = try db.run("""
                    UPDATE experiments SET lifecycle_stage = ?, last_update_time = \(Self.nowMillis) WHERE id = ?
                    """, stage, id)
                if changed == 0 { throw StoreError.notFound(kind: "experiment", id: id) }
                try db.run("UPDATE runs SET lifecycle_stage = ? WHERE experiment_id = ? AND source = 'external'", stage, id)
            }
        }
    }

    /// Sets (or overwrites) one tag of an experiment.
    public func setExperimentTag(id: Int64, _ tag: KeyValue) throws {
        try writer.use { db in
            try db.transaction {
                guard try !db.query("SELECT 1 FROM experiments WHERE id = ?", id, row: { _ in () }).isEmpty else {
                    throw StoreError.notFound(kind: "experiment", id: id)
                }
                try db.run("INSERT OR REPLACE INTO experiment_tags (experiment_id, key, value) VALUES (?, ?, ?)",
                           id, tag.key, tag.value)
            }
        }
    }

    private static func experiments(_ db: Database, where clause: String, _ values: [(any SQLBindable)?]) throws
        -> [ExperimentRecord] {
        var found = try db.query("""
            SELECT id, name, artifact_location, lifecycle_stage, creation_time, last_update_time
            FROM experiments WHERE \(clause) ORDER BY id
            """, bindings: values) {
            ExperimentRecord(id: $0.int64(0), name: $0.text(1), artifactLocation: $0.text(2), lifecycleStage: $0.text(3),
                             creationTime: $0.int64(4), lastUpdateTime: $0.int64(5), tags: [])
        }
        for i in found.indices {
            found[i].tags = try db.query("SELECT key, value FROM experiment_tags WHERE experiment_id = ? ORDER BY key",
                                         found[i].id) { KeyValue(key: $0.text(0), value: $0.text(1)) }
        }
        return found
    }
}
