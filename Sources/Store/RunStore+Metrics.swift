/// Generic metrics of external runs: (run, key, step, timestamp, value) rows, the latest value
/// of each key, and the params and tags logged beside them, all written in one transaction.
extension RunStore {
    /// Logs metrics, params and tags to an external run in one transaction: all of it lands,
    /// or none of it (MLflow's log-batch; log-metric, log-param and set-tag are batches of one).
    /// - Throws: `StoreError.notFound` (no such run), `.conflict` (an mlplab or deleted run, or
    ///   a param logged again with another value; MLflow never changes a param).
    public func logBatch(runID: Int64, metrics: [MetricPoint], params: [KeyValue], tags: [KeyValue]) throws {
        try writer.use { db in
            try db.transaction {
                _ = try Self.writable(id: runID, in: db)
                for param in params {
                    let old = try db.query("SELECT value FROM params WHERE run_id = ? AND key = ?", runID, param.key) { $0.text(0) }
                    if let old = old.first {
                        if old != param.value {
                            throw StoreError.conflict("""
                                Changing param values is not allowed. Param with key='\(param.key)' was already logged with \
                                value='\(old)' for run ID='\(runID)'. Attempted logging new value '\(param.value)'.
                                """)
                        }
                        continue
                    }
                    try db.run("INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)", runID, param.key, param.value)
                }
                for tag in tags { try Self.setTag(db, runID: runID, tag) }
                var latest: [String: MetricPoint] = [:]
                for m in metrics {
                    try db.run("INSERT INTO metrics (run_id, key, step, timestamp, value) VALUES (?, ?, ?, ?, ?)",
                               runID, m.key, m.step, m.timestamp, m.value.isNaN ? nil : m.value)
                    if let l = latest[m.key], !Self.isLater(m, than: l) { continue }
                    latest[m.key] = m
                }
                // The latest point is the largest (step, timestamp, value), as in MLflow's SQL store;
                // one upsert per key of the batch.
                for m in latest.values {
                    try db.run("""
                        INSERT INTO latest_metrics (run_id, key, step, timestamp, value) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (run_id, key) DO UPDATE SET
                            step = excluded.step, timestamp = excluded.timestamp, value = excluded.value
                        WHERE (excluded.step, excluded.timestamp, COALESCE(excluded.value, -1e308))
                            >= (step, timestamp, COALESCE(value, -1e308))
                        """, runID, m.key, m.step, m.timestamp, m.value.isNaN ? nil : m.value)
                }
            }
        }
    }

    /// `a` comes after `b` in MLflow's order of latest points (step, timestamp, value; NaN lowest).
    static func isLater(_ a: MetricPoint, than b: MetricPoint) -> Bool {
        let x = a.value.isNaN ? -Double.greatestFiniteMagnitude : a.value
        let y = b.value.isNaN ? -Double.greatestFiniteMagnitude : b.value
        return (a.step, a.timestamp, x) >= (b.step, b.timestamp, y)
    }

    /// Every point of one key, by step then timestamp.
    /// - Throws: `StoreError.notFound` when there is no such run.
    public func metricHistory(runID: Int64, key: String) throws -> [MetricPoint] {
        try readers.read { db in
            try db.transaction(.deferred) {
                try Self.requireRun(id: runID, in: db)
                return try db.query("""
                    SELECT key, value, timestamp, step FROM metrics WHERE run_id = ? AND key = ? ORDER BY step, timestamp, rowid
                    """, runID, key) { MetricPoint(key: $0.text(0), value: $0.doubleOrNil(1) ?? .nan, timestamp: $0.int64(2),
                                                   step: $0.int64(3)) }
            }
        }
    }

    /// The latest point of each key of an external run, by key.
    public func latestMetrics(runID: Int64) throws -> [MetricPoint] {
        try readers.read { db in
            try db.query("SELECT key, value, timestamp, step FROM latest_metrics WHERE run_id = ? ORDER BY key", runID) {
                MetricPoint(key: $0.text(0), value: $0.doubleOrNil(1) ?? .nan, timestamp: $0.int64(2), step: $0.int64(3))
            }
        }
    }

    /// The keys an external run has logged, sorted.
    public func metricKeys(runID: Int64) throws -> [String] {
        try readers.read { db in
            try db.query("SELECT key FROM latest_metrics WHERE run_id = ? ORDER BY key", runID) { $0.text(0) }
        }
    }
}
