using System.Text.Json;
using System.Buffers;
using System.Text.Encodings.Web;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;

namespace Agensium.Scheduler.Api;

/// <summary>
/// AGENSIUM §3.1 step 5, for a COMPLETED task: GET …/downloads lists its outputs with presigned GET URLs valid for
/// an hour (straight from the object store; GET …/outputs/{file} streams them through the API instead), and
/// GET …/report gives the JSON report re-keyed camelCase, with the downloads and one key per agent id (<see cref="CamelCaseReport"/>).
/// </summary>
public static class DownloadsApi
{
    public static readonly TimeSpan UrlLifetime = TimeSpan.FromHours(1);

    // Reports are written by the analysis library, which nests far less deep; JsonDocument's default is 64.
    private const int ReportMaxDepth = 256;

    // Read into one array of the stored size up to this; past it (or of an unknown size) read as a stream.
    private const long ReportMaxBytes = 1L << 30;

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

    private static async Task<IResult> ReportAsync(string taskId, HttpContext http, TaskStore store, IObjectStore objects, ReportRenderGate gate,
        TimeProvider time, CancellationToken ct)
    {
        var (task, error) = await CompletedTaskAsync(store, taskId, ct);
        if (task is null)
        {
            return error!;
        }

        var name = task.ToolId.Replace('-', '_') + "_analysis.json";
        var key = TaskPaths.Output(task.UserId, task.TaskId, name);
        if (HttpMethods.IsHead(http.Request.Method))
        {
            // The same status and type as a GET, without reading and rendering the report for a body nobody receives.
            var opened = await objects.OpenReadAsync(key, ct);
            if (opened is not { } head)
            {
                return ApiError.NotFound("OUTPUT_NOT_FOUND", $"The task has no {name}.");
            }

            await head.Content.DisposeAsync();
            return Results.Text("", "application/json; charset=utf-8");
        }

        // A turn is held until the response is done (or abandoned): the request's end disposes what it registered. A
        // caller waits for one at most ReportRenderGate.MaxWait: slow readers holding every turn must not queue the rest for hours.
        var turn = await gate.TryEnterAsync(ct);
        if (turn is null)
        {
            http.Response.Headers.RetryAfter = "5";
            return ApiError.Result(StatusCodes.Status503ServiceUnavailable, "REPORT_BUSY",
                $"This node is sending {gate.Limit} report(s) already (Api:MaxConcurrentReports); try again in a few seconds, or download {name} from GET /api/tasks/{taskId}/downloads.");
        }

        http.Response.RegisterForDispose(turn);
        var parsed = await ParseReportAsync(objects, key, ct);
        if (parsed is null)
        {
            return ApiError.NotFound("OUTPUT_NOT_FOUND", $"The task has no {name}.");
        }

        http.Response.RegisterForDispose(parsed);
        if (parsed.Root.ValueKind != JsonValueKind.Object)
        {
            return ApiError.NotFound("OUTPUT_NOT_FOUND", $"{name} is not a JSON report.");
        }

        var downloads = JsonSerializer.SerializeToElement(await DownloadsAsync(task, objects, time, ct));
        return Results.Stream(async body =>
        {
            var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            try
            {
                await CamelCaseReport.WriteAsync(writer, parsed.Root, downloads, ct);
            }
            finally
            {
                // Everything written was flushed; after a failure (the client gone) what is pending is dropped, not
                // flushed by Dispose into a closed response, which would hide the failure behind its own.
                writer.Reset();
                await writer.DisposeAsync();
            }
        }, "application/json; charset=utf-8");
    }

    /// <summary>
    /// The stored report, parsed in place from a pooled buffer of its stored size (a stream of unknown length would be
    /// read into buffers doubled as it grows, and a fresh array per call is garbage the size of the report); null when it
    /// does not exist, a document of JSON null when it is not JSON; ObjectStoreUnavailableException (503) when the store sends less than it holds.
    /// </summary>
    private static async Task<StoredReport?> ParseReportAsync(IObjectStore objects, string key, CancellationToken ct)
    {
        var opened = await objects.OpenReadAsync(key, ct);
        if (opened is not { } file)
        {
            return null;
        }

        var options = new JsonDocumentOptions { MaxDepth = ReportMaxDepth };
        await using (file.Content)
        {
            byte[]? buffer = file.Length is > 0 and <= ReportMaxBytes ? ArrayPool<byte>.Shared.Rent((int)file.Length) : null;
            try
            {
                if (buffer is null)
                {
                    return new StoredReport(await JsonDocument.ParseAsync(file.Content, options, ct), null);
                }

                var bytes = buffer.AsMemory(0, (int)file.Length);
                await file.Content.ReadExactlyAsync(bytes, ct);
                return new StoredReport(JsonDocument.Parse(bytes, options), buffer);
            }
            catch (JsonException)
            {
                Return(buffer);
                return new StoredReport(JsonDocument.Parse("null"), null);
            }
            catch (EndOfStreamException e)
            {
                // Fewer bytes than the store said it holds: a storage fault (503, logged), not a missing or damaged report.
                Return(buffer);
                throw new ObjectStoreUnavailableException($"The object store returned less of {key} than its {file.Length} bytes.", e);
            }
            catch
            {
                Return(buffer);
                throw;
            }
        }

        static void Return(byte[]? buffer)
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>A parsed report and the pooled buffer it reads from: the document goes first, then the buffer back to the pool.</summary>
    private sealed class StoredReport(JsonDocument document, byte[]? buffer) : IDisposable
    {
        private byte[]? _buffer = buffer;

        public JsonElement Root => document.RootElement;

        public void Dispose()
        {
            document.Dispose();
            if (Interlocked.Exchange(ref _buffer, null) is { } pooled)
            {
                ArrayPool<byte>.Shared.Return(pooled);
            }
        }
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

    private sealed record Download(
        [property: System.Text.Json.Serialization.JsonPropertyName("download_id")] string DownloadId,
        [property: System.Text.Json.Serialization.JsonPropertyName("filename")] string Filename,
        [property: System.Text.Json.Serialization.JsonPropertyName("type")] string Type,
        [property: System.Text.Json.Serialization.JsonPropertyName("mime_type")] string MimeType,
        [property: System.Text.Json.Serialization.JsonPropertyName("size_bytes")] long SizeBytes,
        [property: System.Text.Json.Serialization.JsonPropertyName("url")] string Url,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_at")] DateTime ExpiresAt);
}
