-- The wake-up NOTIFY of sql/005 names the scheduler whose triggers were inserted (qrtz_triggers.sched_name), so a node
-- wakes only that one of its two schedulers (WakeListener): a submission wakes the analyses' scheduler, a cron run-now
-- the maintenance scheduler. With an empty payload every submission also woke the maintenance scheduler, whose
-- acquisition then found nothing: a transaction of two reads per wake, ~0.4 per job in a 1-node drain
-- (docs/benchmarks.md, Scheduler, 2026-12-07 "What one no-op job costs"). One NOTIFY per scheduler named in the
-- statement (PostgreSQL drops a duplicate of one channel and payload within a transaction anyway); an empty payload,
-- as OperatorActions sends after a resume, still wakes both.
CREATE OR REPLACE FUNCTION agensium_notify_new_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    scheduler text;
BEGIN
    FOR scheduler IN SELECT DISTINCT sched_name FROM inserted_triggers LOOP
        PERFORM pg_notify('agensium_wake', scheduler);
    END LOOP;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS agensium_wake_on_insert ON qrtz_triggers;
CREATE TRIGGER agensium_wake_on_insert AFTER INSERT ON qrtz_triggers
    REFERENCING NEW TABLE AS inserted_triggers
    FOR EACH STATEMENT EXECUTE FUNCTION agensium_notify_new_trigger();
