using Agensium.Scheduler.Operations;

namespace Agensium.Scheduler.Api;

/// <summary>
/// POST /api/tasks/{task_id}/cancel, Celery's revoke(terminate=True): a queued task never starts (its triggers are
/// removed, and a firing already claimed finds the task CANCELLED and skips); a running one is stopped on whichever
/// node runs it, which watches its task row, asks the worker to stop and kills it after a grace. POST .../retry runs
/// a FAILED task again; DELETE /api/tasks/{task_id} removes a task that is not queued or running, with its files.
/// All are audited (<see cref="OperatorActions"/>).
/// </summary>
public static class CancelApi
{
    public static IEndpointRouteBuilder MapCancelApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tasks/{taskId}/cancel", async (string taskId, HttpContext http, OperatorActions actions, CancellationToken ct) =>
            (await actions.CancelTaskAsync(Actor.From(http), taskId, ct)).ToHttp()).AddEndpointFilter(JsonBody.RefuseFieldsAsync);
        app.MapPost("/api/tasks/{taskId}/retry", async (string taskId, HttpContext http, OperatorActions actions, CancellationToken ct) =>
            (await actions.RetryTaskAsync(Actor.From(http), taskId, ct)).ToHttp()).AddEndpointFilter(JsonBody.RefuseFieldsAsync);
        app.MapDelete("/api/tasks/{taskId}", async (string taskId, HttpContext http, OperatorActions actions, CancellationToken ct) =>
            (await actions.DeleteTaskAsync(Actor.From(http), taskId, ct)).ToHttp()).AddEndpointFilter(JsonBody.RefuseFieldsAsync);
        return app;
    }
}
