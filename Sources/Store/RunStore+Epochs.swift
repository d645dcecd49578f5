import Wire

/// Per-epoch results: the metrics row, ROC curves and confusion matrix of each epoch.
extension RunStore {
    /// Stores one finished epoch in ONE transaction, so a crash loses at most the epoch in
    /// flight and readers never see its row without its curves.
    ///
    /// Writing the same epoch again replaces it (the write is idempotent). A run restarted
    /// after a crash resumes from its latest checkpoint (without one it retrains from epoch 1
    /// and rewrites its epochs one by one; training is deterministic, so each is rewritten with
    /// the same figures). The run's summary follows this epoch: `epochs_done`
    /// is its number, `test_accuracy`/`auc_macro` are its own, `best_test_accuracy` is the
    /// best and `train_seconds_total` the sum over epochs up to it. NaN metrics are stored as NULL.
    /// - Parameters:
    ///   - curves: per-class, micro and macro curves (may be empty).
    ///   - confusion: `matrix[truth][predicted]`; empty stores no matrix.
    ///   - checkpoint: the training state after the epoch (safetensors bytes), stored in the same
    ///     transaction; older checkpoints but the best go (`storeCheckpoint`). Nil leaves them as they are.
    ///   - predictions: the test set's scores at this epoch; kept while the epoch is the latest or
    ///     the best (`bestEpoch`), dropped in a later epoch's transaction otherwise.
    /// - Throws: `StoreError.notFound` when there is no such run.
    public func recordEpoch(runID: Int64, epoch row: EpochRow, curves: [Curve], confusion: [[Int]],
                            checkpoint: [UInt8]? = nil, predictions: PredictionSet? = nil) throws {
        let e = row.epoch
        let columns = FlatEncoder.columns(of: row)
        let names = columns.map(\.key)
        let upsert = """
            INSERT INTO epochs (run_id, \(names.joined(separator: ", ")))
            VALUES (?\(String(repeating: ", ?", count: names.count)))
            ON CONFLICT (run_id, epoch) DO UPDATE SET \(names.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            """
        let curveRows = try curves.map { ($0, try JSONColumn.encode($0.fpr), try JSONColumn.encode($0.tpr)) }
        let matrix = confusion.isEmpty ? nil : try JSONColumn.encode(confusion)
        try writer.use { db in
            try db.transaction {
                try Self.requireRun(id: runID, in: db)
                try db.run(upsert, bindings: [runID] + columns.map { $0.value as (any SQLBindable)? })
                try db.run("DELETE FROM roc_curves WHERE run_id = ? AND epoch = ?", runID, e)
                let insert = try db.prepare("""
                    INSERT INTO roc_curves (run_id, epoch, curve, auc, fpr_json, tpr_json) VALUES (?, ?, ?, ?, ?, ?)
                    """)
                for (curve, fpr, tpr) in curveRows {
                    insert.reset()
                    try insert.bind([runID, e, curve.curve, curve.auc, fpr, tpr])
                    try insert.step()
                }
                try db.run("DELETE FROM confusion WHERE run_id = ? AND epoch = ?", runID, e)
                if let matrix {
                    try db.run("INSERT INTO confusion (run_id, epoch, matrix_json) VALUES (?, ?, ?)", runID, e, matrix)
                }
                if let checkpoint {
                    try Self.storeCheckpoint(runID: runID, epoch: e, score: row.validationAccuracy ?? row.testAccuracy,
                                             data: checkpoint, in: db)
                }
                if let predictions { try Self.keepPredictions(predictions, runID: runID, epoch: e, in: db) }
                try db.run("""
                    UPDATE runs SET epochs_done = ?, test_accuracy = ?, auc_macro = ?,
                        best_test_accuracy = (SELECT MAX(test_accuracy) FROM epochs WHERE run_id = ? AND epoch <= ?),
                        train_seconds_total = (SELECT COALESCE(SUM(train_seconds), 0) FROM epochs
                                               WHERE run_id = ? AND epoch <= ?)
                    WHERE id = ?
                    """, e, row.testAccuracy, row.aucMacro, runID, e, runID, e, runID)
            }
        }
    }

    /// The run's epochs in order (those after epoch `after`), each column read into the row
    /// field of its name.
    /// - Throws: `StoreError.notFound` when there is no such run.
    public func epochs(runID: Int64, after: Int = 0) throws -> [EpochRow] {
        try readers.read { db in
            try db.transaction(.deferred) {
                try Self.requireRun(id: runID, in: db)
                var columns: [String: Int32]?
                return try db.query("SELECT * FROM epochs WHERE run_id = ? AND epoch > ? ORDER BY epoch", runID, after) { row in
                    let names = columns ?? row.columnIndexes
                    columns = names
                    return try row.decodeRow(EpochRow.self, columns: names)
                }
            }
        }
    }

    /// The ROC curves of one epoch: classes in numeric order, then `micro`, then `macro`.
    /// - Returns: an empty array when that epoch has no curves (the API's 404 for the epoch).
    /// - Throws: `StoreError.notFound` when there is no such run.
    public func curves(runID: Int64, epoch: Int) throws -> [Curve] {
        let rows = try readers.read { db in
            try db.transaction(.deferred) {
                try Self.requireRun(id: runID, in: db)
                return try db.query("""
                    SELECT curve, auc, fpr_json, tpr_json FROM roc_curves WHERE run_id = ? AND epoch = ?
                    ORDER BY CASE curve WHEN 'micro' THEN 1 WHEN 'macro' THEN 2 ELSE 0 END, CAST(curve AS INTEGER)
                    """, runID, epoch) { ($0.text(0), $0.doubleOrNil(1), $0.text(2), $0.text(3)) }
            }
        }
        return try rows.map { curve, auc, fpr, tpr in
            Curve(curve: curve, auc: auc, fpr: try JSONColumn.decode([Double].self, from: fpr),
                        tpr: try JSONColumn.decode([Double].self, from: tpr))
        }
    }

    /// The confusion matrix of one epoch, `matrix[truth][predicted]`.
    /// - Returns: nil when that epoch has no matrix.
    /// - Throws: `StoreError.notFound` when there is no such run.
    public func confusion(runID: Int64, epoch: Int) throws -> [[Int]]? {
        let text = try readers.read { db in
            try db.transaction(.deferred) {
                try Self.requireRun(id: runID, in: db)
                return try db.query("SELECT matrix_json FROM confusion WHERE run_id = ? AND epoch = ?",
                                    runID, epoch) { $0.text(0) }.first
            }
        }
        return try text.map { try JSONColumn.decode([[Int]].self, from: $0) }
    }
}
