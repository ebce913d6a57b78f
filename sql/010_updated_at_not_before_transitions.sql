-- updated_at is the database's now() (the transaction's start), while the transition timestamps (completed_at,
-- failed_at, …) come from the node's clock corrected to the database's: a few milliseconds apart either way, so
-- updated_at could read earlier than the completed_at the same statement wrote. It is now never earlier than any of
-- them (GREATEST ignores NULLs).
CREATE OR REPLACE FUNCTION tasks_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := GREATEST(now(), NEW.upload_started_at, NEW.processing_started_at, NEW.completed_at,
                               NEW.failed_at, NEW.cancelled_at, NEW.expired_at);
    RETURN NEW;
END;
$$;
