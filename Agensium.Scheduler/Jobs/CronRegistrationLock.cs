using Npgsql;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Serialises the nodes that register the cron triggers at start (<see cref="CronRegistrar"/>): a transaction-scoped
/// advisory lock per maintenance scheduler, held from before the first read of the stored schedules until the last write.
/// Two nodes starting at once then register one after the other, so the second sees what the first stored: a changed
/// schedule is applied, warned about and audited once, and a node whose setting differs from the one that stored the
/// trigger an instant earlier reschedules it (the node that registers last wins) instead of taking the other's insert for
/// its own. An advisory lock, not Quartz's TRIGGER_ACCESS row: the registration's Quartz calls (RescheduleJob) take that
/// row themselves, and so does every node's scheduler when it is created at start, which holding it for the whole
/// registration would stall.
/// </summary>
public sealed class CronRegistrationLock : IAsyncDisposable
{
    /// <summary>The first key of the lock (the second is the scheduler's name hashed); sql/008 uses 7301.</summary>
    public const int LockClass = 7302;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private CronRegistrationLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Waits for the lock of <paramref name="schedulerName"/>'s cron registration; disposing releases it.</summary>
    public static async Task<CronRegistrationLock> AcquireAsync(NpgsqlDataSource db, string schedulerName, CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            await using (var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@class, hashtext(@name))", connection, transaction))
            {
                cmd.Parameters.AddWithValue("class", LockClass);
                cmd.Parameters.AddWithValue("name", schedulerName);
                await cmd.ExecuteNonQueryAsync(ct);
            }
            return new CronRegistrationLock(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends the transaction, which releases the lock (so does a connection lost meanwhile).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.CommitAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection broke: PostgreSQL released the lock with the session.
        }
        finally
        {
            await _transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
