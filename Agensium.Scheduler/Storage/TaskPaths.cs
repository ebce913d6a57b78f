namespace Agensium.Scheduler.Storage;

/// <summary>The S3 layout of AGENSIUM.md §2: users/{user_id}/tasks/{task_id}/inputs|outputs/.</summary>
public static class TaskPaths
{
    public static string TaskPrefix(long userId, string taskId) => $"users/{userId}/tasks/{taskId}/";
    public static string InputsPrefix(long userId, string taskId) => TaskPrefix(userId, taskId) + "inputs/";
    public static string OutputsPrefix(long userId, string taskId) => TaskPrefix(userId, taskId) + "outputs/";
    public static string Input(long userId, string taskId, string fileName) => InputsPrefix(userId, taskId) + fileName;

    /// <summary>
    /// The object of one upload (one task_inputs reservation): a key no other upload writes, so a PUT that S3 applies
    /// late lands under its own, never-committed reservation instead of over a later upload of the same name.
    /// </summary>
    public static string UploadedInput(long userId, string taskId, Guid reservation, string fileName) =>
        InputsPrefix(userId, taskId) + reservation.ToString("N") + "/" + fileName;
    public static string Output(long userId, string taskId, string fileName) => OutputsPrefix(userId, taskId) + fileName;

    public const string HealthProbePrefix = "health-check-probe/";
}
