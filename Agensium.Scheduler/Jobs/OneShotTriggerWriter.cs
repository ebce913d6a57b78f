using System.Collections.Specialized;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Quartz;
using Quartz.Extensibility;
using Quartz.Impl;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Stores a one-shot simple trigger of the analysis job (<see cref="ProcessAnalysisJob"/>) in the Quartz tables with one
/// statement: the trigger row and its simple-trigger row, as Quartz's own insert writes them (column for column;
/// OneShotTriggerWriterTests compares the two). Quartz's ScheduleJob takes a transaction of seven statements for the same rows (an existence read, three
/// paused-group reads, a read of the job, the two inserts), the largest part of a submission's database work.
/// <list type="bullet">
/// <item>A trigger already stored under the key fails on the primary key: <see cref="ObjectAlreadyExistsException"/>,
/// as Quartz reports it.</item>
/// <item>A job that is not stored fails on the foreign key: <see cref="JobPersistenceException"/>.</item>
/// <item>PAUSED or WAITING is decided in the database when the row is inserted (sql/008, sql/011), from the paused
/// groups committed then: the same three questions Quartz asks. That row trigger looks only at the analysis job's
/// triggers, so the writer refuses any other job's.</item>
/// <item>Every node's scheduler, this one's included, is woken by the NOTIFY the insert sends at commit
/// (<see cref="WakeListener"/>).</item>
/// <item>The W3C trace context of the current activity goes into the trigger's data as Quartz's ScheduleJob writes
/// it, so the firing is linked to the request that scheduled it.</item>
/// </list>
/// Only what Quartz would store unchanged is accepted: a simple trigger of the analysis job that fires once, without
/// calendar, end time, preferred node, retry policy or attempt, continuation, overlap policy, fixed delay or misfire
/// threshold of its own.
/// </summary>
public sealed class OneShotTriggerWriter(Data.Database database, IOptions<SchedulerOptions> scheduler)
{
    private static readonly SystemTextJsonObjectSerializer Serializer = new();

    private const string InsertSql = $"""
        WITH t AS (
            INSERT INTO {QuartzSetup.TablePrefix}triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description,
                   next_fire_time, trigger_state, trigger_type, start_time, misfire_instr, job_data, priority,
                   execution_group, preferred_node_auto, retry_attempt)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'WAITING', 'SIMPLE', $8, $9, $10, $11, $12, false, 0)
            RETURNING sched_name, trigger_name, trigger_group)
        INSERT INTO {QuartzSetup.TablePrefix}simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered)
        SELECT sched_name, trigger_name, trigger_group, 0, 0, 0 FROM t
        """;

    /// <summary>Stores the trigger; returns its fire time.</summary>
    public async Task<DateTimeOffset> InsertAsync(ITrigger trigger, CancellationToken ct)
    {
        var operable = Prepare(trigger);
        var fireTime = operable.NextFireTimeUtc!.Value;
        await using var cmd = database.CreateCommand(InsertSql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scheduler.Value.InstanceName });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = operable.Key.Name });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = operable.Key.Group });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = operable.JobKey.Name });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = operable.JobKey.Group });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)operable.Description ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fireTime.UtcTicks });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = operable.StartTimeUtc.UtcTicks });
        cmd.Parameters.Add(new NpgsqlParameter<short> { TypedValue = checked((short)operable.MisfireInstructionCode) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)SerializeJobData(operable.JobDataMap) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = operable.Priority });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)operable.ExecutionGroup ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        try
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ObjectAlreadyExistsException(trigger);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new JobPersistenceException($"The job ({trigger.JobKey}) referenced by the trigger '{trigger.Key}' does not exist.", e);
        }
        return fireTime;
    }

    /// <summary>
    /// What Quartz's ScheduleJob does to a trigger before it stores it, for the triggers this writer accepts: validate
    /// it, record the trace context, compute its first fire time.
    /// </summary>
    private static IOperableTrigger Prepare(ITrigger trigger)
    {
        if (trigger is not IOperableTrigger operable || trigger is not ISimpleTrigger simple)
        {
            throw new ArgumentException($"Trigger '{trigger.Key}' is not a simple trigger; only one-shot simple triggers are written here.", nameof(trigger));
        }
        if (!trigger.JobKey.Equals(ProcessAnalysisJob.Key))
        {
            throw new ArgumentException($"Trigger '{trigger.Key}' is for job '{trigger.JobKey}'; only the analysis job's triggers ({ProcessAnalysisJob.Key}) are written here, where the database decides their pause state.", nameof(trigger));
        }
        var unsupported = new List<string>();
        if (simple.RepeatCount != 0) unsupported.Add("it repeats");
        if (simple.MeasureIntervalFromCompletion) unsupported.Add("a fixed delay");
        if (trigger.RetryAttempt != 0) unsupported.Add("a retry attempt");
        if (trigger.CalendarName is not null) unsupported.Add("a calendar");
        if (trigger.EndTimeUtc is not null) unsupported.Add("an end time");
        if (!trigger.PreferredNode.IsNone) unsupported.Add("a preferred node");
        if (trigger.RetryPolicy is not null) unsupported.Add("a retry policy");
        if (!trigger.Continuation.IsNone) unsupported.Add("a continuation");
        if (trigger.OverlapPolicy != OverlapPolicy.Default) unsupported.Add("an overlap policy");
        if (trigger.MisfireThreshold is not null) unsupported.Add("a misfire threshold");
        if (trigger.PreviousFireTimeUtc is not null) unsupported.Add("a previous fire time");
        if (unsupported.Count > 0)
        {
            throw new ArgumentException($"Trigger '{trigger.Key}' has {string.Join(", ", unsupported)}; only one-shot simple triggers are written here.", nameof(trigger));
        }
        operable.Validate();
        WriteTraceContext(operable.JobDataMap);
        if (operable.ComputeFirstFireTimeUtc(null) is null)
        {
            throw new SchedulerException($"Based on configured schedule, the given trigger '{trigger.Key}' will never fire.");
        }
        return operable;
    }

    /// <summary>Quartz's write-or-remove of the scheduling activity's W3C trace context (QuartzScheduler.WriteTraceContext).</summary>
    private static void WriteTraceContext(JobDataMap map)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } current)
        {
            map[SchedulerConstants.TraceParent] = id;
            if (current.TraceStateString is { Length: > 0 } state)
            {
                map[SchedulerConstants.TraceState] = state;
            }
            else
            {
                map.Remove(SchedulerConstants.TraceState);
            }
            return;
        }
        map.Remove(SchedulerConstants.TraceParent);
        map.Remove(SchedulerConstants.TraceState);
    }

    /// <summary>The job data as Quartz stores it with StoreJobDataAsStrings: string properties, serialized as Quartz's serializer does.</summary>
    private static byte[]? SerializeJobData(JobDataMap map)
    {
        if (map.Count == 0)
        {
            return null;
        }
        var properties = new NameValueCollection(map.Count);
        foreach (var (key, value) in map)
        {
            properties[key] = (value ?? "") as string
                ?? throw new ArgumentException($"Job data '{key}' is not a string; the store keeps job data as strings.", nameof(map));
        }
        return Serializer.Serialize(properties);
    }
}
