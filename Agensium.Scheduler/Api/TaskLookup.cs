using Agensium.Scheduler.Data;
using Agensium.Scheduler.Tasks;

namespace Agensium.Scheduler.Api;

/// <summary>The checks every task route starts with: a well-formed id (and file name), then the task itself.</summary>
public static class TaskLookup
{
    public sealed record Found(AnalysisTask? Task, IResult? Error);

    public static Task<Found> FindAsync(TaskStore store, string rawTaskId, CancellationToken ct) =>
        FindAsync(store, rawTaskId, fileName: null, ct);

    /// <param name="store">The task rows.</param>
    /// <param name="rawTaskId">The id as it arrived.</param>
    /// <param name="fileName">A file name in the route, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="maxNameBytes">The name's limit: an upload's (the default) or a stored output's.</param>
    public static async Task<Found> FindAsync(TaskStore store, string rawTaskId, string? fileName, CancellationToken ct,
        int maxNameBytes = InputValidation.MaxFileNameBytes)
    {
        if (!InputValidation.TryParseTaskId(rawTaskId, out var id))
        {
            return new(null, ApiError.BadRequest("INVALID_TASK_ID", "task_id must be a UUID."));
        }
        if (fileName is not null && InputValidation.FileNameProblem(fileName, maxNameBytes) is { } problem)
        {
            return new(null, ApiError.BadRequest("INVALID_FILE_NAME", problem));
        }
        var task = await store.FindAsync(id, ct);
        return task is null
            ? new(null, ApiError.NotFound("TASK_NOT_FOUND", "No task with that id."))
            : new(task, null);
    }

    /// <summary>
    /// 409 INVALID_TASK_STATE for a task that is past its expiry (<c>Scheduler:TaskExpiry</c> after its creation, still
    /// CREATED, UPLOADING or UPLOAD_FAILED) though the cleanup job has not yet marked it EXPIRED: it can no longer be
    /// uploaded to or processed, whenever the cleanup gets to it. Null when the task is still usable.
    /// </summary>
    public static IResult? ExpiredByAge(AnalysisTask task, Jobs.SchedulerOptions scheduler, TimeProvider time)
    {
        if (!TaskStatuses.Expirable.Contains(task.Status) || task.CreatedAt >= time.GetUtcNow().UtcDateTime - scheduler.TaskExpiry)
        {
            return null;
        }
        return ApiError.Conflict("INVALID_TASK_STATE",
            $"Task expired: it was not processed within {scheduler.TaskExpiry.TotalMinutes:0.##} min of its creation; create a new task.");
    }
}
