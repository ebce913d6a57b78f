namespace Agensium.Scheduler.Tests.Integration;

/// <summary>A task's committed input files: the object each task_inputs row names (every upload writes its own key).</summary>
public static class CommittedInputs
{
    public static Task<string?> KeyAsync(string taskId, string fileName, CancellationToken ct) => KeyAsync(Db.Shared, taskId, fileName, ct);

    public static Task<string?> KeyAsync(SqlClient db, string taskId, string fileName, CancellationToken ct) =>
        db.ScalarAsync<string>("SELECT object_key FROM task_inputs WHERE task_id = @t AND file_name = @n", ct, ("t", taskId), ("n", fileName));

    /// <summary>The content of the task's committed file of that name.</summary>
    public static Task<string> ReadAsync(string taskId, string fileName, CancellationToken ct) => ReadAsync(Db.Shared, taskId, fileName, ct);

    public static async Task<string> ReadAsync(SqlClient db, string taskId, string fileName, CancellationToken ct)
    {
        var key = await KeyAsync(db, taskId, fileName, ct);
        Assert.IsNotNull(key, $"{fileName} is committed for task {taskId}");
        return await S3Probe.ReadAsync(key, ct);
    }

    /// <summary>The keys of every committed input of the task.</summary>
    public static async Task<List<string>> KeysAsync(string taskId, CancellationToken ct) =>
        [.. (await Db.QueryAsync("SELECT object_key FROM task_inputs WHERE task_id = @t AND object_key IS NOT NULL", ct, ("t", taskId)))
            .Select(r => (string)r["object_key"]!)];
}
