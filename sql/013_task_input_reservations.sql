-- Each upload's reservation has its own identity and its own object. reservation_id is the upload that holds the
-- row: set when an upload reserves a new name, and by every upload that commits under that name. object_key is the
-- committed object of the name (NULL while only reserved): users/{u}/tasks/{t}/inputs/{reservation}/{file_name}, a key
-- no other upload ever writes, so a PUT that S3 applies late (after a timeout) lands under its own failed reservation
-- and can never replace a committed file. A failed upload gives its row back only while it is still its reservation
-- and nothing is committed under it; jobs, /process and the dashboard read object_key.
ALTER TABLE task_inputs ADD COLUMN IF NOT EXISTS reservation_id uuid;
ALTER TABLE task_inputs ADD COLUMN IF NOT EXISTS object_key text;

-- Rows of the earlier scheme: their objects are keyed by name (inputs/{file_name}).
UPDATE task_inputs i
   SET object_key = 'users/' || t.user_id || '/tasks/' || t.task_id || '/inputs/' || i.file_name
  FROM tasks t
 WHERE t.task_id = i.task_id AND i.object_key IS NULL AND i.reservation_id IS NULL;

CREATE INDEX IF NOT EXISTS idx_task_inputs_object_key ON task_inputs (object_key);

-- EXPIRED tasks whose files could not be removed (S3 failed during that cleanup run): the cleanup retries them.
CREATE INDEX IF NOT EXISTS idx_tasks_expired_not_cleaned ON tasks (expired_at) WHERE status = 'EXPIRED' AND NOT s3_cleaned;
