/// The test set's stored predictions (migration 0009): kept for a run's latest and best epochs.
extension RunStore {
    /// THE rule for a run's best epoch, up to `epoch`: the highest validation accuracy when the
    /// run has a validation split, else the highest test accuracy; the earliest epoch on a tie.
    /// (Epochs of a run with a split all carry `validation_accuracy`, so COALESCE picks the
    /// validation figure for every row of such a run and the test figure for every row of the others.)
    /// Stored predictions and checkpoints keep their best by it.
    /// - Returns: nil when the run has no epoch up to `epoch`.
    static func bestEpoch(runID: Int64, upTo epoch: Int = .max, in db: Database) throws -> Int? {
        try db.query("""
            SELECT epoch FROM epochs WHERE run_id = ? AND epoch <= ?
            ORDER BY COALESCE(validation_accuracy, test_accuracy) DESC, epoch ASC LIMIT 1
            """, runID, epoch) { $0.int(0) }.first
    }

    /// Stores epoch `epoch`'s predictions and drops those of every epoch that is now neither the
    /// latest (this one) nor the best. Runs inside `recordEpoch`'s transaction, after the epoch row.
    static func keepPredictions(_ set: PredictionSet, runID: Int64, epoch: Int, in db: Database) throws {
        try db.run("""
            INSERT INTO predictions (run_id, epoch, classes, labels, scores) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (run_id, epoch) DO UPDATE SET classes = excluded.classes, labels = excluded.labels,
                scores = excluded.scores
            """, runID, epoch, set.classes, set.labels, set.scoreBytes)
        let best = try bestEpoch(runID: runID, upTo: epoch, in: db) ?? epoch
        try db.run("DELETE FROM predictions WHERE run_id = ? AND epoch NOT IN (?, ?)", runID, epoch, best)
    }

    /// The epochs whose predictions are stored, in order, with the run's best epoch by `bestEpoch`.
    /// - Throws: `StoreError.notFound` when there is no such run.
    public func predictionEpochs(runID: Int64) throws -> (stored: [Int], best: Int?) {
        try readers.read { db in
            try db.transaction(.deferred) {
                try Self.requireRun(id: runID, in: db)
                let stored = try db.query("SELECT epoch FROM predictions WHERE run_id = ? ORDER BY epoch", runID) {
                    $0.int(0)
                }
                return (stored, try Self.bestEpoch(runID: runID, in: db))
            }
        }
    }

    /// One epoch's stored predictions; nil when that epoch has none (never stored, or dropped).
    /// - Throws: `StoreError.notFound` when there is no such run.
    public func predictions(runID: Int64, epoch: Int) throws -> PredictionSet? {
        let row = try readers.read { db in
            try db.transaction(.deferred) {
                try Self.requireRun(id: runID, in: db)
                return try db.query("SELECT classes, labels, scores FROM predictions WHERE run_id = ? AND epoch = ?",
                                    runID, epoch) { ($0.int(0), $0.blob(1), $0.blob(2)) }.first
            }
        }
        return row.map { classes, labels, scores in
            PredictionSet(epoch: epoch, classes: classes, labels: labels, scores: PredictionSet.scores(from: scores))
        }
    }
}
