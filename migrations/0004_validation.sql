-- 0004_validation: loss, accuracy and macro ROC-AUC on the spec's held-out validation split
-- (the last `validation` training images); NULL for runs without one.
ALTER TABLE epochs ADD COLUMN validation_loss REAL;
ALTER TABLE epochs ADD COLUMN validation_accuracy REAL;
ALTER TABLE epochs ADD COLUMN validation_auc_macro REAL;
