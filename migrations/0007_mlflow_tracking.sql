-- 0007_mlflow_tracking: generic metrics, params and tags for any run, MLflow's experiments,
-- and runs logged from outside (MLflow's tracking API under /api/2.0/mlflow/).
--
-- A run's `source` says who made it: 'mlplab' (trained here from a spec; its metrics stay in
-- `epochs`) or 'external' (created through the MLflow API; no spec, arbitrary metric keys in
-- `metrics`). MLflow times are integers in milliseconds since the epoch.

-- Experiment 0 is MLflow's "Default", which clients use when none is set. mlplab's own runs
-- belong to one experiment per data set, named "mlplab/<dataset>".
CREATE TABLE experiments (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT    NOT NULL UNIQUE,
    artifact_location TEXT    NOT NULL DEFAULT '',
    lifecycle_stage   TEXT    NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
    creation_time     INTEGER NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)),
    last_update_time  INTEGER NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
);
INSERT INTO experiments (id, name) VALUES (0, 'Default');
INSERT INTO experiments (name) SELECT DISTINCT 'mlplab/' || dataset FROM runs ORDER BY dataset;

CREATE TABLE experiment_tags (
    experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    key           TEXT    NOT NULL,
    value         TEXT    NOT NULL,
    PRIMARY KEY (experiment_id, key)
) WITHOUT ROWID;

ALTER TABLE runs ADD COLUMN source TEXT NOT NULL DEFAULT 'mlplab' CHECK (source IN ('mlplab', 'external'));
ALTER TABLE runs ADD COLUMN experiment_id INTEGER REFERENCES experiments (id);
ALTER TABLE runs ADD COLUMN user_id TEXT NOT NULL DEFAULT '';
-- MLflow's start and end times (ms) of external runs; mlplab runs use started_at/finished_at.
ALTER TABLE runs ADD COLUMN start_time INTEGER;
ALTER TABLE runs ADD COLUMN end_time INTEGER;
ALTER TABLE runs ADD COLUMN lifecycle_stage TEXT NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted'));
UPDATE runs SET experiment_id = (SELECT e.id FROM experiments e WHERE e.name = 'mlplab/' || runs.dataset);
CREATE INDEX runs_source ON runs (source, id);
CREATE INDEX runs_experiment ON runs (experiment_id, id);

-- Every logged point; several values may share a key and step (MLflow keeps them all).
-- value is NULL for NaN.
CREATE TABLE metrics (
    run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key       TEXT    NOT NULL,
    step      INTEGER NOT NULL DEFAULT 0,
    timestamp INTEGER NOT NULL,
    value     REAL
);
CREATE INDEX metrics_history ON metrics (run_id, key, step, timestamp);

-- The latest point of each key (largest step, then timestamp, then value), kept on insert:
-- what run objects and search filters read.
CREATE TABLE latest_metrics (
    run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key       TEXT    NOT NULL,
    step      INTEGER NOT NULL,
    timestamp INTEGER NOT NULL,
    value     REAL,
    PRIMARY KEY (run_id, key)
) WITHOUT ROWID;

-- A param is written once (MLflow refuses to change it); a tag may be overwritten.
CREATE TABLE params (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key    TEXT    NOT NULL,
    value  TEXT    NOT NULL,
    PRIMARY KEY (run_id, key)
) WITHOUT ROWID;

CREATE TABLE run_tags (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key    TEXT    NOT NULL,
    value  TEXT    NOT NULL,
    PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
