import Wire

/// Moving runs between states: claim, finish, cancel, delete, and recovery after a restart.
extension RunStore {
    /// Atomically takes the oldest queued run of `device` ("cpu", "gpu:0") for `worker`: it becomes `running`, with
    /// `started_at` and `worker` set. A run that ran before (re-queued after a restart) resumes
    /// after its latest checkpoint, so its `epochs_done` and `train_seconds_total` go back to
    /// that epoch's (0 without a checkpoint: it starts over).
    /// - Returns: the claimed run, or nil when nothing is queued.
    public func claimNextQueued(worker: Int, device: String = "cpu") throws -> RunRecord? {
        try writer.use { db in
            try db.transaction {
                try db.query("""
                    UPDATE runs SET status = 'running', started_at = \(Self.now), finished_at = NULL, wall_seconds = NULL,
                        worker = ?,
                        epochs_done = COALESCE((SELECT MAX(epoch) FROM checkpoints WHERE run_id = runs.id), 0),
                        train_seconds_total = (SELECT COALESCE(SUM(train_seconds), 0) FROM epochs WHERE run_id = runs.id
                            AND epoch <= COALESCE((SELECT MAX(epoch) FROM checkpoints WHERE run_id = runs.id), 0))
                    WHERE id = (SELECT id FROM runs WHERE status = 'queued' AND source = 'mlplab' AND device = ?
                                ORDER BY id LIMIT 1)
                    RETURNING \(RunRecord.columns)
                    """, worker, device) { try RunRecord(row: $0) }.first
            }
        }
    }

    /// Records the engine a claimed run trains on.
    /// - Throws: `StoreError.notFound` when there is no such run.
    public func setEngine(runID: Int64, engine: String) throws {
        try writer.use { db in
            if try db.run("UPDATE runs SET engine = ? WHERE id = ?", engine, runID) == 0 {
                throw StoreError.notFound(kind: "run", id: runID)
            }
        }
    }

    /// Ends a run: sets its final `status`, the `error` (for failures), `finished_at` and the
    /// attempt's `wall_seconds` (measured by the worker on a monotonic clock).
    /// On a full disk it gives up the reserve (`RunStore+Space`) and tries once more, so a run
    /// whose epoch could not be stored still ends `failed` rather than staying `running`.
    /// - Parameter status: `.finished`, `.failed` or `.cancelled`.
    /// - Throws: `StoreError.notFound` when there is no such run.
    public func finish(runID: Int64, status: RunStatus, error: String? = nil, wallSeconds: Double? = nil) throws {
        precondition(status.isFinal, "RunStore.finish: \(status) is not a final status")
        try usingReserve {
            try writer.use { db in
                let changed = try db.run("""
                    UPDATE runs SET status = ?, error = ?, finished_at = \(Self.now), wall_seconds = ? WHERE id = ?
                    """, status.rawValue, error, wallSeconds, runID)
                if changed == 0 { throw StoreError.notFound(kind: "run", id: runID) }
            }
        }
    }

    /// Asks for a run to stop. A queued run is cancelled at once; a running one gets
    /// `cancel_requested`, which its worker polls between batches; a run already over is left
    /// as it is (cancelling twice is not an error).
    /// - Returns: the run after the request.
    /// - Throws: `StoreError.notFound` when there is no such run.
    public func requestCancel(runID: Int64) throws -> RunRecord {
        try writer.use { db in
            try db.transaction {
                try db.run("""
                    UPDATE runs SET
                        status = CASE status WHEN 'queued' THEN 'cancelled' ELSE status END,
                        finished_at = CASE status WHEN 'queued' THEN \(Self.now) ELSE finished_at END,
                        cancel_requested = CASE status WHEN 'running' THEN 1 ELSE cancel_requested END
                    WHERE id = ?
                    """, runID)
                return try Self.run(id: runID, in: db)
            }
        }
    }

    /// Deletes a run with its epochs, curves and matrices.
    /// - Throws: `StoreError.conflict` while it is running (cancel it first),
    ///   `StoreError.notFound` when there is no such run.
    public func delete(runID: Int64) throws {
        try writer.use { db in
            try db.transaction {
                let run = try Self.run(id: runID, in: db)
                if run.status == .running && run.source == .mlplab {   // an external run ends when its client says
                    throw StoreError.conflict("run \(runID) is running; cancel it before deleting it")
                }
                try db.run("DELETE FROM runs WHERE id = ?", runID)
            }
        }
    }

    /// Puts every run left `running` (its worker died with the last process) back in the queue,
    /// leaving a note that says where it resumes (after its latest checkpoint; from epoch 1
    /// without one). A run whose
    /// cancel was pending is not trained again: it ends `cancelled`, as its user asked.
    /// Call once at start-up, before any worker claims.
    /// - Returns: the ids re-queued, oldest first.
    public func requeueInterrupted(keepingLeasesOf executor: String? = nil) throws -> [Int64] {
        // Runs leased to `executor` (Slurm jobs) go on without the service: it follows them again.
        let kept = "NOT EXISTS (SELECT 1 FROM run_leases l WHERE l.run_id = runs.id AND l.executor = ?)"
        return try writer.use { db in
            try db.transaction {
                try db.run("""
                    UPDATE runs SET status = 'cancelled', finished_at = \(Self.now), worker = NULL
                    WHERE status = 'running' AND cancel_requested = 1 AND source = 'mlplab' AND \(kept)
                    """, executor ?? "")
                return try db.query("""
                    UPDATE runs SET status = 'queued', worker = NULL,
                        note = COALESCE('interrupted by a restart; ' || \(Self.resumeNoteSQL), ?)
                    WHERE status = 'running' AND source = 'mlplab' AND \(kept) RETURNING id
                    """, Self.interruptedNote, executor ?? "") { $0.int64(0) }.sorted()
            }
        }
    }
}
