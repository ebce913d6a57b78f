using Npgsql;

namespace Agensium.Scheduler.Storage;

/// <summary>
/// The s3_removals table (sql/015): objects and prefixes that must leave S3, written by the transaction that makes them
/// garbage and taken by any node's <see cref="StorageRemover"/>. A row is taken with a lease (its due_at moved past the
/// removal's longest time) under FOR UPDATE SKIP LOCKED, so two nodes never work on one row and a node that dies
/// mid-removal leaves the row to another once the lease is over; no transaction stays open across an S3 call.
/// </summary>
public sealed class StorageRemovals(Data.Database db)
{
    public const string Upload = "upload";
    public const string Replaced = "replaced";
    public const string DeletedTask = "deleted-task";
    public const string ExpiredTask = "expired-task";
    public const string CancelledOutputs = "cancelled-outputs";
    public const string RemovedInput = "removed-input";

    /// <summary>A failed upload's key is looked for again after each of these delays (a PUT held by a frozen store may land late).</summary>
    public static readonly TimeSpan[] Rechecks = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60)];

    /// <summary>The longest wait between two attempts at one failing row.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    public sealed record Item(long Id, string Key, bool IsPrefix, string? TaskId, string Reason, int Attempts, int RechecksLeft);

    /// <summary>
    /// Records, inside the caller's transaction, an upload's own key before its PUT: due only once
    /// <paramref name="window"/> is over (the upload's node died), unless the upload commits it first
    /// (<see cref="CommitUploadSql"/>) or gives it up (<see cref="GiveUpUploadAsync"/>).
    /// </summary>
    public static async Task RecordUploadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, string taskId, TimeSpan window, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO s3_removals (object_key, task_id, reason, awaiting_commit, due_at)
            VALUES (@key, @task, 'upload', true, now() + @window)
            """, connection, transaction);
        cmd.Parameters.AddWithValue("key", key);
        cmd.Parameters.AddWithValue("task", taskId);
        cmd.Parameters.AddWithValue("window", window);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Records a task's prefix (<paramref name="prefix"/>) to remove, due now: what a task no longer needs (a cancelled
    /// task's outputs), removed by whichever node's remover gets to it, also when S3 is unreachable now.
    /// </summary>
    public async Task RecordPrefixAsync(string prefix, string taskId, string reason, CancellationToken ct)
    {
        var sql = RecordPrefix(prefix, taskId, reason);
        var arguments = sql.GetArguments();
        await using var cmd = db.CreateCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql.Format,
            [.. Enumerable.Range(1, arguments.Length).Select(i => (object)$"${i}")]));
        foreach (var argument in arguments)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = argument });
        }
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The statement that records a task's prefix to remove (<paramref name="reason"/>), as a parameterised string for
    /// a caller's EF Core transaction (<c>ExecuteSqlAsync</c>): a deleted CREATED task's, a cancelled or deleted run's
    /// outputs. A prefix already on record keeps its row.
    /// </summary>
    public static FormattableString RecordPrefix(string prefix, string taskId, string reason) => $"""
        INSERT INTO s3_removals (object_key, is_prefix, task_id, reason) VALUES ({prefix}, true, {taskId}, {reason})
        ON CONFLICT (object_key) DO NOTHING
        """;

    /// <summary>
    /// The commit's claim on its upload's key ($1): deletes the row while it still waits for that commit. No row means a
    /// remover took the key (the upload outlasted its window): the upload must not commit it.
    /// </summary>
    public const string CommitUploadSql = "DELETE FROM s3_removals WHERE object_key = $1 AND awaiting_commit";

    /// <summary>A committed file's earlier version ($1), no longer an input, recorded by the commit that replaced it ($2: task).</summary>
    public const string RecordReplacedSql = """
        INSERT INTO s3_removals (object_key, task_id, reason) VALUES ($1, $2, 'replaced') ON CONFLICT (object_key) DO NOTHING
        """;

    /// <summary>
    /// A committed input taken out of its task by DELETE …/inputs/{name} ($1: its object, $2: task), recorded by the
    /// transaction that deletes its task_inputs row: due at once.
    /// </summary>
    public const string RecordRemovedInputSql = """
        INSERT INTO s3_removals (object_key, task_id, reason) VALUES ($1, $2, 'removed-input') ON CONFLICT (object_key) DO NOTHING
        """;

    /// <summary>
    /// An upload that failed or was refused gives its key up, inside the caller's transaction (the one that gives its
    /// name back): due now, looked for again <paramref name="rechecks"/> times after it is gone. Nothing happens when
    /// the key was committed (its row is gone) or a remover already took it.
    /// </summary>
    public static async Task GiveUpUploadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string key, int rechecks, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE s3_removals SET awaiting_commit = false, due_at = now(), rechecks_left = @rechecks
             WHERE object_key = @key AND awaiting_commit
            """, connection, transaction);
        cmd.Parameters.AddWithValue("key", key);
        cmd.Parameters.AddWithValue("rechecks", rechecks);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Takes up to <paramref name="limit"/> due rows for this node, each leased for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<Item>> TakeDueAsync(int limit, TimeSpan lease, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE s3_removals r SET due_at = now() + @lease, awaiting_commit = false
             WHERE r.id IN (SELECT id FROM s3_removals WHERE due_at <= now() ORDER BY due_at, id LIMIT @limit FOR UPDATE SKIP LOCKED)
            RETURNING r.id, r.object_key, r.is_prefix, r.task_id, r.reason, r.attempts, r.rechecks_left
            """);
        cmd.Parameters.AddWithValue("lease", lease);
        cmd.Parameters.AddWithValue("limit", limit);
        var items = new List<Item>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(new Item(reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetInt32(5), reader.GetInt32(6)));
        }
        return items;
    }

    /// <summary>
    /// The removal is done: the row goes and, for an expired task's prefix, the task is marked s3_cleaned, in one
    /// statement (so a task is never marked cleaned while its row could still be lost, nor the other way round).
    /// </summary>
    public Task DoneAsync(Item item, CancellationToken ct) => DoneAsync("id = @id", new NpgsqlParameter<long>("id", item.Id), ct);

    /// <summary>As <see cref="DoneAsync(Item, CancellationToken)"/>, for a key or prefix the caller removed itself (a fast path).</summary>
    public Task DoneAsync(string key, CancellationToken ct) =>
        DoneAsync("object_key = @key AND NOT awaiting_commit AND rechecks_left = 0", new NpgsqlParameter<string>("key", key), ct);

    private async Task DoneAsync(string which, NpgsqlParameter parameter, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            WITH gone AS (DELETE FROM s3_removals WHERE {which} RETURNING reason, task_id)
            UPDATE tasks t SET s3_cleaned = true FROM gone
             WHERE gone.reason = 'expired-task' AND t.task_id = gone.task_id AND t.status = 'EXPIRED'
            """);
        cmd.Parameters.Add(parameter);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The object is gone; it is looked for once more after the next recheck delay.</summary>
    public async Task RecheckLaterAsync(Item item, CancellationToken ct)
    {
        var delay = Rechecks[Math.Clamp(Rechecks.Length - item.RechecksLeft, 0, Rechecks.Length - 1)];
        await using var cmd = db.CreateCommand("UPDATE s3_removals SET due_at = now() + @delay, rechecks_left = rechecks_left - 1, attempts = 0, last_error = NULL WHERE id = @id");
        cmd.Parameters.AddWithValue("id", item.Id);
        cmd.Parameters.AddWithValue("delay", delay);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The attempt failed: this row alone waits longer (1 s, 2 s, 4 s … up to <see cref="MaxBackoff"/>, each cut by up to
    /// half at random, so rows that failed together do not fall due together again).
    /// </summary>
    public async Task FailedAsync(Item item, string error, CancellationToken ct)
    {
        var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(item.Attempts, 20)))
            * (0.5 + Random.Shared.NextDouble() / 2));
        await using var cmd = db.CreateCommand("UPDATE s3_removals SET due_at = now() + @backoff, attempts = attempts + 1, last_error = @error WHERE id = @id");
        cmd.Parameters.AddWithValue("id", item.Id);
        cmd.Parameters.AddWithValue("backoff", backoff);
        cmd.Parameters.AddWithValue("error", Data.StoredText.Clip(error, 1000)); // an S3 message may quote a key, i.e. a file name
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The row was not tried (this node holds back its S3 calls for a while): due again after <paramref name="delay"/>, no attempt counted.</summary>
    public async Task DeferAsync(Item item, TimeSpan delay, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("UPDATE s3_removals SET due_at = now() + @delay WHERE id = @id");
        cmd.Parameters.AddWithValue("id", item.Id);
        cmd.Parameters.AddWithValue("delay", delay);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>How long until the next row falls due (zero when one is due now), or null when there is none.</summary>
    public async Task<TimeSpan?> NextDueInAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT extract(epoch FROM min(due_at) - now())::float8 FROM s3_removals");
        return await cmd.ExecuteScalarAsync(ct) is double seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : null;
    }

    /// <summary>
    /// EXPIRED tasks with s3_cleaned false and no row (expired by a node from before 015): each gets its prefix's row.
    /// Returns how many were added.
    /// </summary>
    public async Task<int> RecordUncleanedExpiredAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO s3_removals (object_key, is_prefix, task_id, reason)
            SELECT 'users/' || t.user_id || '/tasks/' || t.task_id || '/', true, t.task_id, 'expired-task'
              FROM tasks t
             WHERE t.status = 'EXPIRED' AND NOT t.s3_cleaned
            ON CONFLICT (object_key) DO NOTHING
            """);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
