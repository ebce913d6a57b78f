using Agensium.Scheduler.Data;
using Npgsql;

namespace Agensium.Scheduler.Tasks;

/// <summary>
/// A tasks row read straight from Npgsql, for the statements a job runs on every start and end: without EF Core's query
/// pipeline (which cost more node CPU than the statements' own I/O), and for statements EF Core cannot map, such as one
/// that also returns the attempt number next to a row that may be missing. Columns are listed by name, so a column
/// added to the table later changes nothing here.
/// </summary>
public static class TaskRows
{
    /// <summary>The tasks columns as <see cref="Read"/> expects them, qualified with <paramref name="alias"/>.</summary>
    public static string Columns(string alias) => string.Join(", ", Names.Select(n => alias + "." + n));

    private static readonly string[] Names =
    [
        "task_id", "user_id", "tool_id", "agents", "status", "progress", "current_agent", "error_code", "error_message",
        "created_at", "updated_at", "upload_started_at", "processing_started_at", "completed_at", "failed_at",
        "cancelled_at", "expired_at", "s3_cleaned", "queue", "attempt", "next_retry_at",
    ];

    /// <summary>The row whose columns start at <paramref name="first"/>, or null when the task column there is NULL (no row).</summary>
    public static AnalysisTask? Read(NpgsqlDataReader r, int first)
    {
        if (r.IsDBNull(first))
        {
            return null;
        }
        var i = first;
        return new AnalysisTask
        {
            TaskId = r.GetString(i++),
            UserId = r.GetInt64(i++),
            ToolId = r.GetString(i++),
            Agents = r.GetString(i++),
            Status = r.GetString(i++),
            Progress = r.GetInt32(i++),
            CurrentAgent = NullableString(r, i++),
            ErrorCode = NullableString(r, i++),
            ErrorMessage = NullableString(r, i++),
            CreatedAt = r.GetDateTime(i++),
            UpdatedAt = r.GetDateTime(i++),
            UploadStartedAt = NullableTime(r, i++),
            ProcessingStartedAt = NullableTime(r, i++),
            CompletedAt = NullableTime(r, i++),
            FailedAt = NullableTime(r, i++),
            CancelledAt = NullableTime(r, i++),
            ExpiredAt = NullableTime(r, i++),
            S3Cleaned = r.GetBoolean(i++),
            Queue = NullableString(r, i++),
            Attempt = r.GetInt32(i++),
            NextRetryAt = NullableTime(r, i),
        };
    }

    /// <summary>Runs a statement that returns at most one row of the <see cref="Columns"/>: the row, or null when none came back.</summary>
    public static async Task<AnalysisTask?> ReadSingleAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r, 0) : null;
    }

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTime? NullableTime(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDateTime(i);
}
