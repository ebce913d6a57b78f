using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agensium.Scheduler.Messaging;

public static class MessagingServiceCollectionExtensions
{
    public static IServiceCollection AddAgensiumMessaging(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            var config = ConfigurationOptions.Parse(o.Configuration);
            // Start even when Redis is down: progress is a hint, and the multiplexer reconnects by itself.
            config.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(config);
        });
        services.AddSingleton<ITaskEventPublisher, RedisTaskEventPublisher>();
        return services;
    }
}
