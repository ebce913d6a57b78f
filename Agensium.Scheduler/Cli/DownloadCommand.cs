using System.CommandLine;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Cli;

/// <summary>
/// download: saves a COMPLETED task's outputs (JSON and Excel reports, cleaned or mastered data) into a folder, through
/// the API's outputs endpoints. Each file is written beside its final name first and renamed when whole, so an
/// interrupted download never leaves a file that looks complete.
/// </summary>
public static class DownloadCommand
{
    public static Command Create(CliSettings settings)
    {
        var taskId = new Argument<string>("task-id");
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Folder to save the outputs in (default: ./TASK-ID)" };
        var command = new Command("download", "Save a completed task's outputs into a folder") { taskId, outDir };
        command.SetAction(async (parse, ct) =>
        {
            using var http = TaskCommands.Client(settings, parse);
            string id = parse.GetValue(taskId)!;
            var folder = parse.GetValue(outDir) ?? new DirectoryInfo(Path.Combine(Environment.CurrentDirectory, id));
            var saved = await DownloadAsync(http, id, folder, ct);
            TaskCommands.Print(new JsonObject { ["task_id"] = id, ["folder"] = folder.FullName, ["downloaded"] = Describe(saved) }, parse.GetValue(CliApp.Json));
            return 0;
        });
        return command;
    }

    /// <summary>Downloads every output of <paramref name="taskId"/> into <paramref name="folder"/> (created if needed).</summary>
    /// <exception cref="CliException">The task is unknown or not COMPLETED, or a file could not be saved.</exception>
    public static async Task<IReadOnlyList<(string Name, long Bytes, string Path)>> DownloadAsync(HttpClient http, string taskId, DirectoryInfo folder, CancellationToken ct)
    {
        string escaped = Uri.EscapeDataString(taskId);
        var listing = await TaskCommands.GetAsync(http, $"/api/tasks/{escaped}/outputs", ct);
        string status = listing["status"]?.GetValue<string>() ?? "unknown";
        if (status != "COMPLETED")
        {
            throw new CliException($"Task {taskId} is {status}: outputs can be downloaded once it is COMPLETED.");
        }

        var names = listing["files"]!.AsArray().Select(f => f!["file_name"]!.GetValue<string>()).ToList();
        if (names.FirstOrDefault(n => n.Length == 0 || n != Path.GetFileName(n) || n is "." or "..") is { } unsafeName)
        {
            // Every output is a plain file name; anything else would write outside the folder.
            throw new CliException($"The server listed an output named '{unsafeName}', which is not a plain file name; nothing was saved.");
        }

        OutputFolder.Prepare(folder.FullName);
        var saved = new List<(string, long, string)>();
        foreach (string name in names)
        {
            string target = Path.Combine(folder.FullName, name);
            string partial = Path.Combine(folder.FullName, $".{name}.{Guid.NewGuid():N}.part");
            try
            {
                using (var response = await http.GetAsync($"/api/tasks/{escaped}/outputs/{Uri.EscapeDataString(name)}", HttpCompletionOption.ResponseHeadersRead, ct))
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        await TaskCommands.CheckAsync(response, ct);
                    }

                    await using var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write);
                    await response.Content.CopyToAsync(file, ct);
                }

                File.Move(partial, target, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or OperationCanceledException or CliException)
            {
                File.Delete(partial);
                if (e is OperationCanceledException)
                {
                    throw;
                }

                throw new CliException($"{name} could not be saved in {folder.FullName}: {e.Message}")
                {
                    // The node's refusal keeps its code; a node gone mid-download is NODE_UNREACHABLE, as anywhere else.
                    ErrorCode = e switch { CliException c => c.ErrorCode, HttpRequestException => "NODE_UNREACHABLE", _ => OutputFolder.NotWritable },
                };
            }

            saved.Add((name, new FileInfo(target).Length, target));
        }

        return saved;
    }

    /// <summary>The saved files as JSON (name, bytes, path), for the printed result.</summary>
    public static JsonArray Describe(IEnumerable<(string Name, long Bytes, string Path)> saved) =>
        [.. saved.Select(f => (JsonNode)new JsonObject { ["file_name"] = f.Name, ["size_bytes"] = f.Bytes, ["path"] = f.Path })];
}
