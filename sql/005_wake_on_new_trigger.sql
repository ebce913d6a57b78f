-- Wake idle scheduler nodes when work is added: every statement that inserts Quartz triggers (a submission, a
-- retry, a recovered job) sends NOTIFY agensium_wake at commit. Nodes LISTEN and wake their scheduler thread at
-- once instead of waiting for their next poll (Scheduler:IdleWaitTime).
CREATE OR REPLACE FUNCTION agensium_notify_new_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('agensium_wake', '');
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS agensium_wake_on_insert ON qrtz_triggers;
CREATE TRIGGER agensium_wake_on_insert AFTER INSERT ON qrtz_triggers
    FOR EACH STATEMENT EXECUTE FUNCTION agensium_notify_new_trigger();
