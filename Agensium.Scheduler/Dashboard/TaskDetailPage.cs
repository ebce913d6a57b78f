using System.Text;
using Agensium.Scheduler.Api;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;
using static Agensium.Scheduler.Dashboard.Html;

namespace Agensium.Scheduler.Dashboard;

/// <summary>/dashboard/tasks/{id}: the task, its live progress, parameters, attempts timeline and output files.</summary>
public static class TaskDetailPage
{
    private const int MaxParametersBytes = 16 * 1024;

    public static async Task<IResult> RenderAsync(string taskId, HttpContext http, TaskStore store, DashboardQueries queries,
        IObjectStore objects, TaskInputSlots slots, ILoggerFactory loggers, TimeProvider time, CancellationToken ct)
    {
        if (DashboardQuery.Unknown(http.Request.Query) is { } problem)
        {
            return DashboardQuery.Refuse(http, "tasks", "Task", problem);
        }
        if (!InputValidation.TryParseTaskId(taskId, out var id))
        {
            return NotFound(http, "That is not a task id (a UUID).");
        }
        var task = await store.FindAsync(id, ct);
        if (task is null)
        {
            return NotFound(http, $"No task {id}.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var attempts = await queries.AttemptsAsync(id, ct);
        var back = $"/dashboard/tasks/{id}";

        IReadOnlyList<StoredObject> inputs = [], outputs = [];
        IReadOnlyDictionary<string, string> inputNames = new Dictionary<string, string>();
        string? parameters = null, storageError = null;
        try
        {
            // Committed inputs only, by the name they were uploaded with: an object a failed upload left under the
            // prefix is not one of the task's files.
            var registered = await slots.RegisteredAsync(id, ct);
            inputs = [.. (await objects.ListAsync(TaskPaths.InputsPrefix(task.UserId, id), ct))
                .Where(o => registered.ContainsKey(o.Key)).OrderBy(o => registered[o.Key], StringComparer.Ordinal)];
            inputNames = registered;
            outputs = await objects.ListAsync(TaskPaths.OutputsPrefix(task.UserId, id), ct);
            if (inputs.FirstOrDefault(o => string.Equals(registered[o.Key], "parameters.json", StringComparison.OrdinalIgnoreCase)) is { } p)
            {
                parameters = await ReadTextAsync(objects, p.Key, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The page still shows what the database knows when storage is unreachable.
            storageError = "Storage is unreachable: files cannot be listed right now.";
            loggers.CreateLogger(typeof(TaskDetailPage)).LogWarning("Dashboard could not list files of {TaskId}: {Reason}", id, e.Message);
        }

        var actions = new StringBuilder();
        if (task.Status is TaskStatuses.Queued or TaskStatuses.Processing)
        {
            actions.Append(Action($"/dashboard/actions/tasks/{id}/cancel", "Cancel task", back, "Cancel this task?", "danger"));
        }
        if (task.Status == TaskStatuses.Failed && !task.S3Cleaned)
        {
            actions.Append(Action($"/dashboard/actions/tasks/{id}/retry", "Retry", back, "Run this task again as a new attempt?"));
        }

        var facts = $"""
            <dl class="facts" id="task-facts">
              <dt>Status</dt><dd id="task-status" data-task-status="{E(id)}">{Status(task.Status)}</dd>
              <dt>Progress</dt><dd>{Progress(id, task.Progress, task.CurrentAgent)}</dd>
              <dt>Tool</dt><dd>{E(task.ToolId)}</dd>
              <dt>User</dt><dd><a href="/dashboard/history?user={task.UserId}">{task.UserId}</a></dd>
              <dt>Queue</dt><dd>{E(task.Queue)}</dd>
              <dt>Attempt</dt><dd>{task.Attempt}{(task.NextRetryAt is { } r ? $" (next retry {Time(r)})" : "")}</dd>
              <dt>Created</dt><dd>{Time(task.CreatedAt)}</dd>
              <dt>Started</dt><dd>{Time(task.ProcessingStartedAt)}</dd>
              <dt>Finished</dt><dd>{Time(task.CompletedAt ?? task.FailedAt ?? task.CancelledAt ?? task.ExpiredAt)}</dd>
              <dt>Error</dt><dd>{(task.ErrorCode is null ? "" : $"<b>{E(task.ErrorCode)}</b> {E(task.ErrorMessage)}")}</dd>
            </dl>
            <div class="actions">{actions}</div>
            """;

        var timeline = Table("attempts-table", ["#", "Node", "Queue", "Started", "Finished", "Duration", "Status", "Error"],
            attempts.Select(a => Row($"{a.Attempt}", $"<span class=\"mono\">{E(a.Node)}</span>", E(a.Queue), Time(a.StartedAt), Time(a.FinishedAt),
                a.Status == "RUNNING" ? Ago(a.StartedAt, now) : Duration(a.DurationMs), Status(a.Status),
                a.ErrorCode is null ? E(a.ErrorMessage) : $"<b>{E(a.ErrorCode)}</b> {E(a.ErrorMessage)}")),
            "No attempt yet.");

        var files = storageError is not null ? $"<p class=\"notice error\">{E(storageError)}</p>" :
            Table("outputs-table", ["Output", "Size", "Written"],
                outputs.Select(o =>
                {
                    var name = o.Key[TaskPaths.OutputsPrefix(task.UserId, id).Length..];
                    return Row($"<a href=\"/dashboard/tasks/{id}/outputs/{Url(name)}\" download>{E(name)}</a>", $"{o.Size:N0} bytes", Time(o.LastModifiedUtc));
                }), "No output file.")
            + Table("inputs-table", ["Input", "Size"],
                inputs.Select(o => Row(E(inputNames[o.Key]), $"{o.Size:N0} bytes")), "No input file.");

        var parametersHtml = $"<h3>Agents</h3><pre>{E(task.Agents == "[]" ? "(the tool's default chain)" : task.Agents)}</pre>" +
            $"<h3>parameters.json</h3><pre>{E(parameters ?? "(none)")}</pre>";

        var body = DashboardLayout.Live("task", "Task", facts)
            + DashboardLayout.Live("attempts", "Attempts", timeline)
            + DashboardLayout.Live("files", "Files", files)
            + $"<section id=\"parameters\"><h2>Parameters</h2>{parametersHtml}</section>";
        return DashboardLayout.Page(http, "tasks", $"Task {id}", body);
    }

    private static IResult NotFound(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return DashboardLayout.Page(http, "tasks", "Task not found", $"<p class=\"notice error\">{E(message)}</p>");
    }

    private static async Task<string> ReadTextAsync(IObjectStore objects, string key, CancellationToken ct)
    {
        var opened = await objects.OpenReadAsync(key, ct);
        if (opened is not { } o)
        {
            return "";
        }
        await using var stream = o.Content;
        var buffer = new byte[MaxParametersBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return o.Length > MaxParametersBytes ? text + $"\n… ({o.Length:N0} bytes, first {MaxParametersBytes:N0} shown)" : text;
    }
}
