import Wire

/// Remote workers' leases: which attempt of a run a worker holds, so that an epoch or an end
/// from a worker whose run was cancelled or handed to another attempt is refused, and an epoch
/// sent twice (a lost acknowledgement) is stored once.
extension RunStore {
    /// What a remote worker's epoch came to.
    public enum RemoteOutcome: Sendable, Equatable {
        /// Stored now.
        case stored
        /// This attempt already stored that epoch: acknowledged, not stored again.
        case duplicate
        /// The run is not running under this attempt (cancelled, finished, re-queued).
        case notYours
    }

    /// A remote worker's hold on a running run.
    public struct Lease: Sendable, Equatable {
        public let runID: Int64
        public let attempt: Int
        public let executor: String
        public let jobID: String?
        public let jobState: String?
        public let retries: Int

        /// The `run_leases` columns (of the table aliased `l`) in the order `init(row:from:)` reads them.
        static let columns = "l.run_id, l.attempt, l.executor, l.job_id, l.job_state, l.retries"

        /// Reads `columns` from a row, starting at column `first`.
        init(row: Statement, from first: Int32 = 0) {
            (runID, attempt, executor) = (row.int64(first), row.int(first + 1), row.text(first + 2))
            (jobID, jobState, retries) = (row.textOrNil(first + 3), row.textOrNil(first + 4), row.int(first + 5))
        }
    }

    /// Hands a running run (just claimed) to a remote executor: its next attempt.
    /// - Returns: the new attempt number (1 for a run never handed out before).
    public func lease(runID: Int64, executor: String) throws -> Int {
        try writer.use { db in
            try db.transaction {
                try Self.requireRun(id: runID, in: db)
                return try db.query("""
                    INSERT INTO run_leases (run_id, attempt, executor, updated_at) VALUES (?, 1, ?, \(Self.now))
                    ON CONFLICT (run_id) DO UPDATE SET attempt = attempt + 1, executor = excluded.executor,
                        job_id = NULL, job_state = NULL, updated_at = excluded.updated_at
                    RETURNING attempt
                    """, runID, executor) { $0.int(0) }[0]
            }
        }
    }

    /// The run's lease, or nil for a run no remote worker ever held.
    public func lease(runID: Int64) throws -> Lease? {
        try readers.read { db in
            try db.query("SELECT \(Lease.columns) FROM run_leases l WHERE l.run_id = ?", runID) {
                Lease(row: $0)
            }.first
        }
    }

    /// The run with this id and its lease (nil for a run no remote worker ever held) in one read:
    /// what GET /api/runs/{id} shows, its most frequent request.
    public func runAndLease(id: Int64) throws -> (run: RunRecord, lease: Lease?)? {
        try readers.read { db in
            try db.query("""
                SELECT \(RunRecord.columns), \(Lease.columns)
                FROM runs LEFT JOIN run_leases l ON l.run_id = runs.id WHERE runs.id = ?
                """, id) { row in
                let at = RunRecord.columnCount
                return (run: try RunRecord(row: row), lease: row.isNull(at) ? nil : Lease(row: row, from: at))
            }.first
        }
    }

    /// The running run that `attempt` holds, or nil when it holds none (any more).
    public func heldRun(runID: Int64, attempt: Int) throws -> RunRecord? {
        try readers.read { db in
            try db.query("""
                SELECT \(RunRecord.columns) FROM runs JOIN run_leases ON run_leases.run_id = runs.id
                WHERE runs.id = ? AND runs.status = 'running' AND run_leases.attempt = ?
                """, runID, attempt) { try RunRecord(row: $0) }.first
        }
    }

    /// Stores a remote worker's epoch once, as `recordEpoch` stores a local run's (its checkpoint
    /// and predictions in the same transaction, the same latest-and-best pruning): refused unless
    /// `attempt` holds the running run, acknowledged without a write when that epoch is already
    /// stored. Callers serialize the calls for one run (the check and the write are two steps).
    public func recordRemoteEpoch(runID: Int64, attempt: Int, epoch row: EpochRow, curves: [Curve], confusion: [[Int]],
                                  checkpoint: [UInt8]? = nil, predictions: PredictionSet? = nil) throws -> RemoteOutcome {
        guard let done = try readers.read({ db in try Self.heldEpochsDone(runID: runID, attempt: attempt, in: db) }) else {
            return .notYours
        }
        if row.epoch <= done { return .duplicate }
        try recordEpoch(runID: runID, epoch: row, curves: curves, confusion: confusion, checkpoint: checkpoint,
                        predictions: predictions)
        return .stored
    }

    /// Ends a remote worker's run, unless `attempt` no longer holds it.
    /// - Returns: whether the run was ended.
    public func finishRemote(runID: Int64, attempt: Int, status: RunStatus, error: String?, wallSeconds: Double?) throws -> Bool {
        precondition(status.isFinal, "RunStore.finishRemote: \(status) is not a final status")
        return try writer.use { db in
            try db.transaction {
                guard try Self.heldEpochsDone(runID: runID, attempt: attempt, in: db) != nil else { return false }
                try db.run("UPDATE runs SET status = ?, error = ?, finished_at = \(Self.now), wall_seconds = ? WHERE id = ?",
                           status.rawValue, error, wallSeconds, runID)
                return true
            }
        }
    }

    private static func heldEpochsDone(runID: Int64, attempt: Int, in db: Database) throws -> Int? {
        try db.query("""
            SELECT runs.epochs_done FROM runs JOIN run_leases ON run_leases.run_id = runs.id
            WHERE runs.id = ? AND runs.status = 'running' AND run_leases.attempt = ?
            """, runID, attempt) { $0.int(0) }.first
    }

    // MARK: - Following jobs

    /// The running runs leased to `executor`, with their leases.
    public func leasedRuns(executor: String) throws -> [(run: RunRecord, lease: Lease)] {
        try readers.read { db in
            try db.transaction(.deferred) {
                let leases = try db.query("""
                    SELECT \(Lease.columns)
                    FROM run_leases l JOIN runs ON runs.id = l.run_id
                    WHERE runs.status = 'running' AND l.executor = ? ORDER BY l.run_id
                    """, executor) {
                    Lease(row: $0)
                }
                return try leases.compactMap { lease in try Self.findRun(id: lease.runID, in: db).map { ($0, lease) } }
            }
        }
    }

    /// Leases of runs that ended (their worker reported it) while their job's last seen state
    /// was not one of `ended`: the executor records the job's final state once more.
    public func settlingLeases(executor: String, ended: Set<String>) throws -> [Lease] {
        let states = ended.sorted()
        return try readers.read { db in
            try db.query("""
                SELECT \(Lease.columns)
                FROM run_leases l JOIN runs ON runs.id = l.run_id
                WHERE runs.status != 'running' AND l.executor = ? AND l.job_id IS NOT NULL
                  AND COALESCE(l.job_state, '') NOT IN (\(states.map { _ in "?" }.joined(separator: ", "))) ORDER BY l.run_id
                """, bindings: [executor as (any SQLBindable)?] + states.map { $0 as (any SQLBindable)? }) {
                Lease(row: $0)
            }
        }
    }

    /// Records the job that runs `attempt` of the run, and its state.
    public func setJob(runID: Int64, attempt: Int, jobID: String?, state: String?) throws {
        try writer.use { db in
            _ = try db.run("""
                UPDATE run_leases SET job_id = COALESCE(?, job_id), job_state = ?, updated_at = \(Self.now)
                WHERE run_id = ? AND attempt = ?
                """, jobID, state, runID, attempt)
        }
    }

    /// Puts a run whose job was lost back in the queue, counting the retry, unless `attempt` no
    /// longer holds it. Its next attempt resumes after the latest checkpoint; the note is `reason`
    /// and where it resumes ("...; resumes at epoch 4 from the checkpoint of epoch 3", or
    /// "...; from epoch 1 (no checkpoint yet)").
    /// - Returns: whether it was re-queued.
    public func requeueLost(runID: Int64, attempt: Int, note reason: String) throws -> Bool {
        try writer.use { db in
            try db.transaction {
                guard try Self.heldEpochsDone(runID: runID, attempt: attempt, in: db) != nil else { return false }
                try db.run("""
                    UPDATE runs SET status = 'queued', worker = NULL,
                        note = ? || '; ' || COALESCE(\(Self.resumeNoteSQL), 'from epoch 1 (no checkpoint yet)')
                    WHERE id = ?
                    """, reason, runID)
                try db.run("UPDATE run_leases SET retries = retries + 1, updated_at = \(Self.now) WHERE run_id = ?", runID)
                return true
            }
        }
    }
}
