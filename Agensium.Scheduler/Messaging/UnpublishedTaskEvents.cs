using System.Text.Json;
using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agensium.Scheduler.Messaging;

/// <summary>
/// Task events this node could not publish while Redis was unreachable, the newest per task, published again once Redis
/// answers (<see cref="TryPublishAllAsync"/>, driven by <see cref="UnpublishedTaskEventsRetrier"/>). Without it, a task
/// that ended during an outage kept its last-state key at "PROCESSING" for the key's whole TTL (24 h), and a client that
/// follows the key waited forever. An event is published again only if the key does not hold a newer one (compared
/// and set in one Redis transaction), so a node's old event never hides what another node published since.
/// The events live in this node's memory: a node that stops during an outage loses them, and the task row stays the truth.
/// </summary>
public sealed class UnpublishedTaskEvents(
    IConnectionMultiplexer redis,
    IOptions<RedisOptions> options,
    ILogger<UnpublishedTaskEvents> logger)
{
    /// <summary>At most this many tasks' events are kept; beyond it the oldest are dropped (the task rows stay right).</summary>
    public const int Capacity = 10_000;

    private readonly LatestTaskEvents _events = new(Capacity);
    private readonly RedisChannels _channels = new(options.Value.Prefix);
    private readonly SemaphoreSlim _waiting = new(0);

    public int Count => _events.Count;

    /// <summary>Keeps <paramref name="taskEvent"/> unless a newer event of its task is kept already (O(log n)).</summary>
    public void Keep(TaskEvent taskEvent)
    {
        _events.Keep(taskEvent);

        if (_waiting.CurrentCount == 0)
        {
            _waiting.Release();
        }
    }

    /// <summary>Waits until an event is kept (or <paramref name="timeout"/> passes).</summary>
    public Task WaitForEventsAsync(TimeSpan timeout, CancellationToken ct) => _waiting.WaitAsync(timeout, ct);

    /// <summary>
    /// Publishes every kept event whose key holds nothing newer; returns false when Redis failed (the rest stay kept).
    /// </summary>
    public async Task<bool> TryPublishAllAsync(CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var published = false;
        foreach (var taskEvent in _events.Snapshot())
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await PublishIfNewestAsync(db, taskEvent).WaitAsync(ct);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                logger.RepublishFailed(e, _events.Count);
                return false;
            }

            // Removed only if no newer event of the task was kept meanwhile.
            _events.Remove(taskEvent);
            published = true;
        }

        if (published)
        {
            // Events are kept only when Redis failed, so Redis answers again: its outage lines (these retries', the
            // publisher's) end now with their counts and the "answers again" line. Only the publisher said so, at its
            // next event, so on a node with no new event the lines ended by themselves a minute later as counts that
            // read like new failures, and "answers again" never came (stop 43's probe).
            OutageLines.Answered(OutageCause.Redis);
        }
        return true;
    }

    private async Task PublishIfNewestAsync(IDatabase db, TaskEvent taskEvent)
    {
        var key = _channels.LastState(taskEvent.TaskId);
        var json = JsonSerializer.Serialize(taskEvent);
        for (int attempt = 0; attempt < 5; attempt++)
        {
            var current = await db.StringGetAsync(key);
            if (current.HasValue && Newer(current, taskEvent))
            {
                return;
            }

            var tran = db.CreateTransaction();
            tran.AddCondition(current.HasValue ? Condition.StringEqual(key, current) : Condition.KeyNotExists(key));
            _ = tran.StringSetAsync(key, json, options.Value.LastStateTtl);
            _ = tran.PublishAsync(RedisChannel.Literal(_channels.Task(taskEvent.TaskId)), json);
            _ = tran.PublishAsync(RedisChannel.Literal(_channels.User(taskEvent.UserId)), json);
            if (await tran.ExecuteAsync())
            {
                return;
            }
        }
    }

    // True when the key holds an event at least as new as ours (an unreadable value is replaced).
    private static bool Newer(RedisValue current, TaskEvent ours)
    {
        try
        {
            return JsonSerializer.Deserialize<TaskEvent>(current.ToString()) is { } held && held.At >= ours.At;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
