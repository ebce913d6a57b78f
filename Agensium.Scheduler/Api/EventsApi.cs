using System.Text.Json;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Messaging;
using Agensium.Scheduler.Tasks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agensium.Scheduler.Api;

/// <summary>
/// Server-sent events for browsers: GET /api/tasks/{task_id}/events relays the task's Redis channel, starting with its
/// last known state and ending after a final status; GET /api/users/{user_id}/events relays all of a user's tasks.
/// A comment line every 15 s keeps proxies from closing an idle stream.
/// </summary>
public static class EventsApi
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tasks/{taskId}/events", TaskEventsAsync);
        app.MapGet("/api/users/{userId}/events", UserEventsAsync);
        return app;
    }

    private static async Task TaskEventsAsync(string taskId, HttpContext http, TaskStore store, TaskEvents events,
        IConnectionMultiplexer redis, IOptions<RedisOptions> options, CancellationToken ct)
    {
        if (!InputValidation.TryParseTaskId(taskId, out var id))
        {
            await ApiError.BadRequest("INVALID_TASK_ID", "task_id must be a UUID.").ExecuteAsync(http);
            return;
        }
        var channels = new RedisChannels(options.Value.Prefix);
        // Subscribe before reading the current state, so nothing between the two is missed.
        var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channels.Task(id)));
        try
        {
            var task = await store.FindAsync(id, ct);
            if (task is null)
            {
                await ApiError.NotFound("TASK_NOT_FOUND", "No task with that id.").ExecuteAsync(http);
                return;
            }
            await StartAsync(http);
            await WriteAsync(http, JsonSerializer.Serialize(events.DescribeStored(task)), ct);
            if (TaskStatuses.Terminal.Contains(task.Status))
            {
                return;
            }
            // Pub/sub is a hint, the row the truth: an event published while Redis was unreachable is lost, so at every
            // keep-alive the row is read again, and a change (above all the end of the task) is sent from it.
            var sent = (task.Status, task.Progress);
            async Task<(string? Json, bool Last)> CheckRowAsync(CancellationToken token)
            {
                AnalysisTask? now;
                try
                {
                    now = await store.FindAsync(id, token);
                }
                catch (Exception e) when (e is not OperationCanceledException && Worker.ExceptionClassifier.IsTransient(e))
                {
                    return (null, false); // the database is away too: keep the stream, look again at the next keep-alive
                }
                if (now is null)
                {
                    return (JsonSerializer.Serialize(events.Deleted(task)), true); // deleted while its DELETED event was lost
                }
                if ((now.Status, now.Progress) == sent)
                {
                    return (null, false);
                }
                sent = (now.Status, now.Progress);
                return (JsonSerializer.Serialize(events.DescribeStored(now)), TaskStatuses.Terminal.Contains(now.Status));
            }
            await RelayAsync(http, queue, json =>
            {
                using var doc = JsonDocument.Parse(json);
                var root = doc.RootElement;
                bool hasStatus = root.TryGetProperty("status", out var s);
                string status = hasStatus ? s.GetString() ?? "" : "";
                if (hasStatus && root.TryGetProperty("progress", out var p) && p.TryGetInt32(out int progress))
                {
                    sent = (status, progress);
                }
                return TaskStatuses.Terminal.Contains(status) || status == TaskEvents.DeletedStatus; // the one parse of the message serves both
            }, ct, CheckRowAsync);
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }

    private static async Task UserEventsAsync(string userId, HttpContext http, TaskStore store,
        IConnectionMultiplexer redis, IOptions<RedisOptions> options, CancellationToken ct)
    {
        // As the task list's user_id filter reads it: digits only ("+1", " 1" and "1 " are refused there too).
        if (!long.TryParse(userId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var uid) || uid <= 0)
        {
            await ApiError.BadRequest("INVALID_USER_ID", "user_id must be a positive integer.").ExecuteAsync(http);
            return;
        }
        if (!await store.UserExistsAsync(uid, ct))
        {
            await ApiError.NotFound("USER_NOT_FOUND", $"User {uid} does not exist.").ExecuteAsync(http);
            return;
        }
        var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(new RedisChannels(options.Value.Prefix).User(uid)));
        try
        {
            await StartAsync(http);
            await RelayAsync(http, queue, _ => false, ct);
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }

    private static async Task StartAsync(HttpContext http)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static async Task RelayAsync(HttpContext http, ChannelMessageQueue queue, Func<string, bool> isLast, CancellationToken ct,
        Func<CancellationToken, Task<(string? Json, bool Last)>>? onIdle = null)
    {
        while (!ct.IsCancellationRequested)
        {
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(ct);
            tick.CancelAfter(Heartbeat);
            ChannelMessage message;
            try
            {
                message = await queue.ReadAsync(tick.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                var (missed, last) = onIdle is null ? (null, false) : await onIdle(ct);
                if (missed is not null)
                {
                    await WriteAsync(http, missed, ct);
                }
                if (last)
                {
                    return;
                }
                await http.Response.WriteAsync(": keep-alive\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
                continue;
            }
            var json = message.Message.ToString();
            await WriteAsync(http, json, ct);
            if (isLast(json))
            {
                return;
            }
        }
    }

    private static async Task WriteAsync(HttpContext http, string json, CancellationToken ct)
    {
        await http.Response.WriteAsync($"event: task\ndata: {json}\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
