using System.Text.Json;

namespace Agensium.Scheduler.Cli;

/// <summary>
/// What a completed report says did not go as asked — agents that failed, inputs that were not analysed, parameters no
/// agent read or that no agent has — as one line each, so that a command-line user sees them without opening the JSON
/// report (a task with a failing agent still COMPLETES, as AGENSIUM's partial results do). drift-detector left out of
/// the default chain for want of a baseline is no warning: nobody asked for it (metadata.skipped_agents says so).
/// The report is read with <see cref="JsonDocument"/> from a stream: a very wide file's report runs to tens of MB.
/// </summary>
public static class ReportWarnings
{
    public static IReadOnlyList<string> Read(JsonElement report)
    {
        if (report.ValueKind != JsonValueKind.Object || !report.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return [];
        }
        var lines = new List<string>();
        foreach (var failed in Array(metadata, "failed_agents"))
        {
            lines.Add($"agent {Text(failed, "agent_id")} failed ({Text(failed, "error_code")}): {Text(failed, "error")}");
        }
        var ignored = Array(metadata, "ignored_inputs").Select(n => n.ToString()).ToList();
        if (ignored.Count > 0)
        {
            lines.Add($"not analysed: {string.Join(", ", ignored)}. {Text(metadata, "ignored_inputs_reason")}");
        }
        foreach (var alert in Array(report, "alerts"))
        {
            // A misspelt parameter name: the agent ran with its default instead.
            if (Text(alert, "alert_id").Contains("_unused_parameter_", StringComparison.Ordinal))
            {
                lines.Add(Text(alert, "message"));
            }
        }
        if (metadata.TryGetProperty("parameters_for_agents_not_run", out var notRun) && notRun.ValueKind == JsonValueKind.Object)
        {
            lines.Add($"parameters not used: {string.Join(", ", Array(notRun, "agents").Select(n => n.ToString()))}: {Text(notRun, "note")}");
        }
        return lines;
    }

    /// <summary>The warnings of the JSON report among <paramref name="outputs"/> (the file named *_analysis.json).</summary>
    public static IReadOnlyList<string> FromOutputs(IEnumerable<Agensium.Analysis.OutputFile> outputs)
    {
        var json = outputs.FirstOrDefault(f => f.Name.EndsWith("_analysis.json", StringComparison.Ordinal));
        if (json is null)
        {
            return [];
        }
        using var stream = File.OpenRead(json.Path);
        using var document = JsonDocument.Parse(stream);
        return Read(document.RootElement);
    }

    /// <summary>
    /// The warnings of a COMPLETED task's JSON report, read through the API; none for a task without one (the
    /// fault-injection and no-op tools). A report that cannot be read is not worth failing a finished task over.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FromTaskAsync(HttpClient http, string taskId, CancellationToken ct)
    {
        string escaped = Uri.EscapeDataString(taskId);
        try
        {
            var listing = await TaskCommands.GetAsync(http, $"/api/tasks/{escaped}/outputs", ct);
            var name = (listing["files"]?.AsArray() ?? []).Select(f => f?["file_name"]?.ToString())
                .FirstOrDefault(n => n is not null && n.EndsWith("_analysis.json", StringComparison.Ordinal));
            if (name is null)
            {
                return [];
            }
            await using var stream = await http.GetStreamAsync($"/api/tasks/{escaped}/outputs/{Uri.EscapeDataString(name)}", ct);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            return Read(document.RootElement);
        }
        catch (Exception e) when (e is CliException or HttpRequestException or JsonException)
        {
            return [$"the task's report could not be read for warnings: {e.Message}"];
        }
    }

    public static void Print(IEnumerable<string> warnings)
    {
        foreach (string warning in warnings)
        {
            // On standard error, so that a script reading standard output is not disturbed.
            Console.Error.WriteLine($"warning: {warning}");
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value.ToString() : "";
}
