-- 0010_tokens_leases: API tokens (`mlplab token create|ls|revoke`) and remote workers' leases. Only a SHA-256 hash of each
-- token's secret is kept; the token itself (`mlp_<id>_<secret>`) is printed once at creation.
--
-- scope: 'read' | 'write' | 'admin' | 'run:<id>' (a worker's token: may write that run only).
-- A revoked token keeps its row (for `token ls`) and stops working at once; its name may be
-- given to a new token.
CREATE TABLE tokens (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    scope       TEXT    NOT NULL CHECK (scope IN ('read', 'write', 'admin') OR scope GLOB 'run:[1-9]*'),
    hash        BLOB    NOT NULL CHECK (length(hash) = 32),
    created_at  TEXT    NOT NULL,
    revoked_at  TEXT
);
CREATE UNIQUE INDEX tokens_active_name ON tokens (name) WHERE revoked_at IS NULL;

-- A run handed to a remote worker (`mlplab worker`, a Slurm job) holds a lease: its attempt
-- number (a worker of an older attempt is refused with 409 and stops), the executor, and the
-- Slurm job that runs it. Runs trained by the service's own threads have no row here.
CREATE TABLE run_leases (
    run_id     INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    attempt    INTEGER NOT NULL CHECK (attempt >= 1),
    executor   TEXT    NOT NULL,
    job_id     TEXT,
    job_state  TEXT,
    retries    INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT    NOT NULL
);
