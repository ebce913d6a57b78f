using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Operations;
using Quartz;

namespace Agensium.Scheduler.Api;

/// <summary>Debug job, liveness/readiness, the answering node's id, and the audited cron and queue controls (run now, pause, resume).</summary>
public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead("/health", () => Results.Ok(new { status = "ok" }));
        app.MapGetAndHead("/health/ready", ReadyAsync);
        // The answering node's Quartz instance id (host, PID, start), as the dashboard's nodes table and job history name
        // it: behind the API key, unlike the readiness probe, which anyone who reaches the port may ask.
        app.MapGetAndHead("/api/node", async (ISchedulerFactory schedulers, CancellationToken ct) =>
            Results.Ok(new { node = (await schedulers.GetScheduler(ct)).SchedulerInstanceId }));
        app.MapPost("/api/debug", DebugAsync).AddEndpointFilter(JsonBody.RefuseFieldsAsync);
        app.MapPost("/api/jobs/{jobName}/trigger", async (string jobName, HttpContext http, OperatorActions actions, CancellationToken ct) =>
            ToAccepted(await actions.TriggerJobAsync(Actor.From(http), jobName, ct))).AddEndpointFilter(JsonBody.RefuseFieldsAsync);
        app.MapPost("/api/jobs/{jobName}/pause", async (string jobName, HttpContext http, OperatorActions actions, CancellationToken ct) =>
            (await actions.SetCronPausedAsync(Actor.From(http), jobName, paused: true, ct)).ToHttp()).AddEndpointFilter(JsonBody.RefuseFieldsAsync);
        app.MapPost("/api/jobs/{jobName}/resume", async (string jobName, HttpContext http, OperatorActions actions, CancellationToken ct) =>
            (await actions.SetCronPausedAsync(Actor.From(http), jobName, paused: false, ct)).ToHttp()).AddEndpointFilter(JsonBody.RefuseFieldsAsync);
        app.MapPost("/api/queues/{queue}/pause", async (string queue, HttpContext http, OperatorActions actions, CancellationToken ct) =>
            (await actions.SetQueuePausedAsync(Actor.From(http), queue, paused: true, ct)).ToHttp()).AddEndpointFilter(JsonBody.RefuseFieldsAsync);
        app.MapPost("/api/queues/{queue}/resume", async (string queue, HttpContext http, OperatorActions actions, CancellationToken ct) =>
            (await actions.SetQueuePausedAsync(Actor.From(http), queue, paused: false, ct)).ToHttp()).AddEndpointFilter(JsonBody.RefuseFieldsAsync);
        return app;
    }

    private static async Task<IResult> ReadyAsync(DependencyProbe probe, WorkDiskSpace disk, ISchedulerFactory schedulers, MaintenanceScheduler maintenance,
        Microsoft.Extensions.Options.IOptions<SchedulerOptions> options, CancellationToken ct)
    {
        var report = await probe.ProbeAsync(ct);
        // The node's own disk: a full work directory refuses uploads (507) and fails jobs, whatever the dependencies say.
        var diskState = disk.Check();
        // Both of the node's schedulers: the analyses' and the cron jobs' (a node whose cron scheduler stopped is not ready).
        var analyses = await schedulers.GetScheduler(ct);
        var cron = await maintenance.GetAsync(ct);
        var schedulerState = !options.Value.RunJobs ? "ok (api only)"
            : analyses.Status != SchedulerStatus.Running ? "not running"
            : cron.Status != SchedulerStatus.Running ? "not running (cron jobs)" : "ok";
        var body = new
        {
            status = report.AllOk && schedulerState.StartsWith("ok", StringComparison.Ordinal) && diskState == "ok" ? "ok" : "unavailable",
            database = report.Database,
            s3 = report.S3,
            redis = report.Redis,
            scheduler = schedulerState,
            disk = diskState,
            // No node id: the probe is open (load balancers, systemd checks ask it without a key), and the id names the
            // host and the PID (stop-40 probe). GET /api/node gives it to a caller with a key.
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

    private static IResult ToAccepted(ActionResult result) =>
        result.Ok ? Results.Accepted(value: result.Body) : result.ToHttp();
}
