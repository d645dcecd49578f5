-- 0006_engine: the engine a run trained on ("cpu/onednn/avx512", "cpu/openblas/baseline" for
-- MLPLAB_ENGINE=reference): same spec, seed and engine give bit-identical metrics. NULL for
-- runs that trained before it was recorded, or have not started.
ALTER TABLE runs ADD COLUMN engine TEXT;
