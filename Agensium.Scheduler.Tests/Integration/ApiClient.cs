using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>The HTTP API of one node, as a client would call it.</summary>
public sealed class ApiClient(ServiceNode node, string? apiKey = TestCluster.ApiKey) : IDisposable
{
    private readonly HttpClient _http = Create(node, apiKey);

    private static HttpClient Create(ServiceNode node, string? apiKey)
    {
        var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }
        return http;
    }

    public HttpClient Http => _http;

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, CancellationToken ct = default) =>
        _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), ct);

    public async Task<string> CreateTaskAsync(long userId = 1, string tool = "profile-my-data", CancellationToken ct = default)
    {
        using var response = await PostJsonAsync("/api/tasks", $$"""{"user_id": {{userId}}, "tool_id": "{{tool}}"}""", ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, body);
        return JsonNode.Parse(body)!["task_id"]!.GetValue<string>();
    }

    public async Task<HttpResponseMessage> UploadAsync(string taskId, string fileName, byte[] content, CancellationToken ct = default)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await _http.PutAsync($"/api/tasks/{taskId}/inputs/{Uri.EscapeDataString(fileName)}", body, ct);
    }

    public async Task UploadOkAsync(string taskId, string fileName, byte[] content, CancellationToken ct = default)
    {
        using var response = await UploadAsync(taskId, fileName, content, ct);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>A task of the fault-injection tool whose data file holds <paramref name="command"/>, processed on <paramref name="queue"/>.</summary>
    public async Task<string> SubmitFaultAsync(string command, string queue = "default", CancellationToken ct = default)
    {
        var id = await CreateTaskAsync(tool: "x-fault-injection", ct: ct);
        await UploadOkAsync(id, "fault.csv", System.Text.Encoding.UTF8.GetBytes(command + "\n"), ct);
        using var response = await ProcessAsync(id, $$"""{"queue": "{{queue}}"}""", ct);
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        return id;
    }

    /// <summary>
    /// Fills both test nodes' low_priority limit (2 slots each) with <paramref name="command"/> runs, waits until all
    /// four run, then queues one more low-priority task, which the limit keeps waiting. Returns (running, waiting).
    /// </summary>
    public async Task<(List<string> Running, string Waiting)> FillLowPriorityAsync(string command, string waitingCommand, CancellationToken ct = default)
    {
        var running = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            running.Add(await SubmitFaultAsync(command, "low_priority", ct));
        }
        foreach (var id in running)
        {
            await WaitForStatusAsync(id, "PROCESSING", TimeSpan.FromSeconds(30), ct);
        }
        return (running, await SubmitFaultAsync(waitingCommand, "low_priority", ct));
    }

    public async Task<JsonObject> WaitForStatusAsync(string taskId, string status, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var task = await GetTaskAsync(taskId, ct);
            if (task["status"]!.GetValue<string>() == status)
            {
                return task;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"task {taskId} is {task["status"]}, not {status}, after {timeout}");
            }
            await Task.Delay(50, ct);
        }
    }

    public Task<HttpResponseMessage> CancelAsync(string taskId, CancellationToken ct = default) =>
        PostJsonAsync($"/api/tasks/{taskId}/cancel", "", ct);

    public Task<HttpResponseMessage> ProcessAsync(string taskId, string body = "{}", CancellationToken ct = default) =>
        PostJsonAsync($"/api/tasks/{taskId}/process", body, ct);

    public async Task ProcessOkAsync(string taskId, CancellationToken ct = default)
    {
        using var response = await ProcessAsync(taskId, ct: ct);
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    public async Task<JsonObject> GetTaskAsync(string taskId, CancellationToken ct = default)
    {
        var body = await _http.GetStringAsync($"/api/tasks/{taskId}", ct);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Polls the task until it reaches a final status or the deadline passes.</summary>
    public async Task<JsonObject> WaitForFinalAsync(string taskId, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var task = await GetTaskAsync(taskId, ct);
            var status = task["status"]!.GetValue<string>();
            if (status is "COMPLETED" or "FAILED" or "CANCELLED" or "EXPIRED")
            {
                return task;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"task {taskId} still {status} after {timeout}");
            }
            await Task.Delay(100, ct);
        }
    }

    public void Dispose() => _http.Dispose();
}
