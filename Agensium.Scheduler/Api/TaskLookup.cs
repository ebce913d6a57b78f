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
}
