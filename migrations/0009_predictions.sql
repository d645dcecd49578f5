-- 0009_predictions: the test set's class scores (softmax probabilities) of a run's latest and
-- best epochs, written with the epoch row in one transaction; other epochs' are dropped then.
-- One row per epoch, not per image: labels is N bytes (the true classes), scores is N×classes
-- little-endian float32, row-major. The predicted class and its confidence are the row's argmax
-- and maximum, read from the scores. Deleting the epoch (or the run) takes its row along.
CREATE TABLE predictions (
    run_id  INTEGER NOT NULL,
    epoch   INTEGER NOT NULL,
    classes INTEGER NOT NULL CHECK (classes >= 1),
    labels  BLOB    NOT NULL,
    scores  BLOB    NOT NULL,
    PRIMARY KEY (run_id, epoch),
    FOREIGN KEY (run_id, epoch) REFERENCES epochs (run_id, epoch) ON DELETE CASCADE
) WITHOUT ROWID;
