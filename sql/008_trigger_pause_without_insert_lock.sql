-- Nodes store analysis triggers without Quartz's cluster-wide TRIGGER_ACCESS lock (Scheduler:LockOnInsert false: with
-- the lock every submission on every node waited for every other one, see docs/benchmarks.md). What that lock also
-- did was order a trigger insert against a pause or resume of its group (a queue), and Quartz decides PAUSED or
-- WAITING for a new trigger from a look at qrtz_paused_trigger_grps taken before the insert. Without the lock, a
-- queue paused in between would get a WAITING trigger (it runs), a queue resumed in between a PAUSED one (it never
-- runs). These triggers restore the order with an advisory lock per trigger group, only for analysis triggers:
--  * an insert holds the group's lock shared until it commits, and decides the state from what is committed then;
--  * a pause or resume takes it exclusively, so it waits for inserts in flight, and a pause then re-pauses what they
--    stored (Quartz's own resume re-reads the group's triggers after deleting the pause row, so it sees them).
CREATE OR REPLACE FUNCTION agensium_trigger_group_lock_key(sched text, grp text) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT hashtext(sched || '/' || grp) $$;

CREATE OR REPLACE FUNCTION agensium_trigger_follows_group_pause() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.trigger_state NOT IN ('WAITING', 'PAUSED') THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock_shared(7301, agensium_trigger_group_lock_key(NEW.sched_name, NEW.trigger_group));
    NEW.trigger_state := CASE WHEN EXISTS (
        SELECT 1 FROM qrtz_paused_trigger_grps p
         WHERE p.sched_name = NEW.sched_name AND p.trigger_group IN (NEW.trigger_group, '_$_ALL_GROUPS_PAUSED_$_'))
        THEN 'PAUSED' ELSE 'WAITING' END;
    RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS agensium_trigger_follows_group_pause ON qrtz_triggers;
CREATE TRIGGER agensium_trigger_follows_group_pause BEFORE INSERT ON qrtz_triggers
    FOR EACH ROW WHEN (NEW.job_name = 'process-analysis' AND NEW.job_group = 'analysis')
    EXECUTE FUNCTION agensium_trigger_follows_group_pause();

CREATE OR REPLACE FUNCTION agensium_group_pause_waits_for_inserts() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    row_ qrtz_paused_trigger_grps%ROWTYPE;
BEGIN
    row_ := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    PERFORM pg_advisory_xact_lock(7301, agensium_trigger_group_lock_key(row_.sched_name, row_.trigger_group));
    IF TG_OP = 'INSERT' THEN
        UPDATE qrtz_triggers SET trigger_state = 'PAUSED'
         WHERE sched_name = row_.sched_name AND trigger_group = row_.trigger_group
           AND trigger_state IN ('WAITING', 'ACQUIRED')
           AND job_name = 'process-analysis' AND job_group = 'analysis';
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS agensium_group_pause_waits_for_inserts ON qrtz_paused_trigger_grps;
CREATE TRIGGER agensium_group_pause_waits_for_inserts AFTER INSERT OR DELETE ON qrtz_paused_trigger_grps
    FOR EACH ROW EXECUTE FUNCTION agensium_group_pause_waits_for_inserts();
