using static Agensium.Scheduler.Dashboard.Html;

namespace Agensium.Scheduler.Dashboard;

/// <summary>/dashboard/tasks: what runs now (live progress), what waits per queue, and the cron jobs.</summary>
public static class TasksPage
{
    private const int Limit = 200;

    public static async Task<IResult> RenderAsync(HttpContext http, DashboardQueries queries, TimeProvider time, CancellationToken ct)
    {
        // ?page=abc answered 200 with the first page, as if it had been read.
        if (DashboardQuery.Unknown(http.Request.Query, "queued_page") is { } problem)
        {
            return DashboardQuery.Refuse(http, "tasks", "Tasks and jobs", problem);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var running = await queries.RunningAsync(Limit, ct);
        var page = QueuedPage(http.Request.Query["queued_page"].ToString());
        var queuedTotal = await queries.QueuedCountAsync(ct);
        var queued = await queries.QueuedAsync(Limit, ct, (page - 1) * Limit);
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
            + DashboardLayout.Live("queued", QueuedTitle(queuedTotal), OverviewPage.QueuesTable(queues, back) + QueuedPager(page, queued.Count, queuedTotal, Limit) + queuedTable)
            + DashboardLayout.Live("cron", "Scheduled and cron jobs", cronTable);
        return DashboardLayout.Page(http, "tasks", "Tasks and jobs", body);
    }

    /// <summary>
    /// The queued section's title: the tasks in status QUEUED, the number the pager and the table below count. It
    /// counted Quartz triggers (the queues table's waiting and held), which differ from the task rows while a trigger is
    /// claimed or a task is being queued, so the title and the pager disagreed.
    /// </summary>
    public static string QueuedTitle(long queuedTasks) => $"Queued tasks ({queuedTasks})";

    /// <summary>The queued table's page from ?queued_page= (1 when missing or not a positive number).</summary>
    public static int QueuedPage(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 1_000_000 ? p : 1;

    /// <summary>
    /// "Showing 201–250 of 250 queued tasks, oldest first" with links to the other pages, whenever the queued tasks do
    /// not all fit on one page (the table holds <paramref name="pageSize"/> rows, so the newest were out of sight).
    /// </summary>
    public static string QueuedPager(int page, int shown, long total, int pageSize)
    {
        if (total <= pageSize && page == 1)
        {
            return "";
        }
        var first = (long)(page - 1) * pageSize + 1;
        var text = shown == 0
            ? $"No queued task on page {page}; {total} queued in all."
            : $"Showing {first}–{first + shown - 1} of {total} queued tasks, oldest first.";
        var links = "";
        if (page > 1)
        {
            links += $" <a href=\"/dashboard/tasks?queued_page={page - 1}#queued\" id=\"queued-prev\">« Older {pageSize}</a>";
        }
        if (first - 1 + shown < total)
        {
            links += $" <a href=\"/dashboard/tasks?queued_page={page + 1}#queued\" id=\"queued-next\">Newer {pageSize} »</a>";
        }
        return $"<p class=\"pager\" id=\"queued-pager\">{text}{links}</p>"; // numbers only: nothing to encode
    }
}
