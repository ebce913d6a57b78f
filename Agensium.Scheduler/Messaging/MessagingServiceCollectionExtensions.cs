using Agensium.Scheduler.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agensium.Scheduler.Messaging;

public static class MessagingServiceCollectionExtensions
{
    public static IServiceCollection AddAgensiumMessaging(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section, StrictBinding.Configure).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConnectionOptions(sp.GetRequiredService<IOptions<RedisOptions>>().Value);
            var redis = ConnectionMultiplexer.Connect(options);
            if (!redis.IsConnected)
            {
                // The node starts anyway (see ConnectionOptions), but an operator should not learn it from a client.
                Logging.Log.RedisUnreachableAtStart(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Agensium.Scheduler.Messaging"),
                    $"no connection to {string.Join(", ", options.EndPoints)}");
            }

            return redis;
        });
        services.AddSingleton<UnpublishedTaskEvents>();
        services.AddHostedService<UnpublishedTaskEventsRetrier>();
        services.AddSingleton<ITaskEventPublisher, RedisTaskEventPublisher>();
        return services;
    }

    /// <summary>
    /// How the node connects to Redis. It starts even when Redis is down (progress is a hint; the multiplexer
    /// reconnects by itself), and while Redis is unreachable a command fails at once instead of waiting in the
    /// client's backlog for the 5 s timeout: with the backlog, every API call and every progress update of a job
    /// waited 5 s during a Redis outage (a 0.25 s clean-my-data job took 50 s, holding its slot).
    /// </summary>
    public static ConfigurationOptions ConnectionOptions(RedisOptions options)
    {
        var config = ConfigurationOptions.Parse(options.Configuration);
        config.AbortOnConnectFail = false;
        config.BacklogPolicy = BacklogPolicy.FailFast;
        return config;
    }
}
