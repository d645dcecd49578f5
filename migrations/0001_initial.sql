-- 0001_initial: runs, their per-epoch metrics, ROC curves and confusion matrices.
--
-- A shipped migration is never edited: change the schema with a new 0002_name.sql.
-- No BEGIN/COMMIT here: the migrator runs each file in a transaction of its own.
-- Times are ISO-8601 UTC text ("2026-11-29T03:00:00Z"), so they sort and read as written.
-- JSON columns hold text written by JSONEncoder; SQL never looks inside them.

-- AUTOINCREMENT: an id is never reused after a delete, so /api/runs/7 and the "created"
-- order (which is id order) keep meaning one run.
CREATE TABLE runs (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    name                TEXT    NOT NULL,
    dataset             TEXT    NOT NULL,
    model_type          TEXT    NOT NULL,
    spec_json           TEXT    NOT NULL,
    status              TEXT    NOT NULL DEFAULT 'queued'
                        CHECK (status IN ('queued', 'running', 'finished', 'failed', 'cancelled')),
    created_at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
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
    test_accuracy       REAL,   -- the latest epoch's; NULL before the first epoch
    auc_macro           REAL,   -- the latest epoch's
    best_test_accuracy  REAL,   -- max over the run's epochs
    train_seconds_total REAL    NOT NULL DEFAULT 0,
    layers_json         TEXT
);

-- Filters of GET /api/runs, each ending in id for the keyset order and the newest-first default.
CREATE INDEX runs_status     ON runs (status, id);
CREATE INDEX runs_dataset    ON runs (dataset, id);
CREATE INDEX runs_model_type ON runs (model_type, id);
CREATE INDEX runs_name       ON runs (name, id);
-- Metric sorts, id as the tiebreak; NULLs (no epoch yet) are read as a separate last segment.
CREATE INDEX runs_test_accuracy ON runs (test_accuracy, id);
CREATE INDEX runs_auc_macro     ON runs (auc_macro, id);

-- One row per run and epoch. Metrics are NULL where the Swift value was NaN
-- (e.g. an AUC with a class absent from the test split).
CREATE TABLE epochs (
    run_id             INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    epoch              INTEGER NOT NULL CHECK (epoch >= 1),
    train_seconds      REAL,
    train_loss         REAL,
    train_accuracy     REAL,
    test_loss          REAL,
    test_accuracy      REAL,
    auc_macro          REAL,
    auc_micro          REAL,
    samples_per_second REAL,
    eval_seconds       REAL,
    PRIMARY KEY (run_id, epoch)
) WITHOUT ROWID;

-- ROC curves of one epoch: one per class ('0', '1', …) plus 'micro' and 'macro'.
-- They hang off their epoch row, so replacing or deleting an epoch takes its curves along.
CREATE TABLE roc_curves (
    run_id   INTEGER NOT NULL,
    epoch    INTEGER NOT NULL,
    curve    TEXT    NOT NULL
             CHECK (curve IN ('micro', 'macro') OR (curve <> '' AND curve NOT GLOB '*[^0-9]*')),
    auc      REAL,
    fpr_json TEXT    NOT NULL,
    tpr_json TEXT    NOT NULL,
    PRIMARY KEY (run_id, epoch, curve),
    FOREIGN KEY (run_id, epoch) REFERENCES epochs (run_id, epoch) ON DELETE CASCADE
);

-- Confusion matrix of one epoch, matrix[truth][predicted].
CREATE TABLE confusion (
    run_id      INTEGER NOT NULL,
    epoch       INTEGER NOT NULL,
    matrix_json TEXT    NOT NULL,
    PRIMARY KEY (run_id, epoch),
    FOREIGN KEY (run_id, epoch) REFERENCES epochs (run_id, epoch) ON DELETE CASCADE
);
