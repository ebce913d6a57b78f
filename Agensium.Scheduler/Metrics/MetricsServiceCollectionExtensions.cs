using Agensium.Scheduler.Hosting;
using OpenTelemetry.Metrics;

namespace Agensium.Scheduler.Metrics;

public static class MetricsServiceCollectionExtensions
{
    public static IServiceCollection AddAgensiumMetrics(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section, StrictBinding.Configure);
        services.AddSingleton<QueueDepthProbe>();
        services.AddSingleton<SchedulerMetrics>();
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(SchedulerMetrics.MeterName)
            .AddMeter("Quartz", "Quartz.*")
            .AddPrometheusExporter());
        return services;
    }
}
