import Wire

/// One row of `runs`, as stored: the API's run object is built from it (spec and layers are
/// kept as the JSON text they were submitted as; times are ISO-8601 UTC strings).
public struct RunRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var status: RunStatus
    public var dataset: String
    public var modelType: String
    public var specJSON: String
    public var createdAt: String
    public var startedAt: String?
    public var finishedAt: String?
    /// Why the run failed, for `failed` runs.
    public var error: String?
    /// A remark from the service, e.g. that a restart interrupted the run.
    public var note: String?
    public var parameters: Int?
    public var device: String
    /// The worker thread that claimed the run.
    public var worker: Int?
    public var epochsTotal: Int
    public var epochsDone: Int
    /// A cancel was asked for while the run was running; its worker stops at the next batch.
    public var cancelRequested: Bool
    /// The latest epoch's test accuracy; nil before the first epoch.
    public var testAccuracy: Double?
    /// The latest epoch's macro-averaged ROC-AUC.
    public var aucMacro: Double?
    /// The best test accuracy over the run's epochs.
    public var bestTestAccuracy: Double?
    public var trainSecondsTotal: Double
    public var layersJSON: String?
    /// Seconds from start to end of the last attempt, monotonic clock; nil until it ends.
    public var wallSeconds: Double?
    /// The sweep the run belongs to, its overrides of the sweep's base spec (JSON object text)
    /// and its configuration (the overrides but the seed: runs of one configuration differ by seed).
    public var sweepID: Int64?
    public var overridesJSON: String?
    public var configKey: String?
    /// The engine the run trains on (`Trainer.backend.name`), set when its worker starts it.
    public var engine: String?
    /// Who made the run: `mlplab` (trained here from a spec) or `external` (the MLflow API).
    public var source: RunSource = .mlplab
    /// The MLflow experiment it belongs to (mlplab's runs: one per data set).
    public var experimentID: Int64 = 0
    public var userID: String = ""
    /// MLflow's start and end times of an external run, ms since the epoch.
    public var startTime: Int64?
    public var endTime: Int64?
    /// `active`, or `deleted` after an MLflow delete (restorable; hidden from listings).
    public var lifecycleStage: String = "active"
}


extension RunRecord {
    /// The `runs` columns in the order `init(row:)` reads them.
    static let columns = """
        id, name, status, dataset, model_type, spec_json, created_at, started_at, finished_at, \
        error, note, parameters, device, worker, epochs_total, epochs_done, cancel_requested, \
        test_accuracy, auc_macro, best_test_accuracy, train_seconds_total, layers_json, wall_seconds, \
        sweep_id, overrides_json, config_key, engine, \
        source, COALESCE(experiment_id, 0), user_id, start_time, end_time, lifecycle_stage
        """

    /// How many `columns` are: a query that selects more after them reads those from this index.
    static let columnCount: Int32 = 33

    /// Reads the current row of a statement that selected `columns`.
    /// - Throws: `StoreError.sqlite` for a status this code does not know (a newer schema).
    init(row: Statement) throws {
        let statusText = row.text(2)
        guard let status = RunStatus(rawValue: statusText) else {
            throw StoreError.sqlite(code: 1, message: "run \(row.int64(0)) has unknown status '\(statusText)'")
        }
        self.init(
            id: row.int64(0), name: row.text(1), status: status, dataset: row.text(3),
            modelType: row.text(4), specJSON: row.text(5), createdAt: row.text(6),
            startedAt: row.textOrNil(7), finishedAt: row.textOrNil(8), error: row.textOrNil(9),
            note: row.textOrNil(10), parameters: row.intOrNil(11), device: row.text(12),
            worker: row.intOrNil(13), epochsTotal: row.int(14), epochsDone: row.int(15),
            cancelRequested: row.int64(16) != 0, testAccuracy: row.doubleOrNil(17),
            aucMacro: row.doubleOrNil(18), bestTestAccuracy: row.doubleOrNil(19),
            trainSecondsTotal: row.double(20), layersJSON: row.textOrNil(21), wallSeconds: row.doubleOrNil(22),
            sweepID: row.int64OrNil(23), overridesJSON: row.textOrNil(24), configKey: row.textOrNil(25), engine: row.textOrNil(26),
            source: RunSource(rawValue: row.text(27)) ?? .mlplab, experimentID: row.int64(28), userID: row.text(29),
            startTime: row.int64OrNil(30), endTime: row.int64OrNil(31), lifecycleStage: row.text(32))
    }
}
