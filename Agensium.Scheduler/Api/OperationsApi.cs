using Agensium.Scheduler.Jobs;
using Quartz;

namespace Agensium.Scheduler.Api;

/// <summary>Debug job, liveness/readiness, and running a maintenance job now.</summary>
public static class OperationsApi
{
    private static readonly Dictionary<string, JobKey> MaintenanceJobs = new(StringComparer.Ordinal)
    {
        [CleanupExpiredTasksJob.Key.Name] = CleanupExpiredTasksJob.Key,
        [HealthCheckJob.Key.Name] = HealthCheckJob.Key,
    };

    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        app.MapGet("/health/ready", ReadyAsync);
        app.MapPost("/api/debug", DebugAsync);
        app.MapPost("/api/jobs/{jobName}/trigger", TriggerAsync);
        return app;
    }

    private static async Task<IResult> ReadyAsync(DependencyProbe probe, ISchedulerFactory schedulers,
        Microsoft.Extensions.Options.IOptions<SchedulerOptions> options, CancellationToken ct)
    {
        var report = await probe.ProbeAsync(ct);
        var scheduler = await schedulers.GetScheduler(ct);
        var schedulerState = !options.Value.RunJobs ? "ok (api only)"
            : scheduler.Status == SchedulerStatus.Running ? "ok" : "not running";
        var body = new
        {
            status = report.AllOk && schedulerState.StartsWith("ok", StringComparison.Ordinal) ? "ok" : "unavailable",
            database = report.Database,
            s3 = report.S3,
            redis = report.Redis,
            scheduler = schedulerState,
            node = scheduler.SchedulerInstanceId,
        };
        return Results.Json(body, statusCode: body.status == "ok" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> DebugAsync(DebugRunner runner, CancellationToken ct)
    {
        var result = await runner.RunAsync(ct);
        return result is null
            ? ApiError.Result(StatusCodes.Status504GatewayTimeout, "DEBUG_TIMEOUT", "No node ran the debug job in time.")
            : Results.Ok(result);
    }

    private static async Task<IResult> TriggerAsync(string jobName, ISchedulerFactory schedulers, CancellationToken ct)
    {
        if (!MaintenanceJobs.TryGetValue(jobName, out var key))
        {
            return ApiError.NotFound("JOB_NOT_FOUND", $"Only these jobs can be triggered: {string.Join(", ", MaintenanceJobs.Keys)}.");
        }
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(key, cancellationToken: ct);
        return Results.Accepted(value: new { job = jobName, triggered_at = DateTime.UtcNow });
    }
}
