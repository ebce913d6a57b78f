using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Agensium.Benchmarks.Scheduler;

/// <summary>The production submit path: POST /api/tasks (tool x-noop), then POST /api/tasks/{id}/process.</summary>
public sealed class Submitter : IDisposable
{
    private readonly List<HttpClient> _clients;
    private readonly long _userId;

    public Submitter(BenchOptions options)
    {
        _userId = options.UserId;
        _clients = options.Api.Select(uri =>
        {
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = uri,
                Timeout = TimeSpan.FromSeconds(60),
            };
            client.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
            return client;
        }).ToList();
    }

    public async Task<string> CreateAsync(int node, CancellationToken ct)
    {
        using var response = await _clients[node % _clients.Count].PostAsJsonAsync("/api/tasks", new { user_id = _userId, tool_id = "x-noop" }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"create: {(int)response.StatusCode} {body}");
        }
        return JsonNode.Parse(body)!["task_id"]!.GetValue<string>();
    }

    public async Task ProcessAsync(int node, string taskId, CancellationToken ct)
    {
        using var content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await _clients[node % _clients.Count].PostAsync($"/api/tasks/{taskId}/process", content, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"process: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    /// <summary>Creates and processes <paramref name="count"/> tasks with <paramref name="parallel"/> requests in flight, spread over the nodes.</summary>
    public async Task<List<string>> SubmitManyAsync(int count, int parallel, CancellationToken ct)
    {
        var ids = new string[count];
        var next = -1;
        var workers = Enumerable.Range(0, parallel).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var id = await CreateAsync(i, ct);
                await ProcessAsync(i, id, ct);
                ids[i] = id;
            }
        });
        await Task.WhenAll(workers);
        return [.. ids];
    }

    public void Dispose()
    {
        foreach (var c in _clients)
        {
            c.Dispose();
        }
    }
}
