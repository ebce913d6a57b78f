using System.CommandLine;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Cli;

/// <summary>
/// status, tasks and retry through a node's HTTP API: follow a task submitted earlier (or by someone else), list
/// tasks with the API's filters, and run a FAILED task again. The API checks every value; its refusals are printed
/// as one line (exit 1).
/// </summary>
public static class TaskQueryCommands
{
    private static readonly string[] ListedFields = ["task_id", "status", "tool_id", "user_id", "queue", "progress", "current_agent", "attempt", "error_code", "created_at", "completed_at"];

    public static Command Status(CliSettings settings)
    {
        var taskId = new Argument<string>("task-id");
        var wait = new Option<bool>("--wait") { Description = "Follow the task until it ends" };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "With --wait: download the outputs once the task has COMPLETED" };
        var command = new Command("status", "Show a task (its row as the API returns it), or follow it with --wait") { taskId, wait, outDir };
        command.SetAction(async (parse, ct) =>
        {
            string id = parse.GetValue(taskId)!;
            var downloadTo = parse.GetValue(outDir);
            if (downloadTo is not null && !parse.GetValue(wait))
            {
                throw new CliException("--out needs --wait (or use `download TASK_ID --out DIR` for a COMPLETED task).");
            }
            if (downloadTo is not null)
            {
                OutputFolder.Prepare(downloadTo.FullName); // before following the task, not once it has ended
            }
            using var http = TaskCommands.Client(settings, parse);
            bool json = parse.GetValue(CliApp.Json);
            string path = $"/api/tasks/{Uri.EscapeDataString(id)}";
            JsonObject task;
            try
            {
                task = parse.GetValue(wait) ? await TaskCommands.WaitAsync(http, id, json, ct) : await TaskCommands.GetAsync(http, path, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw new CliException($"Interrupted: stopped following task {id}; the task itself is not affected.", CliErrors.Interrupted);
            }
            return await TaskCommands.FinishAsync(http, id, task, parse.GetValue(wait), json, downloadTo, ct);
        });
        return command;
    }

    public static Command List(CliSettings settings)
    {
        var status = new Option<string?>("--status") { Description = "CREATED, UPLOADING, QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED, EXPIRED, …" };
        var tool = new Option<string?>("--tool") { Description = "profile-my-data, clean-my-data or master-my-data" };
        var user = new Option<long?>("--user") { Description = "Only this user's tasks" };
        var limit = new Option<int?>("--limit") { Description = "1–100 (default 20)" };
        var offset = new Option<int?>("--offset") { Description = "Skip this many (newest first)" };
        var command = new Command("tasks", "List tasks, newest first, with the API's filters") { status, tool, user, limit, offset };
        command.SetAction(async (parse, ct) =>
        {
            var query = new List<string>();
            void Add(string name, object? value)
            {
                if (value is not null)
                {
                    query.Add($"{name}={Uri.EscapeDataString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!)}");
                }
            }
            // The API takes statuses in capitals; the CLI accepts either, as history does.
            Add("status", parse.GetValue(status)?.ToUpperInvariant());
            Add("tool_id", parse.GetValue(tool));
            Add("user_id", parse.GetValue(user));
            Add("limit", parse.GetValue(limit));
            Add("offset", parse.GetValue(offset));
            using var http = TaskCommands.Client(settings, parse);
            var page = await TaskCommands.GetAsync(http, "/api/tasks" + (query.Count == 0 ? "" : "?" + string.Join('&', query)), ct);
            var rows = page["tasks"]!.AsArray()
                .Select(t => ListedFields.ToDictionary(f => f, f => Value(t![f])))
                .ToList();
            Rows.Print(rows, parse.GetValue(CliApp.Json), "tasks");
            return 0;
        });
        return command;
    }

    public static Command Retry(CliSettings settings)
    {
        var taskId = new Argument<string>("task-id");
        var files = new Argument<FileInfo[]>("files")
        {
            Description = "Fixed files to upload first, each replacing the task's file of its name (a data file saved as UTF-8, a corrected parameters.json)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("retry", "Run a FAILED task again as its next attempt, after replacing any files given") { taskId, files };
        command.SetAction(async (parse, ct) =>
        {
            var replacements = parse.GetValue(files) ?? [];
            if (replacements.FirstOrDefault(f => !f.Exists) is { } missing)
            {
                throw CliException.NoSuchFile(missing);
            }
            using var http = TaskCommands.Client(settings, parse);
            string id = parse.GetValue(taskId)!;
            if (replacements.Length > 0
                && (await TaskCommands.GetAsync(http, $"/api/tasks/{Uri.EscapeDataString(id)}", ct))["status"]?.GetValue<string>() is { } status
                && status != "FAILED")
            {
                // Not uploaded to a task the retry would then refuse (a CREATED task takes files, but is no retry's).
                throw new CliException($"409 TASK_NOT_RETRYABLE: Task is {status}; only FAILED tasks can be retried, and nothing was uploaded.")
                {
                    ErrorCode = "TASK_NOT_RETRYABLE",
                    Reason = $"Task is {status}; only FAILED tasks can be retried, and nothing was uploaded.",
                };
            }
            foreach (var file in replacements)
            {
                // A FAILED task takes files before its retry (409 INVALID_TASK_STATE in any other status but the
                // upload statuses, said as the API words it); nothing is retried if one is refused.
                await TaskCommands.UploadAsync(http, id, file, ct);
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{Uri.EscapeDataString(id)}/retry");
            TaskCommands.Print(await TaskCommands.CheckAsync(await http.SendAsync(request, ct), ct), parse.GetValue(CliApp.Json));
            return 0;
        });
        return command;
    }

    private static object? Value(JsonNode? node) => node?.GetValueKind() switch
    {
        null or System.Text.Json.JsonValueKind.Null => null,
        System.Text.Json.JsonValueKind.String => node.GetValue<string>(),
        System.Text.Json.JsonValueKind.Number => node.GetValue<decimal>(),
        _ => CliJson.Text(node),
    };
}
