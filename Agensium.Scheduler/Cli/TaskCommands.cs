using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Agensium.Scheduler.Cli;

/// <summary>submit, cancel and debug through a node's HTTP API (the same rules and checks as any client); download is <see cref="DownloadCommand"/>.</summary>
public static class TaskCommands
{
    public static Command Submit(CliSettings settings)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Data files (and optionally parameters.json)", Arity = ArgumentArity.OneOrMore };
        var tool = new Option<string>("--tool") { Description = "profile-my-data, clean-my-data or master-my-data", Required = true };
        var user = new Option<long>("--user") { DefaultValueFactory = _ => 1 };
        var queue = new Option<string?>("--queue") { Description = "high_priority, default or low_priority" };
        var wait = new Option<bool>("--wait") { Description = "Show progress until the task ends" };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "With --wait: download the outputs of the completed task into this folder" };
        var command = new Command("submit", "Create a task, upload its files and process it") { files, tool, user, queue, wait, outDir };
        command.SetAction(async (parse, ct) =>
        {
            using var http = Client(settings, parse);
            var json = parse.GetValue(CliApp.Json);
            // Everything that can be checked here is, before a task exists: a failed submit leaves nothing behind.
            var inputs = parse.GetValue(files)!;
            var downloadTo = parse.GetValue(outDir);
            if (downloadTo is not null && !parse.GetValue(wait))
            {
                throw new CliException("--out needs --wait: outputs exist once the task has COMPLETED.");
            }
            if (downloadTo is not null)
            {
                // Before the task is submitted: an --out that cannot be written is said now, not after the whole run.
                OutputFolder.Prepare(downloadTo.FullName);
            }
            if (inputs.FirstOrDefault(f => !f.Exists) is { } missing)
            {
                throw CliException.NoSuchFile(missing);
            }
            var body = new JsonObject();
            if (parse.GetValue(queue) is { } q)
            {
                if (!Jobs.QueueOptions.Names.Contains(q))
                {
                    throw new CliException($"Unknown queue '{q}'; queues: {string.Join(", ", Jobs.QueueOptions.Names)}.");
                }
                body["queue"] = q;
            }
            var created = await SendAsync(http, HttpMethod.Post, "/api/tasks",
                new JsonObject { ["user_id"] = parse.GetValue(user), ["tool_id"] = parse.GetValue(tool) }, ct);
            var taskId = created["task_id"]!.GetValue<string>();
            try
            {
                foreach (var file in inputs)
                {
                    await UploadAsync(http, taskId, file, ct);
                }
                await SendAsync(http, HttpMethod.Post, $"/api/tasks/{taskId}/process", body, ct);
            }
            catch (Exception e) when (e is CliException or IOException or HttpRequestException)
            {
                // The task never got queued: remove it and its files rather than leave it to expire.
                using var removed = await http.DeleteAsync($"/api/tasks/{taskId}", CancellationToken.None);
                throw new CliException($"{e.Message} (task {taskId} {(removed.IsSuccessStatusCode ? "was deleted" : "could not be deleted: " + (int)removed.StatusCode)}).")
                {
                    ErrorCode = e switch { CliException c => c.ErrorCode, HttpRequestException => "NODE_UNREACHABLE", _ => "INPUT_NOT_READABLE" },
                };
            }
            JsonObject task;
            try
            {
                task = parse.GetValue(wait) ? await WaitAsync(http, taskId, json, ct) : await GetAsync(http, $"/api/tasks/{taskId}", ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw new CliException($"Interrupted: task {taskId} goes on (it was submitted); follow it with `status {taskId} --wait`, stop it with `cancel {taskId}`.", CliErrors.Interrupted);
            }

            return await FinishAsync(http, taskId, task, parse.GetValue(wait), json, downloadTo, ct);
        });
        return command;
    }

    /// <summary>PUT …/inputs/{name}: the file under its own name (a name the task holds is replaced).</summary>
    internal static async Task UploadAsync(HttpClient http, string taskId, FileInfo file, CancellationToken ct)
    {
        FileStream opened;
        try
        {
            opened = file.OpenRead();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read {file.FullName}: {e.Message}") { ErrorCode = "INPUT_NOT_READABLE" };
        }
        await using var stream = opened;
        using var content = new StreamContent(stream);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // Expect: 100-continue: a file over the node's limit gets its 413 FILE_TOO_LARGE before the body is
        // sent; sent at once, the node closed the connection mid-body and the CLI said only "Error while
        // copying content to a stream".
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/tasks/{Uri.EscapeDataString(taskId)}/inputs/{Uri.EscapeDataString(file.Name)}") { Content = content };
        put.Headers.ExpectContinue = true;
        await CheckAsync(await http.SendAsync(put, ct), ct);
    }

    public static Command Cancel(CliSettings settings)
    {
        var taskId = new Argument<string>("task-id");
        var command = new Command("cancel", "Cancel a queued or running task") { taskId };
        command.SetAction(async (parse, ct) =>
        {
            using var http = Client(settings, parse);
            Print(await SendAsync(http, HttpMethod.Post, $"/api/tasks/{parse.GetValue(taskId)}/cancel", null, ct), parse.GetValue(CliApp.Json));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// DELETE …/inputs/{name}: takes an uploaded file out of a task that is not queued or running (a wrong file uploaded
    /// under another name than the right one's), as <c>retry TASK_ID FILE</c> puts one in under its name.
    /// </summary>
    public static Command RemoveInput(CliSettings settings)
    {
        var taskId = new Argument<string>("task-id");
        var fileName = new Argument<string>("file-name") { Description = "The input's name, as uploaded" };
        var command = new Command("remove-input", "Remove an uploaded file from a task that is not queued or running") { taskId, fileName };
        command.SetAction(async (parse, ct) =>
        {
            using var http = Client(settings, parse);
            var path = $"/api/tasks/{Uri.EscapeDataString(parse.GetValue(taskId)!)}/inputs/{Uri.EscapeDataString(parse.GetValue(fileName)!)}";
            Print(await SendAsync(http, HttpMethod.Delete, path, null, ct), parse.GetValue(CliApp.Json));
            return 0;
        });
        return command;
    }

    public static Command Debug(CliSettings settings)
    {
        var command = new Command("debug", "Run the debug job through the cluster and show which node ran it");
        command.SetAction(async (parse, ct) =>
        {
            using var http = Client(settings, parse);
            Print(await SendAsync(http, HttpMethod.Post, "/api/debug", null, ct), parse.GetValue(CliApp.Json));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Ends submit and status: a task followed to COMPLETED has its report's warnings added (<see cref="ReportWarnings"/>)
    /// and, with <paramref name="downloadTo"/>, its outputs saved; the task is printed; the exit code says how a followed
    /// task ended (1 for FAILED, CANCELLED, EXPIRED or UPLOAD_FAILED).
    /// </summary>
    internal static async Task<int> FinishAsync(HttpClient http, string taskId, JsonObject task, bool waited, bool json, DirectoryInfo? downloadTo, CancellationToken ct)
    {
        bool completed = task["status"]?.GetValue<string>() == "COMPLETED";
        var warnings = waited && completed ? await ReportWarnings.FromTaskAsync(http, taskId, ct) : [];
        if (warnings.Count > 0 && json)
        {
            task["warnings"] = new JsonArray([.. warnings.Select(w => (JsonNode)w)]);
        }
        if (downloadTo is not null && completed)
        {
            task["downloaded"] = DownloadCommand.Describe(await DownloadCommand.DownloadAsync(http, taskId, downloadTo, ct));
        }

        Print(task, json);
        if (!json)
        {
            ReportWarnings.Print(warnings);
        }
        return waited && task["status"]?.GetValue<string>() is "FAILED" or "CANCELLED" or "EXPIRED" or "UPLOAD_FAILED" ? 1 : 0;
    }

    internal static async Task<JsonObject> WaitAsync(HttpClient http, string taskId, bool json, CancellationToken ct)
    {
        if (json)
        {
            await foreach (var _ in PollAsync(http, taskId, ct))
            {
            }
        }
        else if (Console.IsOutputRedirected)
        {
            // Piped into a log, a progress bar would print a line on every poll: print a line when something changes.
            string? last = null;
            await foreach (var task in PollAsync(http, taskId, ct))
            {
                string line = $"{task["status"]} {task["progress"]}% {task["current_agent"]?.GetValue<string>() ?? ""}".Trim();
                if (line != last)
                {
                    Console.WriteLine(line);
                    last = line;
                }
            }
        }
        else
        {
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var bar = progress.AddTask($"task {taskId}", maxValue: 100);
                await foreach (var task in PollAsync(http, taskId, ct))
                {
                    bar.Value = task["progress"]!.GetValue<int>();
                    bar.Description = $"{task["status"]} {task["current_agent"]?.GetValue<string>() ?? ""}".Trim();
                }
            });
        }
        return await GetAsync(http, $"/api/tasks/{taskId}", ct);
    }

    private static async IAsyncEnumerable<JsonObject> PollAsync(HttpClient http, string taskId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            var task = await GetAsync(http, $"/api/tasks/{taskId}", ct);
            yield return task;
            // UPLOAD_FAILED is not final, but nothing runs until the task gets a data file and is processed again.
            if (task["status"]!.GetValue<string>() is "COMPLETED" or "FAILED" or "CANCELLED" or "EXPIRED" or "UPLOAD_FAILED")
            {
                yield break;
            }
            await Task.Delay(250, ct);
        }
    }

    internal static HttpClient Client(CliSettings settings, ParseResult parse)
    {
        var http = new HttpClient { BaseAddress = new Uri(settings.ApiUrl(parse.GetValue(CliApp.Url))), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-Api-Key", settings.ApiKey(parse.GetValue(CliApp.ApiKey)));
        return http;
    }

    private static async Task<JsonObject> SendAsync(HttpClient http, HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        return await CheckAsync(await http.SendAsync(request, ct), ct);
    }

    internal static async Task<JsonObject> GetAsync(HttpClient http, string path, CancellationToken ct) =>
        await CheckAsync(await http.GetAsync(path, ct), ct);

    internal static async Task<JsonObject> CheckAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var json = string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject();
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException($"{(int)response.StatusCode} {json["error_code"]}: {json["message"]}")
                {
                    ErrorCode = json["error_code"] is JsonValue code && code.TryGetValue(out string? errorCode) ? errorCode : $"HTTP_{(int)response.StatusCode}",
                    Reason = json["message"] is JsonValue message && message.TryGetValue(out string? reason) ? reason : null,
                };
            }
            return json;
        }
    }

    internal static void Print(JsonObject result, bool json)
    {
        if (json)
        {
            Console.Out.WriteLine(result.ToJsonString(CliJson.Indented));
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumn("field").AddColumn("value");
        foreach (var (key, value) in result)
        {
            // Text as written, never JSON with its escapes ("Input file 'bin.csv'", a downloaded "😀.csv", not "\uD83D\uDE00.csv").
            table.AddRow(Markup.Escape(key), Markup.Escape(CliJson.Text(value)));
        }
        AnsiConsole.Write(table);
    }
}
