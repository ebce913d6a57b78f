namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Real database errors on the service's real path: a row trigger that makes the next <c>times</c> matching writes to
/// a table fail with a given SQLSTATE. Its counter is a sequence, which a failed transaction does not roll back.
/// </summary>
internal static class DbFaults
{
    /// <param name="name">A plain identifier for this fault.</param>
    /// <param name="timing">e.g. "BEFORE INSERT" or "BEFORE UPDATE".</param>
    /// <param name="condition">A SQL condition on NEW that picks the rows whose writes fail.</param>
    /// <param name="sqlState">40001 (serialization_failure) is one Npgsql counts as transient.</param>
    public static async Task ArmAsync(SqlClient db, string name, string table, string timing, string condition, int times,
        string sqlState, CancellationToken ct)
    {
        await db.ExecuteAsync($"""
            CREATE SEQUENCE test_fault_{name};
            CREATE FUNCTION test_fault_{name}() RETURNS trigger LANGUAGE plpgsql AS $fault$
            BEGIN
                IF ({condition}) AND nextval('test_fault_{name}') <= {times} THEN
                    RAISE EXCEPTION 'injected fault {name}' USING ERRCODE = '{sqlState}';
                END IF;
                RETURN NEW;
            END
            $fault$;
            CREATE TRIGGER test_fault_{name} {timing} ON {table} FOR EACH ROW EXECUTE FUNCTION test_fault_{name}();
            """, ct);
    }

    /// <summary>Lets every write through again.</summary>
    public static Task DisarmAsync(SqlClient db, string name, string table, CancellationToken ct) =>
        db.ExecuteAsync($"DROP TRIGGER test_fault_{name} ON {table}", ct);

    /// <summary>How many matching writes reached the fault (failed or not).</summary>
    public static async Task<long> HitsAsync(SqlClient db, string name, CancellationToken ct) =>
        await db.ScalarAsync<long>($"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM test_fault_{name}", ct);
}
