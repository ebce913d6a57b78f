-- One row per input file a task holds (or is receiving). An upload reserves its row before the object is stored,
-- under a lock on the task row, so the per-task file limit holds however many uploads for one task arrive at once
-- (counting S3 objects first and storing after raced: concurrent uploads all saw room). A row whose object never
-- arrived (the node died between the two) only counts against the limit; processing reads the objects themselves.
CREATE TABLE IF NOT EXISTS task_inputs (
    task_id      varchar(36)  NOT NULL REFERENCES tasks (task_id) ON DELETE CASCADE,
    file_name    text         NOT NULL,
    reserved_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, file_name)
);
