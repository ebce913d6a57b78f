using Npgsql;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Moves the cron jobs' triggers that an earlier version stored under the analyses' SCHED_NAME to the maintenance
/// scheduler's (<see cref="SchedulerOptions.MaintenanceInstanceName"/>); left there they would go on firing in the
/// analyses' scheduler, behind the queued analyses, besides the maintenance scheduler's own. A trigger is moved whole,
/// columns Quartz may add included (the row is copied as JSON with its SCHED_NAME replaced): its cron, its next fire
/// time (a fire missed while the cluster was down is still run once, FireAndProceed) and its pause (a paused cron job
/// stays paused). One that was acquired or running under the old name is stored WAITING: the old scheduler's fire finds
/// its trigger gone and is dropped (acquired) or ends without a trigger to update (running).
/// <para>
/// One transaction, idempotent, safe with several nodes starting at once: it locks the old job and trigger rows first,
/// so a second node waits for the first and then finds nothing left to move; a trigger that the maintenance scheduler
/// already has is kept (ON CONFLICT DO NOTHING) and the old copy only deleted. The old job rows go when no trigger of
/// the old name refers to them any more (a trigger inserted for them meanwhile waits for this lock, then fails).
/// </para>
/// </summary>
public static class LegacyCronTriggers
{
    private const string P = QuartzSetup.TablePrefix;
    private static readonly string[] TriggerDetailTables = [$"{P}cron_triggers", $"{P}simple_triggers", $"{P}simprop_triggers", $"{P}blob_triggers"];

    /// <summary>Moves them; returns how many triggers were found under <paramref name="from"/>.</summary>
    public static async Task<int> MoveAsync(NpgsqlDataSource db, string from, string to, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        NpgsqlCommand Command(string sql)
        {
            var cmd = new NpgsqlCommand(sql, conn, tx);
            cmd.Parameters.AddWithValue("from", from);
            cmd.Parameters.AddWithValue("to", to);
            cmd.Parameters.AddWithValue("group", MaintenanceScheduler.JobGroup);
            cmd.Parameters.AddWithValue("jobs", MaintenanceScheduler.JobNames);
            return cmd;
        }
        async Task<long> Count(string sql)
        {
            await using var cmd = Command(sql);
            return (long)(await cmd.ExecuteScalarAsync(ct))!;
        }

        const string OldJobs = "sched_name = @from AND job_group = @group AND job_name = ANY(@jobs)";
        await Count($"SELECT count(*) FROM (SELECT 1 FROM {P}job_details WHERE {OldJobs} FOR UPDATE) j");
        var found = (int)await Count($"SELECT count(*) FROM (SELECT 1 FROM {P}triggers WHERE {OldJobs} FOR UPDATE) t");
        if (found > 0)
        {
            await Count($"""
                WITH copied AS (
                  INSERT INTO {P}job_details
                  SELECT (jsonb_populate_record(NULL::{P}job_details, to_jsonb(j) || jsonb_build_object('sched_name', @to))).*
                    FROM {P}job_details j WHERE {OldJobs}
                  ON CONFLICT DO NOTHING RETURNING 1)
                SELECT count(*) FROM copied
                """);
            // The trigger rows and their details (cron expression, ...) in one statement: the details' foreign keys
            // are checked at its end, when the copied triggers exist.
            var details = string.Concat(TriggerDetailTables.Select((table, i) => $"""
                , d{i} AS (
                  INSERT INTO {table}
                  SELECT (jsonb_populate_record(NULL::{table}, to_jsonb(d) || jsonb_build_object('sched_name', @to))).*
                    FROM {table} d JOIN copied c USING (trigger_name, trigger_group)
                   WHERE d.sched_name = @from
                  RETURNING 1)
                """));
            await Count($"""
                WITH copied AS (
                  INSERT INTO {P}triggers
                  SELECT (jsonb_populate_record(NULL::{P}triggers, to_jsonb(t) || jsonb_build_object('sched_name', @to,
                           'trigger_state', CASE WHEN t.trigger_state IN ('PAUSED', 'PAUSED_BLOCKED') THEN 'PAUSED' ELSE 'WAITING' END))).*
                    FROM {P}triggers t WHERE {OldJobs}
                  ON CONFLICT DO NOTHING
                  RETURNING trigger_name, trigger_group)
                {details}
                SELECT count(*) FROM copied
                """);
            await Count($"WITH gone AS (DELETE FROM {P}triggers WHERE {OldJobs} RETURNING 1) SELECT count(*) FROM gone");
        }
        await Count($"""
            WITH gone AS (
              DELETE FROM {P}job_details j WHERE j.{OldJobs}
                 AND NOT EXISTS (SELECT 1 FROM {P}triggers t WHERE t.sched_name = j.sched_name AND t.job_name = j.job_name AND t.job_group = j.job_group)
              RETURNING 1)
            SELECT count(*) FROM gone
            """);
        await tx.CommitAsync(ct);
        return found;
    }
}
