using System.Text;
using Npgsql;

namespace Agensium.Benchmarks.Scheduler;

/// <summary>
/// Grows a backlog submitted through the API to a size the API would take many minutes to fill (100k at ~130
/// submissions/s is ~13 min): each extra task is a copy of a submitted one under a new id, its task row (QUEUED) and
/// its Quartz trigger rows copied in SQL with the id replaced inside the trigger's job data. The drain then runs
/// them through the normal path; only the filling is shortened. The trigger columns are read from the catalog, so
/// the copy follows the installed Quartz schema.
/// </summary>
public static class BacklogClone
{
    public static async Task<int> CloneAsync(NpgsqlDataSource db, int extra, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecuteAsync(conn, $"""
            CREATE TEMP TABLE clone_map ON COMMIT DROP AS
            SELECT s.task_id AS src, gen_random_uuid()::text AS dst, row_number() OVER () AS n
              FROM (SELECT b.task_id FROM bench_backlog b,
                           generate_series(1, ceil({extra}::numeric / (SELECT count(*) FROM bench_backlog))::int) g) s
             LIMIT {extra}
            """, ct);
        // Statistics for the temp table, so the copies' joins are not planned on a guess of its size.
        await ExecuteAsync(conn, "ANALYZE clone_map", ct);
        // And for the tables copied from: after the benchmark's truncates their statistics can still say "empty", and the
        // trigger copies' join on trigger_name alone (no index leads with it) was once planned as a nested loop over a
        // sequential scan, ~90k × 10k rows (8.5 min at one core, 2026-12-07).
        await ExecuteAsync(conn, "ANALYZE tasks, qrtz_triggers, qrtz_simple_triggers", ct);
        await ExecuteAsync(conn, """
            INSERT INTO tasks (task_id, user_id, tool_id, agents, status, progress, queue, attempt, created_at, processing_started_at)
            SELECT m.dst, t.user_id, t.tool_id, t.agents, t.status, t.progress, t.queue, t.attempt, t.created_at, t.processing_started_at
              FROM clone_map m JOIN tasks t ON t.task_id = m.src
            """, ct);
        await ExecuteAsync(conn, await CopySqlAsync(conn, "qrtz_triggers", ct), ct);
        await ExecuteAsync(conn, await CopySqlAsync(conn, "qrtz_simple_triggers", ct), ct);
        await ExecuteAsync(conn, "INSERT INTO bench_backlog SELECT dst FROM clone_map", ct);
        await tx.CommitAsync(ct);
        return extra;
    }

    /// <summary>INSERT … SELECT of one trigger table, every column copied except the ones that carry the id.</summary>
    private static async Task<string> CopySqlAsync(NpgsqlConnection conn, string table, CancellationToken ct)
    {
        var columns = new List<string>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t ORDER BY ordinal_position", conn))
        {
            cmd.Parameters.AddWithValue("t", table);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                columns.Add(r.GetString(0));
            }
        }
        var select = columns.Select(c => c switch
        {
            "trigger_name" => "m.dst",
            // One tick (100 ns) apart, in the order of the copies: the queue stays first in, first out.
            "next_fire_time" or "start_time" => $"q.{c} + m.n",
            "job_data" => "convert_to(replace(convert_from(q.job_data, 'UTF8'), m.src, m.dst), 'UTF8')",
            _ => "q." + c,
        });
        var sql = new StringBuilder()
            .Append("INSERT INTO ").Append(table).Append(" (").Append(string.Join(", ", columns)).Append(") SELECT ")
            .Append(string.Join(", ", select))
            .Append(" FROM clone_map m JOIN ").Append(table).Append(" q ON q.trigger_name = m.src");
        return sql.ToString();
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
