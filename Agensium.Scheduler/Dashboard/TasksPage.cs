using static Agensium.Scheduler.Dashboard.Html;

namespace Agensium.Scheduler.Dashboard;

/// <summary>/dashboard/tasks: what runs now (live progress), what waits per queue, and the cron jobs.</summary>
public static class TasksPage
{
    private const int Limit = 200;

    public static async Task<IResult> RenderAsync(HttpContext http, DashboardQueries queries, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var running = await queries.RunningAsync(Limit, ct);
        var queued = await queries.QueuedAsync(Limit, ct);
        var queues = await queries.QueuesAsync(ct);
        var cron = await queries.CronAsync(ct);
        const string back = "/dashboard/tasks";

        var runningTable = Table("running-table", ["Task", "Tool", "User", "Queue", "Node", "Attempt", "Started", "Progress", ""],
            running.Select(r => $"<tr data-task-row=\"{E(r.TaskId)}\">" +
                $"<td>{TaskLink(r.TaskId)}</td><td>{E(r.Tool)}</td><td>{r.UserId}</td><td>{E(r.Queue)}</td><td class=\"mono\">{E(r.Node)}</td>" +
                $"<td>{r.Attempt}</td><td>{Ago(r.StartedAt, now)}</td><td>{Progress(r.TaskId, r.Progress, r.CurrentAgent)}</td>" +
                $"<td>{Action($"/dashboard/actions/tasks/{Url(r.TaskId)}/cancel", "Cancel", back, "Cancel this running task?", "danger")}</td></tr>"),
            "Nothing is running.");

        var queuedTable = Table("queued-table", ["Task", "Tool", "User", "Queue", "Attempt", "Queued", "State", ""],
            queued.Select(q => $"<tr data-task-row=\"{E(q.TaskId)}\">" +
                $"<td>{TaskLink(q.TaskId)}</td><td>{E(q.Tool)}</td><td>{q.UserId}</td><td>{E(q.Queue)}</td><td>{q.Attempt + 1}</td>" +
                $"<td>{Ago(q.QueuedAt, now)}</td>" +
                $"<td>{(q.NextRetryAt is { } at && at > now ? $"retry at {Time(at)}" : E(q.TriggerState ?? "claimed"))}</td>" +
                $"<td>{Action($"/dashboard/actions/tasks/{Url(q.TaskId)}/cancel", "Cancel", back, "Cancel this queued task?", "danger")}</td></tr>"),
            "Nothing is queued.");

        var cronTable = Table("cron-table", ["Job", "Schedule", "State", "Next fire", "Last fire", ""],
            cron.Select(c => $"<tr data-cron=\"{E(c.Job)}\"><td>{E(c.Job)}</td><td class=\"mono\">{E(c.Cron)}</td><td>{Status(c.State)}</td>" +
                $"<td>{Time(c.NextFire)}</td><td>{Time(c.PreviousFire)}</td><td>" +
                Action($"/dashboard/actions/jobs/{Url(c.Job)}/trigger", "Run now", back) +
                (c.State.StartsWith("PAUSED", StringComparison.Ordinal)
                    ? Action($"/dashboard/actions/jobs/{Url(c.Job)}/resume", "Resume", back)
                    : Action($"/dashboard/actions/jobs/{Url(c.Job)}/pause", "Pause", back, $"Pause {c.Job} for the whole cluster?")) +
                "</td></tr>"),
            "No cron job is registered.");

        var body = DashboardLayout.Live("running", $"Running ({running.Count}{(running.Count == Limit ? "+" : "")})", runningTable)
            + DashboardLayout.Live("queued", $"Queued ({queues.Sum(q => q.Waiting + q.Paused)})", OverviewPage.QueuesTable(queues, back) + queuedTable)
            + DashboardLayout.Live("cron", "Scheduled and cron jobs", cronTable);
        return DashboardLayout.Page(http, "tasks", "Tasks and jobs", body);
    }
}
