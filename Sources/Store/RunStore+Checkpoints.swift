import Wire

/// Each run's latest and best checkpoint (safetensors bytes the trainer wrote), written with
/// their epoch row by `recordEpoch`.
extension RunStore {
    /// Stores `data` as epoch `epoch`'s checkpoint inside the caller's transaction (the one
    /// that writes the epoch row), then deletes every other checkpoint of the run but the best
    /// up to this epoch (`bestEpoch`, the rule stored predictions follow too): what is left is
    /// the latest and the best (one row when they coincide). `score` is kept for the listing.
    static func storeCheckpoint(runID: Int64, epoch: Int, score: Double?, data: [UInt8], in db: Database) throws {
        try db.run("""
            INSERT INTO checkpoints (run_id, epoch, score, data) VALUES (?, ?, ?, ?)
            ON CONFLICT (run_id, epoch) DO UPDATE SET score = excluded.score, data = excluded.data
            """, runID, epoch, score, data)
        let best = try bestEpoch(runID: runID, upTo: epoch, in: db) ?? epoch
        try db.run("DELETE FROM checkpoints WHERE run_id = ? AND epoch NOT IN (?, ?)", runID, epoch, best)
    }

    /// The run's stored checkpoints, oldest epoch first, with which is the latest and which the best.
    /// - Throws: `StoreError.notFound` when there is no such run.
    public func checkpoints(runID: Int64) throws -> [CheckpointInfo] {
        let rows = try readers.read { db in
            try db.transaction(.deferred) {
                try Self.requireRun(id: runID, in: db)
                return try db.query("SELECT epoch, score, length(data) FROM checkpoints WHERE run_id = ? ORDER BY epoch",
                                    runID) { ($0.int(0), $0.doubleOrNil(1), $0.int(2)) }
            }
        }
        let latest = rows.last?.0
        let best = rows.max { a, b in (a.1 ?? -1, b.0) < (b.1 ?? -1, a.0) }?.0      // highest score, earliest on ties
        return rows.map { CheckpointInfo(epoch: $0.0, latest: $0.0 == latest, best: $0.0 == best, score: $0.1, bytes: $0.2) }
    }

    /// The checkpoint bytes of one epoch, or nil when that epoch has none (kept: latest and best).
    /// - Throws: `StoreError.notFound` when there is no such run.
    public func checkpoint(runID: Int64, epoch: Int) throws -> [UInt8]? {
        try readers.read { db in
            try db.transaction(.deferred) {
                try Self.requireRun(id: runID, in: db)
                return try db.query("SELECT data FROM checkpoints WHERE run_id = ? AND epoch = ?", runID, epoch) { $0.blob(0) }.first
            }
        }
    }

    /// Where a re-queued run (`runs` in the statement) picks up, for its note: "resumes at epoch
    /// 7 from the checkpoint of epoch 6" after its latest checkpoint; NULL when it has none.
    static let resumeNoteSQL = """
        'resumes at epoch ' || ((SELECT MAX(epoch) FROM checkpoints WHERE run_id = runs.id) + 1)
            || ' from the checkpoint of epoch ' || (SELECT MAX(epoch) FROM checkpoints WHERE run_id = runs.id)
        """

    /// The latest checkpoint's epoch and bytes, or nil when the run has none.
    public func latestCheckpoint(runID: Int64) throws -> (epoch: Int, data: [UInt8])? {
        try readers.read { db in
            try db.query("SELECT epoch, data FROM checkpoints WHERE run_id = ? ORDER BY epoch DESC LIMIT 1", runID) {
                ($0.int(0), $0.blob(1))
            }.first
        }
    }
}
