using System.Text.Json;
using System.Text.Json.Nodes;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;

namespace Agensium.Scheduler.Api;

/// <summary>
/// AGENSIUM §3.1 step 5, for a COMPLETED task: GET …/downloads lists its outputs with presigned GET URLs valid for
/// an hour (straight from the object store; GET …/outputs/{file} streams them through the API instead), and
/// GET …/report gives the JSON report re-keyed camelCase, with the downloads and one key per agent id.
/// </summary>
public static class DownloadsApi
{
    public static readonly TimeSpan UrlLifetime = TimeSpan.FromHours(1);

    public static IEndpointRouteBuilder MapDownloadsApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead("/api/tasks/{taskId}/downloads", async (string taskId, TaskStore store, IObjectStore objects, TimeProvider time, CancellationToken ct) =>
        {
            var (task, error) = await CompletedTaskAsync(store, taskId, ct);
            return task is null ? error! : Results.Ok(new { task_id = task.TaskId, downloads = await DownloadsAsync(task, objects, time, ct) });
        });
        app.MapGetAndHead("/api/tasks/{taskId}/report", ReportAsync);
        return app;
    }

    private static async Task<IResult> ReportAsync(string taskId, TaskStore store, IObjectStore objects, TimeProvider time, CancellationToken ct)
    {
        var (task, error) = await CompletedTaskAsync(store, taskId, ct);
        if (task is null)
        {
            return error!;
        }
        var name = task.ToolId.Replace('-', '_') + "_analysis.json";
        var opened = await objects.OpenReadAsync(TaskPaths.Output(task.UserId, task.TaskId, name), ct);
        if (opened is not { } file)
        {
            return ApiError.NotFound("OUTPUT_NOT_FOUND", $"The task has no {name}.");
        }
        JsonNode? parsed;
        await using (file.Content)
        {
            parsed = await JsonNode.ParseAsync(file.Content, cancellationToken: ct);
        }
        if (parsed is not JsonObject report)
        {
            return ApiError.NotFound("OUTPUT_NOT_FOUND", $"{name} is not a JSON report.");
        }
        var camel = (JsonObject)CamelCase(report)!;
        camel["downloads"] = CamelCase(JsonSerializer.SerializeToNode(await DownloadsAsync(task, objects, time, ct)));
        if (camel["agentResults"] is JsonObject agents)
        {
            foreach (var (agentId, result) in agents.ToList())
            {
                camel[agentId] = result?.DeepClone();
            }
        }
        return Results.Text(camel.ToJsonString(), "application/json");
    }

    private static async Task<(AnalysisTask? Task, IResult? Error)> CompletedTaskAsync(TaskStore store, string taskId, CancellationToken ct)
    {
        var (task, error) = await TaskLookup.FindAsync(store, taskId, ct);
        if (task is null)
        {
            return (null, error);
        }
        return task.Status == TaskStatuses.Completed
            ? (task, null)
            : (null, ApiError.Conflict("TASK_NOT_COMPLETED", $"The task is {task.Status}; downloads and the report are available once it is COMPLETED."));
    }

    private static async Task<List<Download>> DownloadsAsync(AnalysisTask task, IObjectStore objects, TimeProvider time, CancellationToken ct)
    {
        var prefix = TaskPaths.OutputsPrefix(task.UserId, task.TaskId);
        // The lifetime asked for, to the second; expires_at shows the URL's own expiry (SignedExpiry), this only when it cannot be read.
        var now = time.GetUtcNow().UtcDateTime;
        var expires = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc) + UrlLifetime;
        var downloads = new List<Download>();
        foreach (var o in await objects.ListAsync(prefix, ct))
        {
            var name = o.Key[prefix.Length..];
            var url = await objects.PresignGetAsync(o.Key, expires);
            downloads.Add(new Download(name, name, TypeOf(name), MimeOf(name), o.Size, url, SignedExpiry(url) ?? expires));
        }
        return downloads;
    }

    /// <summary>
    /// When a presigned URL stops working: X-Amz-Date + X-Amz-Expires, as the store checks it. The SDK signs with its own
    /// clock and whole seconds, so this can be a second before the instant asked for; expires_at shows the URL's own.
    /// </summary>
    public static DateTime? SignedExpiry(string url)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query);
        return DateTime.TryParseExact(query["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture,
                   System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var signed)
               && int.TryParse(query["X-Amz-Expires"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int seconds)
            ? DateTime.SpecifyKind(signed, DateTimeKind.Utc).AddSeconds(seconds)
            : null;
    }

    private static string TypeOf(string name) =>
        name.EndsWith("_analysis.json", StringComparison.Ordinal) ? "json_report"
        : name.EndsWith("_analysis.xlsx", StringComparison.Ordinal) ? "excel_report"
        : name.Contains("_cleaned_", StringComparison.Ordinal) ? "cleaned_data"
        : name.Contains("_mastered_", StringComparison.Ordinal) ? "mastered_data"
        : "file";

    private static string MimeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".json" => "application/json",
        ".xlsx" => Agensium.Analysis.Reporting.Excel.ExcelReportWriter.ContentType,
        ".csv" => "text/csv",
        _ => "application/octet-stream",
    };

    /// <summary>
    /// The tree with its snake_case keys in camelCase (agent_results → agentResults). An agent's <c>data</c> is copied as
    /// it is: its keys are often the user's column names (first_name and firstName may both be columns), which are
    /// data, not the report's schema; so are the keys of the counts by issue type (issue_summary.by_type: null_value,
    /// iqr_outlier), which name the issue_type values of the lists. A key whose camelCase form is already taken keeps its own name.
    /// </summary>
    private static readonly HashSet<string> DataKeyed = new(StringComparer.Ordinal) { "data", "by_type", "issues_by_type" };

    private static JsonNode? CamelCase(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    string camel = Camel(key);
                    string name = camel != key && (obj.ContainsKey(camel) || result.ContainsKey(camel)) ? key : camel;
                    result[name] = DataKeyed.Contains(key) && value is JsonObject ? value.DeepClone() : CamelCase(value);
                }

                return result;
            case JsonArray array:
                return new JsonArray([.. array.Select(CamelCase)]);
            default:
                return node?.DeepClone();
        }
    }

    private static string Camel(string key)
    {
        if (!key.Contains('_') || key.Any(c => char.IsUpper(c) || char.IsWhiteSpace(c)))
        {
            return key;
        }
        var parts = key.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? key : parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private sealed record Download(
        [property: System.Text.Json.Serialization.JsonPropertyName("download_id")] string DownloadId,
        [property: System.Text.Json.Serialization.JsonPropertyName("filename")] string Filename,
        [property: System.Text.Json.Serialization.JsonPropertyName("type")] string Type,
        [property: System.Text.Json.Serialization.JsonPropertyName("mime_type")] string MimeType,
        [property: System.Text.Json.Serialization.JsonPropertyName("size_bytes")] long SizeBytes,
        [property: System.Text.Json.Serialization.JsonPropertyName("url")] string Url,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_at")] DateTime ExpiresAt);
}
