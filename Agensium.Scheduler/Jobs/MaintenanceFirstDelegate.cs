using Quartz.Impl.AdoJobStore;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Quartz's PostgreSQL delegate with two changes: when a node acquires its next trigger, a maintenance job's trigger
/// (the health-check and cleanup cron triggers, and their "Run now" firings) that is due is taken before any other; and
/// given <see cref="AnalysisSlots"/>, a node acquires analyses only while fewer than Scheduler:Concurrency run there, so
/// the one thread its pool has beyond that is left to the cron jobs (a cron fire then starts on time even while every
/// analysis slot is busy with long work; by the order alone it would start when the first analysis ends).
/// <para>
/// Why: Quartz acquires WAITING triggers oldest fire time first (<c>ORDER BY NEXT_FIRE_TIME, PRIORITY DESC</c>), and a
/// queued analysis is dated a day (default) or a week (high_priority) before it was submitted (<see
/// cref="QueueOptions.HeadStart"/>), a recovered one 30 days (<see cref="RecoveryPromoter"/>). A cron trigger carries its
/// real fire time, which it cannot lose: the next fire time is computed from it, and misfires are judged by it. So a
/// cron fire waited behind every queued default and high-priority analysis, also those submitted after it fell due,
/// and while a backlog lasted the health check and cleanup did not run at all (a probe saw the 18:49:00 health check
/// start at 18:49:55). Now the next free slot of any node runs a due maintenance fire, then the backlog goes on in its
/// order. Nothing else changes: the fire time stored, once-per-cluster firing, misfire handling (a fire missed by more
/// than Scheduler:MisfireThreshold is still handled by Quartz's misfire policy, FireAndProceed, which makes it due now:
/// then it is first again), pause/resume, and the order among analyses.
/// </para>
/// <para>
/// How: the acquisition statement becomes two branches of one UNION ALL, each Quartz's own statement with one more
/// condition: first the due maintenance triggers, then every other trigger (the same rows as before, in the same
/// order). The first branch names the two jobs, so PostgreSQL finds them through the (sched_name, job_name, job_group)
/// index rather than reading the backlog; the second keeps the (next_fire_time, priority) index order and stops at the
/// row limit, as before. "Due" is the statement's own clock parameter (now), so a maintenance trigger due later than
/// now is ordered by its fire time as before: a node never holds its slot waiting for a cron fire while analyses are due.
/// A CASE in the ORDER BY would have said the same in one branch but sorted every due trigger (the whole backlog) on
/// each acquisition.
/// </para>
/// </summary>
public class MaintenanceFirstDelegate : PostgreSQLDelegate
{
    private readonly AnalysisSlots? _analysisSlots;

    /// <summary>Due maintenance triggers first; analyses limited by Quartz's execution limits alone.</summary>
    public MaintenanceFirstDelegate()
    {
    }

    /// <summary>
    /// Due maintenance triggers first, and analyses acquired only while fewer than <paramref name="analysisSlots"/>
    /// run on this node: the node's thread pool has <see cref="AnalysisSlots.MaintenanceSlots"/> thread more, which only
    /// a cron job (or another non-analysis job) can then take, so a cron fire starts on time even while every analysis
    /// slot is busy.
    /// </summary>
    public MaintenanceFirstDelegate(AnalysisSlots analysisSlots) => _analysisSlots = analysisSlots;

    public override async ValueTask<List<TriggerAcquireResult>> SelectTriggersToAcquire(ConnectionAndTransactionHolder conn,
        TriggerAcquisitionCriteria criteria, CancellationToken cancellationToken = default)
    {
        if (_analysisSlots is not { } slots || criteria.ExecutionLimits is not { } limits)
        {
            return await base.SelectTriggersToAcquire(conn, criteria, cancellationToken);
        }
        var free = slots.Free(limits);
        if (free <= 0)
        {
            // Every analysis slot is busy: the statement leaves analyses out (rather than reading them only to refuse
            // each, which made Quartz read on through the whole backlog), so only a maintenance or other job can take
            // the spare thread; the stand-ins make Quartz wake this node when one of its analyses ends.
            var others = await base.SelectTriggersToAcquire(conn,
                criteria with { ExcludedJobTypeNames = [.. criteria.ExcludedJobTypeNames ?? [], AnalysisSlots.JobTypeName] }, cancellationToken);
            others.AddRange(slots.HeldBack());
            return others;
        }
        // A round may take several triggers (Quartz batches up to the pool's size): no more analyses than free slots.
        var candidates = await base.SelectTriggersToAcquire(conn, criteria, cancellationToken);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (AnalysisSlots.IsAnalysis(candidates[i]) && !candidates[i].ExecutionGroupAtLimit && free-- <= 0)
            {
                candidates[i] = candidates[i] with { ExecutionGroupAtLimit = true };
            }
        }
        return candidates;
    }

    /// <summary>The job group of the cron jobs (<see cref="HealthCheckJob"/>, <see cref="CleanupExpiredTasksJob"/>).</summary>
    public static readonly string MaintenanceGroup = HealthCheckJob.Key.Group;

    private const string OrderBy = "ORDER BY";

    /// <summary>Quartz's clock parameter in the acquisition statement: now, bound on every acquisition.</summary>
    private const string NowParameter = "@misfireCountedFrom";

    /// <summary>The condition "a maintenance job's trigger, due now".</summary>
    private static string DueMaintenance => FormattableString.Invariant(
        $"t.JOB_NAME IN ('{HealthCheckJob.Key.Name}', '{CleanupExpiredTasksJob.Key.Name}') AND t.JOB_GROUP = '{MaintenanceGroup}' AND t.NEXT_FIRE_TIME <= {NowParameter}");

    protected override string GetSelectNextTriggerToAcquireSql(TriggerAcquisitionSqlShape shape) =>
        MaintenanceFirst(base.GetSelectNextTriggerToAcquireSql(shape));

    /// <summary>
    /// Quartz's acquisition statement <paramref name="sql"/> with due maintenance triggers first. Throws when the
    /// statement is not of the shape this was written for (a Quartz upgrade): the node then fails at its first
    /// acquisition, which the integration tests see, rather than acquire in some other order unnoticed.
    /// </summary>
    public static string MaintenanceFirst(string sql)
    {
        var orderBy = sql.LastIndexOf(OrderBy, StringComparison.Ordinal);
        if (orderBy < 0 || sql.IndexOf(OrderBy, StringComparison.Ordinal) != orderBy
            || !sql.Contains(NowParameter, StringComparison.Ordinal)
            || !sql.TrimStart().StartsWith("SELECT", StringComparison.Ordinal)
            || sql.Contains("UNION", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Quartz's trigger acquisition statement is not the one {nameof(MaintenanceFirstDelegate)} was written for: {sql}");
        }
        var head = sql[..orderBy];
        var tail = sql[orderBy..];
        // PostgreSQL appends a UNION ALL's branches in order (no parallel plan for two LIMITed index scans), and each
        // branch keeps its ORDER BY: the rows come back maintenance first, then Quartz's order.
        return $"""
            ({head} AND {DueMaintenance}
              {tail})
            UNION ALL
            ({head} AND NOT ({DueMaintenance})
              {tail})
            """;
    }
}
