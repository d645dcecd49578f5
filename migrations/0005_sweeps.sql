-- 0005_sweeps: a sweep expands into runs; runs carry their sweep, their overrides of the
-- sweep's base spec and their configuration (the overrides without the seed); a run stopped
-- by the sweep's early-stopping rule ends `stopped_early`.
--
-- The runs table is rebuilt to widen its status CHECK (SQLite cannot alter a CHECK): the
-- migrator runs this with foreign keys off, so epochs, curves and matrices stay untouched,
-- and checks the keys before committing. Every row is copied as it is.

CREATE TABLE sweeps (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL,
    spec_json    TEXT    NOT NULL,   -- the sweep as submitted, defaults filled in
    metric       TEXT    NOT NULL,   -- the objective: an epoch row key
    goal         TEXT    NOT NULL CHECK (goal IN ('max', 'min')),
    created_at   TEXT    NOT NULL
);

CREATE TABLE runs_new (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    name                TEXT    NOT NULL,
    dataset             TEXT    NOT NULL,
    model_type          TEXT    NOT NULL,
    spec_json           TEXT    NOT NULL,
    status              TEXT    NOT NULL DEFAULT 'queued'
                        CHECK (status IN ('queued', 'running', 'finished', 'failed', 'cancelled', 'stopped_early')),
    created_at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    started_at          TEXT,
    finished_at         TEXT,
    error               TEXT,
    note                TEXT,
    parameters          INTEGER,
    device              TEXT    NOT NULL DEFAULT 'cpu',
    worker              INTEGER,
    epochs_total        INTEGER NOT NULL CHECK (epochs_total >= 0),
    epochs_done         INTEGER NOT NULL DEFAULT 0,
    cancel_requested    INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
    test_accuracy       REAL,
    auc_macro           REAL,
    best_test_accuracy  REAL,
    train_seconds_total REAL    NOT NULL DEFAULT 0,
    layers_json         TEXT,
    wall_seconds        REAL,
    sweep_id            INTEGER REFERENCES sweeps (id) ON DELETE CASCADE,
    overrides_json      TEXT,
    config_key          TEXT
);

INSERT INTO runs_new (id, name, dataset, model_type, spec_json, status, created_at, started_at, finished_at, error,
                      note, parameters, device, worker, epochs_total, epochs_done, cancel_requested, test_accuracy,
                      auc_macro, best_test_accuracy, train_seconds_total, layers_json, wall_seconds)
SELECT id, name, dataset, model_type, spec_json, status, created_at, started_at, finished_at, error,
       note, parameters, device, worker, epochs_total, epochs_done, cancel_requested, test_accuracy,
       auc_macro, best_test_accuracy, train_seconds_total, layers_json, wall_seconds
FROM runs;

DROP TABLE runs;
ALTER TABLE runs_new RENAME TO runs;

CREATE INDEX runs_status     ON runs (status, id);
CREATE INDEX runs_dataset    ON runs (dataset, id);
CREATE INDEX runs_model_type ON runs (model_type, id);
CREATE INDEX runs_name       ON runs (name, id);
CREATE INDEX runs_test_accuracy ON runs (test_accuracy, id);
CREATE INDEX runs_auc_macro     ON runs (auc_macro, id);
CREATE INDEX runs_sweep      ON runs (sweep_id, id);
