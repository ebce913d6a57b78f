using System.Text.Json;

namespace Agensium.Scheduler.Cli;

/// <summary>
/// What a completed report says did not go as asked — agents that failed, inputs that were not analysed, parameters no
/// agent read or that no agent has, a percentage parameter given as a fraction, any other parameter trouble an agent
/// reports as a configuration alert (master-my-data's column named in a parameter that the data lacks, a business rule
/// without a condition, contract checks on absent columns; drift-detector's method that is not implemented) — as one
/// line each, so that a command-line user sees them without opening the JSON
/// report (a task with a failing agent still COMPLETES, as AGENSIUM's partial results do). drift-detector left out of
/// the default chain for want of a baseline is no warning: nobody asked for it (metadata.skipped_agents says so).
/// The report is read with <see cref="JsonDocument"/> from a stream: a very wide file's report runs to tens of MB.
/// </summary>
public static class ReportWarnings
{
    // The marks of the alert ids UnusedParameters gives parameter trouble.
    private static readonly string[] ParameterAlertMarks = [Agensium.Analysis.Reporting.UnusedParameters.UnusedAlertMark, Agensium.Analysis.Reporting.UnusedParameters.FractionAlertMark];

    // The category of every alert about the parameters given (the unused and fraction ones included).
    private const string ConfigurationCategory = "configuration";

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
            // A misspelt parameter name (the agent ran with its default instead), a percentage given as a fraction
            // (numeric_threshold 0.7, used as 0.7 % where 70 % was most likely meant), or any other configuration alert
            // (a column named in stewardship-flagger's required_fields that the data lacks: the check did nothing):
            // parameter trouble, said as such. master-my-data's alerts are numbered alert_{agent}_{n}, with no mark to
            // know them by, so their category is read: they reached the report only (s44 review).
            string id = Text(alert, "alert_id");
            if (ParameterAlertMarks.Any(mark => id.Contains(mark, StringComparison.Ordinal))
                || Text(alert, "category") == ConfigurationCategory)
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
        return ReadHead(stream);
    }

    /// <summary>
    /// The warnings from the start of a report: its "metadata" and "alerts", which the report writes before the bulky
    /// issues and agent results (a 10,000-column report runs to 32 MB; parsing it whole broke the 384 MiB heap test).
    /// Reads chunks until both are there, or the whole stream when they are not.
    /// </summary>
    public static IReadOnlyList<string> ReadHead(Stream stream)
    {
        var buffer = new byte[1 << 20];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                System.Array.Resize(ref buffer, buffer.Length * 2);
            }
            int read = stream.Read(buffer, length, buffer.Length - length);
            length += read;
            bool final = read == 0;
            if (TryHead(buffer.AsSpan(0, length), final, out var head) || final)
            {
                using (head)
                {
                    return head is null ? [] : Read(head.RootElement);
                }
            }
        }
    }

    // Top-level metadata and alerts of the report prefix, as a small document, once both are complete in it.
    private static bool TryHead(ReadOnlySpan<byte> json, bool final, out JsonDocument? head)
    {
        head = null;
        var reader = new Utf8JsonReader(json, final, default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }
        string? metadata = null, alerts = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString() ?? "";
            var start = reader.BytesConsumed;
            if (!reader.TrySkip())
            {
                return false; // the value is not all there yet
            }
            if (name is "metadata" or "alerts")
            {
                string value = System.Text.Encoding.UTF8.GetString(json[(int)start..(int)reader.BytesConsumed]).TrimStart().TrimStart(':').TrimStart();
                (metadata, alerts) = name == "metadata" ? (value, alerts) : (metadata, value);
            }
            if (metadata is not null && alerts is not null)
            {
                break;
            }
        }
        if ((metadata is null || alerts is null) && !final)
        {
            return false; // not all there yet (a chunk may end between the two)
        }
        head = JsonDocument.Parse($"{{\"metadata\":{metadata ?? "null"},\"alerts\":{alerts ?? "[]"}}}");
        return true;
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
            return ReadHead(stream);
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
