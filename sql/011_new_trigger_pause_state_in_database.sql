-- Analysis triggers are now stored by one INSERT of the service's own (Jobs/OneShotTriggerWriter) instead of Quartz's
-- schedule round, which asked three questions before its insert: is the trigger's group paused, is everything paused
-- (then the group gets a pause row of its own, so resuming the group later finds it), is the job's group paused. The
-- row trigger of sql/008 already answered the first one from committed state under the group's advisory lock; it now
-- answers all three, exactly as Quartz's ApplyPausedGroupState does, so a trigger is stored PAUSED or WAITING whoever
-- writes it. (Before, a trigger Quartz stored PAUSED because its job group was paused was put back to WAITING here.)
CREATE OR REPLACE FUNCTION agensium_trigger_follows_group_pause() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.trigger_state NOT IN ('WAITING', 'PAUSED') THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock_shared(7301, agensium_trigger_group_lock_key(NEW.sched_name, NEW.trigger_group));
    IF EXISTS (SELECT 1 FROM qrtz_paused_trigger_grps p
                WHERE p.sched_name = NEW.sched_name AND p.trigger_group = NEW.trigger_group) THEN
        NEW.trigger_state := 'PAUSED';
    ELSIF EXISTS (SELECT 1 FROM qrtz_paused_trigger_grps p
                   WHERE p.sched_name = NEW.sched_name AND p.trigger_group = '_$_ALL_GROUPS_PAUSED_$_') THEN
        -- Paused only because everything is: the group gets its own row, as Quartz writes it (no reason), so that
        -- resuming this group, or everything, resumes the trigger.
        INSERT INTO qrtz_paused_trigger_grps (sched_name, trigger_group) VALUES (NEW.sched_name, NEW.trigger_group)
            ON CONFLICT DO NOTHING;
        NEW.trigger_state := 'PAUSED';
    ELSIF EXISTS (SELECT 1 FROM qrtz_paused_job_grps j
                   WHERE j.sched_name = NEW.sched_name AND j.job_group = NEW.job_group) THEN
        NEW.trigger_state := 'PAUSED';
    ELSE
        NEW.trigger_state := 'WAITING';
    END IF;
    RETURN NEW;
END;
$$;
