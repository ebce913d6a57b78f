-- Tasks from before 007 whose inputs/ prefix the backfill (LegacyInputRegistration) has listed: never listed again,
-- whether it found files or not (a task with none was listed at every node start).
CREATE TABLE IF NOT EXISTS legacy_inputs_checked (
    task_id     varchar(36)  PRIMARY KEY REFERENCES tasks (task_id) ON DELETE CASCADE,
    checked_at  timestamptz  NOT NULL DEFAULT now()
);
