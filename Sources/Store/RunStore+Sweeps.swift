import Wire

/// Sweeps: created with all their runs at once, read back with their runs and objectives.
extension RunStore {
    /// Stores a sweep and every run it expands into, in ONE transaction: a sweep is never
    /// half-stored.
    /// - Returns: the sweep.
    public func createSweep(name: String, specJSON: String, metric: String, goal: String, runs: [NewRun]) throws -> SweepRecord {
        try requireSpace()
        return try writer.use { db in
            try db.transaction {
                try db.run("INSERT INTO sweeps (name, spec_json, metric, goal, created_at) VALUES (?, ?, ?, ?, \(Self.now))",
                           name, specJSON, metric, goal)
                let id = db.lastInsertRowID
                for var run in runs {
                    try Self.ensureExperiment(dataset: run.dataset, in: db)
                    run.sweepID = id
                    _ = try Self.insert(run, in: db)
                }
                return try db.query("SELECT \(SweepRecord.columns) FROM sweeps WHERE id = ?", id) { SweepRecord(row: $0) }[0]
            }
        }
    }

    public func sweep(id: Int64) throws -> SweepRecord? {
        try readers.read { db in
            try db.query("SELECT \(SweepRecord.columns) FROM sweeps WHERE id = ?", id) { SweepRecord(row: $0) }.first
        }
    }

    /// Every sweep, newest first.
    public func sweeps() throws -> [SweepRecord] {
        try readers.read { db in
            try db.query("SELECT \(SweepRecord.columns) FROM sweeps ORDER BY id DESC") { SweepRecord(row: $0) }
        }
    }

    /// The sweep's runs in id order.
    public func runs(sweepID: Int64) throws -> [RunRecord] {
        try readers.read { db in
            try db.query("SELECT \(RunRecord.columns) FROM runs WHERE sweep_id = ? ORDER BY id", sweepID) { try RunRecord(row: $0) }
        }
    }

    /// `metric` of every epoch of the sweep's runs: run id → values by epoch (nil where the
    /// epoch has no value).
    /// - Precondition: `metric` is an epoch column name (the caller checked it against `EpochRow`).
    public func metricSeries(sweepID: Int64, metric: String) throws -> [Int64: [Int: Double]] {
        precondition(metric.allSatisfy { $0.isLowercase || $0 == "_" }, "RunStore.metricSeries: \(metric) is not a column name")
        let rows = try readers.read { db in
            try db.query("""
                SELECT e.run_id, e.epoch, e.\(metric) FROM epochs e JOIN runs r ON r.id = e.run_id
                WHERE r.sweep_id = ? AND e.\(metric) IS NOT NULL AND e.epoch <= r.epochs_done
                """, sweepID) { ($0.int64(0), $0.int(1), $0.double(2)) }
        }
        var series: [Int64: [Int: Double]] = [:]
        for (run, epoch, value) in rows { series[run, default: [:]][epoch] = value }
        return series
    }

    /// Cancels every queued run of the sweep at once and marks the running ones to stop.
    /// - Returns: the ids of the runs that were running (their workers stop at the next batch).
    public func cancelSweep(id: Int64) throws -> [Int64] {
        try writer.use { db in
            try db.transaction {
                try db.run("""
                    UPDATE runs SET status = 'cancelled', finished_at = \(Self.now) WHERE sweep_id = ? AND status = 'queued'
                    """, id)
                return try db.query("""
                    UPDATE runs SET cancel_requested = 1 WHERE sweep_id = ? AND status = 'running' RETURNING id
                    """, id) { $0.int64(0) }
            }
        }
    }

    /// Deletes a sweep and its runs (their epochs follow).
    /// - Throws: `StoreError.conflict` while one of its runs is running.
    public func deleteSweep(id: Int64) throws {
        try writer.use { db in
            try db.transaction {
                let running = try db.query("SELECT COUNT(*) FROM runs WHERE sweep_id = ? AND status = 'running'", id) { $0.int(0) }[0]
                if running > 0 { throw StoreError.conflict("sweep \(id) has \(running) running run(s); cancel it first") }
                try db.run("DELETE FROM runs WHERE sweep_id = ?", id)
                if try db.run("DELETE FROM sweeps WHERE id = ?", id) == 0 { throw StoreError.notFound(kind: "sweep", id: id) }
            }
        }
    }
}
