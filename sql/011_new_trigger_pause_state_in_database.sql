-- Analysis triggers are now stored by one INSERT of the service's own (Jobs/OneShotTriggerWriter) instead of Quartz's
-- schedule round, which asked three questions before its insert: is the trigger's group paused, is everything paused,
-- is the job's group paused. The row trigger of sql/008 already answered the first one from committed state under the
-- group's advisory lock; it now answers all three, so a trigger is stored PAUSED or WAITING as Quartz would store it,
-- whoever writes it. (Before, a trigger Quartz stored PAUSED because its job group was paused was put back to WAITING
-- here.)
--
-- One difference from Quartz, on purpose: when everything is paused (PauseAll) and the trigger's group has no pause row
-- of its own, Quartz writes one for the group; this trigger does not. Writing it here would take the group's lock
-- exclusively (sql/008's trigger on qrtz_paused_trigger_grps) while this insert holds it shared, and two such inserts
-- would deadlock. Nothing is lost: ResumeAll resumes every trigger of every group, and resuming the one group resumes
-- its triggers, row or no row.
--
-- What the per-group lock orders: a trigger insert against a pause or resume of its own group (every queue pause and
-- resume of the service). PauseAll/ResumeAll and job-group pauses are Quartz operations the service does not use; they
-- are ordered against an insert only through the rows they write for groups that exist.
CREATE OR REPLACE FUNCTION agensium_trigger_follows_group_pause() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.trigger_state NOT IN ('WAITING', 'PAUSED') THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock_shared(7301, agensium_trigger_group_lock_key(NEW.sched_name, NEW.trigger_group));
    NEW.trigger_state := CASE
        WHEN EXISTS (SELECT 1 FROM qrtz_paused_trigger_grps p
                      WHERE p.sched_name = NEW.sched_name AND p.trigger_group IN (NEW.trigger_group, '_$_ALL_GROUPS_PAUSED_$_'))
          OR EXISTS (SELECT 1 FROM qrtz_paused_job_grps j
                      WHERE j.sched_name = NEW.sched_name AND j.job_group = NEW.job_group)
        THEN 'PAUSED' ELSE 'WAITING' END;
    RETURN NEW;
END;
$$;
