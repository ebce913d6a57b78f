using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Agensium.Chaos;

/// <summary>One task the API accepted for processing (202, or 409 TASK_ALREADY_QUEUED after a retried request).</summary>
public sealed record Accepted(string TaskId, string Kind, TimeSpan At);

/// <summary>
/// A steady stream of short jobs through the HTTP API of whichever nodes are up: x-noop (no input), profile-my-data on
/// a small CSV, and x-fault-injection sleep:1..3 (so that a node dies or freezes with work in hand). A request that
/// fails on the way (a node or PostgreSQL down) is tried again on another node; a task counts as submitted only once
/// its process call was accepted.
/// </summary>
public sealed class LoadStream(ChaosOptions options, Func<IReadOnlyList<int>> livePorts, Stopwatch clock, Random random, Action<string> log) : IDisposable
{
    private readonly ConcurrentDictionary<int, HttpClient> _clients = new();
    private readonly ConcurrentQueue<Accepted> _accepted = new();
    private readonly byte[] _csv = SmallCsv();
    private int _inFlight;
    private int _refused;
    private int _gaveUp;
    private int _kindCursor;

    public IReadOnlyCollection<Accepted> Accepted => _accepted;
    public int Refused => _refused;
    public int GaveUp => _gaveUp;
    public int InFlight => Volatile.Read(ref _inFlight);

    public async Task RunAsync(CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(1 / options.Rate);
        var pending = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, stop);
                if (Volatile.Read(ref _inFlight) < 16)
                {
                    pending.Add(SubmitOneAsync(CancellationToken.None));
                }
                pending.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        await Task.WhenAll(pending);
    }

    private string NextKind()
    {
        var i = Interlocked.Increment(ref _kindCursor);
        return (i % 10) switch
        {
            < 4 => "noop",
            < 7 => "profile",
            _ => "sleep",
        };
    }

    private async Task SubmitOneAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            var kind = NextKind();
            var tool = kind switch { "noop" => "x-noop", "profile" => "profile-my-data", _ => "x-fault-injection" };
            var taskId = await WithRetriesAsync("create", async http =>
            {
                using var response = await http.PostAsync("/api/tasks", Json($$"""{"user_id": 1, "tool_id": "{{tool}}"}"""), ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                return response.StatusCode == HttpStatusCode.Created ? Result.Ok(JsonNode.Parse(body)!["task_id"]!.GetValue<string>())
                    : (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests ? Result.Retry<string>(body)
                    : Result.Refuse<string>($"{(int)response.StatusCode} {body}");
            });
            if (taskId is null)
            {
                return;
            }
            if (kind != "noop")
            {
                var content = kind == "profile" ? _csv : Encoding.UTF8.GetBytes($"sleep:{random.Next(1, 4)}\n");
                var name = kind == "profile" ? "orders.csv" : "fault.csv";
                var uploaded = await WithRetriesAsync("upload", async http =>
                {
                    var body = new ByteArrayContent(content);
                    body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                    using var response = await http.PutAsync($"/api/tasks/{taskId}/inputs/{name}", body, ct);
                    var text = await response.Content.ReadAsStringAsync(ct);
                    return response.StatusCode == HttpStatusCode.OK ? Result.Ok("ok")
                        : (int)response.StatusCode >= 500 ? Result.Retry<string>(text)
                        : Result.Refuse<string>($"{(int)response.StatusCode} {text}");
                });
                if (uploaded is null)
                {
                    return;
                }
            }
            var processed = await WithRetriesAsync("process", async http =>
            {
                using var response = await http.PostAsync($"/api/tasks/{taskId}/process", Json("{}"), ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                // 409 TASK_ALREADY_QUEUED: an earlier try went through although its answer was lost.
                return response.StatusCode == HttpStatusCode.Accepted || (response.StatusCode == HttpStatusCode.Conflict && text.Contains("TASK_ALREADY_QUEUED", StringComparison.Ordinal))
                    ? Result.Ok("ok")
                    : (int)response.StatusCode >= 500 ? Result.Retry<string>(text)
                    : Result.Refuse<string>($"{(int)response.StatusCode} {text}");
            });
            if (processed is not null)
            {
                _accepted.Enqueue(new Accepted(taskId, kind, clock.Elapsed));
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private readonly record struct Result<T>(T? Value, bool Retryable, string? Error);

    private static class Result
    {
        public static Result<T> Ok<T>(T value) => new(value, false, null);
        public static Result<T> Retry<T>(string error) => new(default, true, error);
        public static Result<T> Refuse<T>(string error) => new(default, false, error);
    }

    /// <summary>Tries live nodes for up to 150 s (outages last up to a minute); null when refused or given up.</summary>
    private async Task<T?> WithRetriesAsync<T>(string step, Func<HttpClient, Task<Result<T>>> call) where T : class
    {
        var until = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(250);
        string? last = null;
        while (until.Elapsed < TimeSpan.FromSeconds(150))
        {
            var ports = livePorts();
            if (ports.Count > 0)
            {
                var http = Client(ports[random.Next(ports.Count)]);
                try
                {
                    var r = await call(http);
                    if (r.Value is not null)
                    {
                        return r.Value;
                    }
                    if (!r.Retryable)
                    {
                        Interlocked.Increment(ref _refused);
                        log($"{step} refused: {Short(r.Error)}");
                        return null;
                    }
                    last = r.Error;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    last = e.Message;
                }
            }
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(2000, delay.TotalMilliseconds * 2));
        }
        Interlocked.Increment(ref _gaveUp);
        log($"{step} given up after 150 s: {Short(last)}");
        return null;
    }

    private static string Short(string? s) => s is null ? "" : s.Length > 160 ? s[..160] : s;

    private HttpClient Client(int port) => _clients.GetOrAdd(port, p =>
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{p}"), Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
        return http;
    });

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>60 orders × 6 columns, with a few blanks and an outlier so every profiler branch has work.</summary>
    private static byte[] SmallCsv()
    {
        var sb = new StringBuilder("order_id,customer,country,amount,ordered_at,status\n");
        string[] countries = ["FR", "DE", "US", "", "GB"];
        for (var i = 1; i <= 60; i++)
        {
            var amount = i == 42 ? "99999.00" : (i * 13.37 % 500).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},customer-{i % 17},{countries[i % 5]},{amount},2026-0{1 + i % 9}-{10 + i % 18},{(i % 7 == 0 ? "returned" : "shipped")}\n");
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public void Dispose()
    {
        foreach (var c in _clients.Values)
        {
            c.Dispose();
        }
    }
}
