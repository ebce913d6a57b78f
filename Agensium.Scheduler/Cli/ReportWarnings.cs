using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Cli;

/// <summary>
/// What a completed report says did not go as asked — agents that failed or were skipped, inputs that were not
/// analysed, parameters no agent read or that no agent has — as one line each, so that a command-line user sees them without opening the
/// JSON report (a task with a failing agent still COMPLETES, as AGENSIUM's partial results do).
/// </summary>
public static class ReportWarnings
{
    public static IReadOnlyList<string> Read(JsonObject? report)
    {
        var metadata = report?["metadata"] as JsonObject;
        if (metadata is null)
        {
            return [];
        }
        var lines = new List<string>();
        foreach (var failed in metadata["failed_agents"]?.AsArray() ?? [])
        {
            lines.Add($"agent {failed?["agent_id"]} failed ({failed?["error_code"]}): {failed?["error"]}");
        }
        foreach (var skipped in metadata["skipped_agents"]?.AsArray() ?? [])
        {
            lines.Add($"agent {skipped?["agent_id"]} was not run: {skipped?["reason"]}");
        }
        if (metadata["ignored_inputs"] is JsonArray ignored && ignored.Count > 0)
        {
            lines.Add($"not analysed: {string.Join(", ", ignored.Select(n => n?.ToString()))}. {metadata["ignored_inputs_reason"]}");
        }
        foreach (var alert in report!["alerts"]?.AsArray() ?? [])
        {
            // A misspelt parameter name: the agent ran with its default instead.
            if (alert?["alert_id"]?.ToString().Contains("_unused_parameter_", StringComparison.Ordinal) == true)
            {
                lines.Add(alert["message"]?.ToString() ?? "");
            }
        }
        if (metadata["parameters_for_agents_not_run"] is JsonObject notRun)
        {
            lines.Add($"parameters not used: {string.Join(", ", (notRun["agents"]?.AsArray() ?? []).Select(n => n?.ToString()))}: {notRun["note"]}");
        }
        return lines;
    }

    /// <summary>The warnings of the JSON report among <paramref name="outputs"/> (the file named *_analysis.json).</summary>
    public static IReadOnlyList<string> FromOutputs(IEnumerable<Agensium.Analysis.OutputFile> outputs)
    {
        var json = outputs.FirstOrDefault(f => f.Name.EndsWith("_analysis.json", StringComparison.Ordinal));
        return json is null ? [] : Read(JsonNode.Parse(File.ReadAllText(json.Path)) as JsonObject);
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
            string text = await http.GetStringAsync($"/api/tasks/{escaped}/outputs/{Uri.EscapeDataString(name)}", ct);
            return Read(JsonNode.Parse(text) as JsonObject);
        }
        catch (Exception e) when (e is CliException or HttpRequestException or System.Text.Json.JsonException)
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
}
