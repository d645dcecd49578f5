-- 0008_checkpoints: each run's latest and best checkpoint (safetensors blobs: weights, optimizer
-- state, random streams, epoch). Written in the same transaction as its epoch row, so no epoch
-- row exists without its checkpoint; older checkpoints are deleted in that transaction.
-- score ranks "best": the epoch's validation accuracy, or its test accuracy without a split.
CREATE TABLE checkpoints (
    run_id  INTEGER NOT NULL,
    epoch   INTEGER NOT NULL,
    score   REAL,
    data    BLOB    NOT NULL,
    PRIMARY KEY (run_id, epoch),
    FOREIGN KEY (run_id, epoch) REFERENCES epochs (run_id, epoch) ON DELETE CASCADE
);
