using System.Threading.Channels;
using Agensium.Scheduler.Messaging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agensium.Scheduler.Dashboard;

/// <summary>
/// GET /dashboard/events, server-sent events for open dashboard pages: every task event of the cluster as it is
/// published on Redis ("task": progress bars move at once), and a "tick" every few seconds so that the live sections
/// (nodes, queues, history) are re-read from PostgreSQL even when nothing is published, or when Redis is down.
/// </summary>
public static class DashboardEvents
{
    public static async Task StreamAsync(HttpContext http, IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions,
        IOptions<DashboardOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync("retry: 3000\n\n", ct);
        await http.Response.Body.FlushAsync(ct);

        var pending = Channel.CreateBounded<string>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        ChannelMessageQueue? queue = null;
        try
        {
            var pattern = RedisChannel.Pattern(new RedisChannels(redisOptions.Value.Prefix).AllUsersPattern);
            queue = await redis.GetSubscriber().SubscribeAsync(pattern);
            queue.OnMessage(m => pending.Writer.TryWrite(m.Message.ToString()));
        }
        catch (RedisException e)
        {
            // Without Redis the page still refreshes on ticks; progress moves at each refresh instead of at once.
            loggers.CreateLogger(typeof(DashboardEvents)).LogWarning("Dashboard events without Redis: {Reason}", e.Message);
        }
        try
        {
            using var timer = new PeriodicTimer(options.Value.LiveRefreshInterval);
            var tick = timer.WaitForNextTickAsync(ct).AsTask();
            while (!ct.IsCancellationRequested)
            {
                var read = pending.Reader.WaitToReadAsync(ct).AsTask();
                var done = await Task.WhenAny(read, tick);
                if (done == tick)
                {
                    if (!await tick)
                    {
                        break;
                    }
                    await http.Response.WriteAsync("event: tick\ndata: {}\n\n", ct);
                    tick = timer.WaitForNextTickAsync(ct).AsTask();
                }
                while (pending.Reader.TryRead(out var json))
                {
                    await http.Response.WriteAsync($"event: task\ndata: {json}\n\n", ct);
                }
                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser went away or the node is stopping.
        }
        finally
        {
            if (queue is not null)
            {
                await queue.UnsubscribeAsync();
            }
        }
    }
}
