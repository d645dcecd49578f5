import Wire

/// The runs and their per-epoch results, in one SQLite file. Safe to call from many threads.
///
/// Writes go through one connection behind a `Lock` (SQLite allows one writer at a time
/// anyway, and queueing in-process is cheaper than `SQLITE_BUSY` retries); reads use a small
/// pool of other connections, which WAL lets run beside the writer. Every method is one
/// transaction, so callers never see half an epoch or a run claimed twice.
///
/// ```swift
/// let store = try RunStore(path: "mlplab.sqlite3", migrationsDirectory: "migrations")
/// let run = try store.createRun(NewRun(name: "seed-mlp", dataset: "mnist", modelType: "mlp",
///                                      specJSON: specText, epochsTotal: 10))
/// let claimed = try store.claimNextQueued(worker: 0)   // that run, now running
/// ```
public final class RunStore: Sendable {
    /// The note left on a run that a restart took off its worker before any checkpoint (one with
    /// a checkpoint gets "interrupted by a restart; resumes at epoch 7 from the checkpoint of epoch 6").
    public static let interruptedNote = "interrupted by a restart; training restarts from epoch 1 (no checkpoint yet)"

    /// The database file.
    public let path: String
    let writer: Connection
    let readers: ReaderPool

    /// Opens (creating if needed) the database at `path` and applies any pending migrations.
    ///
    /// An existing file is checked before anything writes to it, and the write lock is taken
    /// once (and given back) before migrating, so a file that cannot be used is refused at start,
    /// untouched, rather than failing the first epoch.
    /// - Parameters:
    ///   - path: a file path (not `:memory:`: the reader connections must see the same data).
    ///   - migrationsDirectory: the repository's `migrations/` folder.
    ///   - readers: how many read connections to keep open.
    ///   - busyTimeout: seconds to wait for a lock another process holds.
    /// - Throws: `StoreError.unusable(path:problem:)` naming the file and the problem: not an
    ///   SQLite database, truncated, damaged, read-only, locked by another process, written by a
    ///   newer mlplab, or a migration that fails.
    public init(path: String, migrationsDirectory: String, readers: Int = 8, busyTimeout: Double = 5) throws {
        precondition(path != ":memory:" && !path.isEmpty, "RunStore: needs a file path, got '\(path)'")
        self.path = path
        do {
            try DatabaseFile.check(path)
            let db = try Database(path: path, busyTimeout: busyTimeout, journal: false)
            try db.transaction(.immediate) {}           // the write lock: free, or held by another process
            let migrator = Migrator(directory: migrationsDirectory)
            try migrator.refuseNewer(db)                // before WAL mode rewrites the header
            try db.useWAL(path: path)
            try migrator.migrate(db)
            writer = Connection(db)
            self.readers = try ReaderPool(path: path, count: readers)
            makeReserve()
        } catch let error as StoreError {
            throw StoreError.unusable(path: path, problem: DatabaseFile.problem(for: error, busyTimeout: busyTimeout))
        }
    }

    // MARK: - Creating and reading runs

    /// Adds a run in the `queued` state.
    /// - Returns: the stored run, with its id and creation time.
    /// - Throws: `StoreError.diskFull` when the database's disk has less than `minimumFreeBytes` free.
    public func createRun(_ new: NewRun) throws -> RunRecord {
        try requireSpace()
        return try writer.use { db in
            try db.transaction {
                // mlplab's runs belong to an MLflow experiment per data set ("mlplab/mnist").
                // (Not INSERT OR IGNORE: an ignored insert would still use up an AUTOINCREMENT id.)
                try Self.ensureExperiment(dataset: new.dataset, in: db)
                return try Self.run(id: try Self.insert(new, in: db), in: db)
            }
        }
    }

    /// The run with this id, or nil.
    public func run(id: Int64) throws -> RunRecord? {
        try readers.read { db in try Self.findRun(id: id, in: db) }
    }

    /// How many of mlplab's own runs are in each state (the training queue; runs logged through
    /// MLflow's API are not counted); every status is present, with 0 when none.
    public func counts() throws -> [String: Int] {
        try readers.read { db in
            var counts = Dictionary(uniqueKeysWithValues: RunStatus.allCases.map { ($0.rawValue, 0) })
            for (status, count) in try db.query("SELECT status, COUNT(*) FROM runs WHERE source = 'mlplab' GROUP BY status", row: {
                ($0.text(0), $0.int(1))
            }) { counts[status] = count }
            return counts
        }
    }

    // MARK: - Helpers for the other files

    /// Inserts a queued run inside the caller's transaction.
    /// - Returns: its id.
    static func insert(_ new: NewRun, in db: Database) throws -> Int64 {
        try db.run("""
            INSERT INTO runs (name, dataset, model_type, spec_json, parameters, device, epochs_total, layers_json,
                              sweep_id, overrides_json, config_key, created_at, experiment_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(now), (SELECT id FROM experiments WHERE name = 'mlplab/' || ?))
            """, new.name, new.dataset, new.modelType, new.specJSON, new.parameters, new.device,
            new.epochsTotal, new.layersJSON, new.sweepID, new.overridesJSON, new.configKey, new.dataset)
        return db.lastInsertRowID
    }

    /// Creates the MLflow experiment "mlplab/DATASET" that mlplab's runs of that data set belong to.
    static func ensureExperiment(dataset: String, in db: Database) throws {
        try db.run("""
            INSERT INTO experiments (name) SELECT 'mlplab/' || ?1
            WHERE NOT EXISTS (SELECT 1 FROM experiments WHERE name = 'mlplab/' || ?1)
            """, dataset)
    }

    static func findRun(id: Int64, in db: Database) throws -> RunRecord? {
        try db.query("SELECT \(RunRecord.columns) FROM runs WHERE id = ?", id) { try RunRecord(row: $0) }.first
    }

    /// - Throws: `StoreError.notFound(kind: "run", id:)` when there is no such run.
    static func run(id: Int64, in db: Database) throws -> RunRecord {
        guard let run = try findRun(id: id, in: db) else { throw StoreError.notFound(kind: "run", id: id) }
        return run
    }

    /// - Throws: `StoreError.notFound(kind: "run", id:)` when there is no such run.
    static func requireRun(id: Int64, in db: Database) throws {
        if try db.query("SELECT 1 FROM runs WHERE id = ?", id, row: { _ in () }).isEmpty {
            throw StoreError.notFound(kind: "run", id: id)
        }
    }

    /// The current time as stored: ISO-8601 UTC to the millisecond ("2026-12-01T21:43:14.123Z").
    static let now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
}
