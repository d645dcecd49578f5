-- 0002_wall_seconds: how long a run's last attempt took from start to end, measured by its
-- worker on a monotonic clock (the ISO timestamps beside it are wall-clock and may jump).
-- Times written from now on carry milliseconds ("2026-12-01T21:43:14.123Z"); older rows keep
-- their whole seconds, which still sort and parse the same.
ALTER TABLE runs ADD COLUMN wall_seconds REAL;
