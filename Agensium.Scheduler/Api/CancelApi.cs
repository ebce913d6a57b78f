using Agensium.Scheduler.Data;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;

namespace Agensium.Scheduler.Api;

/// <summary>
/// POST /api/tasks/{task_id}/cancel, Celery's revoke(terminate=True): a queued task never starts (its triggers are
/// removed, and a firing already claimed finds the task CANCELLED and skips); a running one is stopped on whichever
/// node runs it, which watches its task row, asks the worker to stop and kills it after a grace.
/// </summary>
public static class CancelApi
{
    public static IEndpointRouteBuilder MapCancelApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tasks/{taskId}/cancel", CancelAsync);
        return app;
    }

    private static async Task<IResult> CancelAsync(string taskId, TaskStore store, TaskEvents events, TaskSubmitter submitter,
        IObjectStore objects, CancellationToken ct)
    {
        var (task, error) = await TaskLookup.FindAsync(store, taskId, ct);
        if (task is null)
        {
            return error!;
        }
        var id = task.TaskId;
        if (!await store.CancelAsync(id, ct))
        {
            var now = await store.FindAsync(id, ct);
            return ApiError.Conflict("TASK_NOT_CANCELLABLE",
                $"Task is {now?.Status ?? "gone"}; only QUEUED or PROCESSING tasks can be cancelled.");
        }
        await submitter.UnscheduleAsync(id, task.Attempt, CancellationToken.None);
        if (task.Status == TaskStatuses.Queued)
        {
            // Nothing runs: remove whatever an earlier attempt may have left.
            await objects.DeletePrefixAsync(TaskPaths.OutputsPrefix(task.UserId, id), CancellationToken.None);
        }
        await events.PublishCurrentAsync(id, CancellationToken.None);
        var cancelled = await store.FindAsync(id, CancellationToken.None);
        return Results.Ok(new { task_id = id, status = TaskStatuses.Cancelled, cancelled_at = cancelled?.CancelledAt });
    }
}
