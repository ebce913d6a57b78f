using System.Text.Json.Nodes;
using Agensium.Scheduler.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>Fires DebugJob through the clustered store and waits for the result any node records in job_history.</summary>
public sealed class DebugRunner(ISchedulerFactory schedulers, IDbContextFactory<AgensiumDbContext> contexts, IOptions<SchedulerOptions> options)
{
    public async Task<JsonObject?> RunAsync(CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString();
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.ScheduleJob(TriggerBuilder.Create()
            .WithIdentity(id, "debug")
            .ForJob(DebugJob.Key)
            .UsingJobData(JobDataKeys.TaskId, id)
            .StartNow()
            .Build(), cancellationToken: ct);

        var deadline = DateTime.UtcNow + options.Value.DebugTimeout;
        var delay = TimeSpan.FromMilliseconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var row = await db.JobHistory.AsNoTracking()
                .Where(h => h.JobName == DebugJob.Key.Name && h.TaskId == id && h.Status != JobRunStatuses.Running)
                .Select(h => h.Result).FirstOrDefaultAsync(ct);
            if (row is not null)
            {
                return JsonNode.Parse(row)?.AsObject();
            }
            await Task.Delay(delay, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
        return null;
    }
}
