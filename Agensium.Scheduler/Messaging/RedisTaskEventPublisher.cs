using System.Text.Json;
using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agensium.Scheduler.Messaging;

public sealed class RedisTaskEventPublisher(
    IConnectionMultiplexer redis,
    IOptions<RedisOptions> options,
    Metrics.SchedulerMetrics metrics,
    TimeProvider time,
    UnpublishedTaskEvents unpublished,
    ILogger<RedisTaskEventPublisher> logger) : ITaskEventPublisher
{
    private readonly RedisChannels _channels = new(options.Value.Prefix);
    private volatile bool _failing;

    public async Task PublishAsync(TaskEvent taskEvent, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(taskEvent);
        try
        {
            var db = redis.GetDatabase();
            // Pipelined: the three commands go out together and are awaited together.
            var set = db.StringSetAsync(_channels.LastState(taskEvent.TaskId), json, options.Value.LastStateTtl);
            var toTask = db.PublishAsync(RedisChannel.Literal(_channels.Task(taskEvent.TaskId)), json);
            var toUser = db.PublishAsync(RedisChannel.Literal(_channels.User(taskEvent.UserId)), json);
            await Task.WhenAll(set, toTask, toUser).WaitAsync(cancellationToken);
            metrics.PublishLag(time.GetUtcNow().UtcDateTime - taskEvent.At);
            if (_failing)
            {
                // Redis answers again: its outage lines say how many were left out, and the next outage is said at once.
                _failing = false;
                Logging.OutageLines.Answered(Logging.OutageCause.Redis);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _failing = true;
            logger.PublishFailed(e, taskEvent.TaskId, taskEvent.Status);
            // Published again once Redis answers, so the last-state key does not keep an old state for its TTL.
            unpublished.Keep(taskEvent);
        }
    }
}
