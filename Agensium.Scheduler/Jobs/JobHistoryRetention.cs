using Npgsql;

namespace Agensium.Scheduler.Jobs;

/// <summary>Deletes old job_history rows in batches (ix_job_history_finished), so one run never holds a long lock.</summary>
public sealed class JobHistoryRetention(NpgsqlDataSource db)
{
    public const int BatchSize = 10_000;

    public async Task<int> DeleteOlderThanAsync(DateTime cutoffUtc, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            await using var cmd = db.CreateCommand("""
                DELETE FROM job_history WHERE id IN (
                    SELECT id FROM job_history WHERE finished_at IS NOT NULL AND finished_at < @cutoff
                    ORDER BY finished_at LIMIT @batch)
                """);
            cmd.Parameters.AddWithValue("cutoff", cutoffUtc);
            cmd.Parameters.AddWithValue("batch", BatchSize);
            var deleted = await cmd.ExecuteNonQueryAsync(ct);
            total += deleted;
            if (deleted < BatchSize)
            {
                return total;
            }
        }
    }
}
