using System.Globalization;
using Agensium.Scheduler.Api;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Jobs;
using Microsoft.Extensions.Options;
using static Agensium.Scheduler.Dashboard.Html;

namespace Agensium.Scheduler.Dashboard;

/// <summary>/dashboard/history: job_history with filters, newest first, keyset paging ("older" carries the last row's key).</summary>
public static class HistoryPage
{
    private static readonly string[] Statuses = ["", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "SKIPPED", "LOST"];

    /// <summary>The jobs whose runs job_history records (the Overview's "recovered elsewhere" links to analyses only).</summary>
    public static readonly string[] JobNames =
        ["", ProcessAnalysisJob.Key.Name, HealthCheckJob.Key.Name, CleanupExpiredTasksJob.Key.Name, DebugJob.Key.Name];

    /// <summary>The filters and the page cursor the page reads.</summary>
    public static readonly string[] Parameters = ["status", "job", "tool", "user", "node", "queue", "task", "from", "to", "before"];

    public static async Task<IResult> RenderAsync(HttpContext http, DashboardQueries queries, IOptions<DashboardOptions> options,
        TimeProvider time, CancellationToken ct)
    {
        var q = http.Request.Query;
        var errors = new List<string>();
        var filter = Parse(q, errors);
        // ?since=x showed the unfiltered history with 200, as if the filter had been applied.
        if (DashboardQuery.Unknown(q, Parameters) is { } unknown)
        {
            errors.Add(unknown);
        }
        var rows = errors.Count == 0 ? await queries.HistoryAsync(filter, options.Value.PageSize + 1, ct) : [];
        var page = rows.Take(options.Value.PageSize).ToList();
        var now = time.GetUtcNow().UtcDateTime;

        string Field(string name) => E(q[name].ToString());
        var form = $"""
            <form method="get" action="/dashboard/history" class="filters" id="history-filters">
              <label>Status <select name="status">{string.Concat(Statuses.Select(s => Option(s, filter.Status)))}</select></label>
              <label>Job <select name="job">{string.Concat(JobNames.Select(s => Option(s, filter.Job)))}</select></label>
              <label>Tool <select name="tool">{string.Concat(new[] { "", "profile-my-data", "clean-my-data", "master-my-data" }.Select(s => Option(s, filter.Tool)))}</select></label>
              <label>User <input name="user" inputmode="numeric" size="6" value="{Field("user")}"></label>
              <label>Node <input name="node" size="18" value="{Field("node")}"></label>
              <label>Queue <select name="queue">{string.Concat(QueueOptions.Names.Prepend("").Select(s => Option(s, filter.Queue)))}</select></label>
              <label>Task <input name="task" size="20" value="{Field("task")}" placeholder="task id"></label>
              <label>From (UTC) <input type="datetime-local" name="from" value="{Field("from")}"></label>
              <label>To (UTC) <input type="datetime-local" name="to" value="{Field("to")}"></label>
              <button type="submit">Filter</button> <a href="/dashboard/history">Clear</a>
            </form>
            """;
        var table = Table("history-table", ["Started", "Job", "Task", "Tool", "User", "Queue", "Node", "Attempt", "Status", "Error", "Duration"],
            page.Select(h => $"<tr data-history-id=\"{h.Id}\" data-status=\"{E(h.Status)}\"><td>{Time(h.StartedAt)}</td><td>{E(h.Job)}</td>" +
                $"<td>{TaskCell(h.Job, h.TaskId)}</td><td>{E(h.Tool)}</td><td>{(h.UserId is { } u ? E(u) : "")}</td><td>{E(h.Queue)}</td>" +
                $"<td class=\"mono\">{E(h.Node)}</td><td>{h.Attempt}</td><td>{Status(h.Status)}</td>" +
                $"<td title=\"{E(h.ErrorMessage)}\">{E(h.ErrorCode)}</td><td>{(h.Status == JobRunStatuses.Running ? Ago(h.StartedAt, now) : Duration(h.DurationMs))}</td></tr>"),
            errors.Count > 0 ? "Fix the filters above." : "No run matches these filters.");

        var pager = "<p class=\"pager\">";
        if (filter.Before is not null)
        {
            pager += $"<a href=\"{E(Link(q, null))}\">« Newest</a> ";
        }
        if (rows.Count > page.Count)
        {
            var last = page[^1];
            pager += $"<a id=\"older\" href=\"{E(Link(q, $"{last.StartedAt.ToUniversalTime().Ticks}_{last.Id}"))}\">Older »</a>";
        }
        pager += "</p>";
        if (errors.Count > 0)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        var errorText = errors.Count == 0 ? "" : $"<p class=\"notice error\" role=\"alert\">{E(string.Join(" ", errors))}</p>";
        // Only the first page follows the cluster live; an older page stays as it is while read.
        var section = filter.Before is null
            ? DashboardLayout.Live("history", $"Runs, newest first", table + pager)
            : $"<section id=\"history\"><h2>Older runs</h2>{table}{pager}</section>";
        return DashboardLayout.Page(http, "history", "Job history", form + errorText + section);
    }

    public static HistoryFilter Parse(IQueryCollection q, List<string> errors)
    {
        string? Text(string name, int max)
        {
            var v = q[name].ToString().Trim();
            if (v.Length == 0)
            {
                return null;
            }
            if (v.Length > max)
            {
                errors.Add($"{name} is too long.");
                return null;
            }
            return v;
        }
        var status = Text("status", 20)?.ToUpperInvariant();
        if (status is not null && !Statuses.Contains(status))
        {
            errors.Add("Unknown status.");
        }
        long? user = null;
        if (Text("user", 20) is { } u)
        {
            if (long.TryParse(u, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                user = id;
            }
            else
            {
                errors.Add("user must be a positive number.");
            }
        }
        string? task = null;
        if (Text("task", 64) is { } t)
        {
            if (InputValidation.TryParseTaskId(t, out var id))
            {
                task = id;
            }
            else
            {
                errors.Add("task must be a task id (UUID).");
            }
        }
        DateTime? Date(string name)
        {
            if (Text(name, 40) is not { } v)
            {
                return null;
            }
            if (DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
            {
                return DateTime.SpecifyKind(d, DateTimeKind.Utc);
            }
            errors.Add($"{name} is not a date.");
            return null;
        }
        (DateTime, long)? before = null;
        if (Text("before", 60) is { } b)
        {
            var parts = b.Split('_');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is > 0 and < 3155378975999999999 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                before = (new DateTime(ticks, DateTimeKind.Utc), id);
            }
            else
            {
                errors.Add("The page cursor is not valid.");
            }
        }
        var queue = Text("queue", 50);
        if (queue is not null && !QueueOptions.Names.Contains(queue))
        {
            errors.Add("Unknown queue.");
        }
        // Tool ids are exact names, as the API takes them: a mis-cased or unknown one is refused, not a filter matching nothing.
        var tool = Text("tool", 50);
        if (tool is not null && !Worker.ToolRegistry.IsKnownToolId(tool))
        {
            var closest = Agensium.Analysis.Common.NameSuggestion.Closest(tool, [.. Agensium.Analysis.ToolCatalog.KnownToolIds]);
            errors.Add(closest is null ? "Unknown tool." : $"Unknown tool; did you mean {closest}?");
        }
        var job = Text("job", 50);
        if (job is not null && !JobNames.Contains(job, StringComparer.Ordinal))
        {
            errors.Add("Unknown job.");
        }
        return new HistoryFilter(status, tool, user, Text("node", 200), queue, task, Date("from"), Date("to"), before, job);
    }

    private static string Link(IQueryCollection q, string? before)
    {
        var parts = q.Where(kv => kv.Key is not ("before" or "notice" or "error") && kv.Value.ToString().Length > 0)
            .Select(kv => $"{Url(kv.Key)}={Url(kv.Value.ToString())}").ToList();
        if (before is not null)
        {
            parts.Add("before=" + before);
        }
        return "/dashboard/history" + (parts.Count == 0 ? "" : "?" + string.Join("&", parts));
    }

    /// <summary>
    /// The task column of a run: a link to the task page for an analysis; a debug run's id names no task (its page would
    /// be 404), so it is shown as text, not linked.
    /// </summary>
    public static string TaskCell(string job, string? taskId) =>
        job == ProcessAnalysisJob.Key.Name ? TaskLink(taskId)
        : taskId is null ? "" : $"<span class=\"mono\" title=\"{E(taskId)}\">{E(taskId.Length > 8 ? taskId[..8] + "…" : taskId)}</span>";
}
