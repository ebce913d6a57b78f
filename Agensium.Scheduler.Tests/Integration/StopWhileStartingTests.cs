using System.Diagnostics;
using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A node stopped (SIGTERM: systemctl stop, Ctrl-C) while it is still starting ends cleanly, exit 0 and one line, not
/// 134 with "Unhandled exception. TaskCanceledException" (under load a start takes 20 s and more, and an operator's stop
/// then is ordinary). The start is held deterministically at the schema lock: the test holds PostgreSQL's advisory lock
/// that a starting node takes before it applies the migrations.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class StopWhileStartingTests
{
    private const string Database = "agensium_test_stopstart";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Sigterm_ShouldStopTheNodeCleanly_WhenItComesWhileTheNodeIsStarting()
    {
        var ct = TestContext.CancellationToken;
        var connectionString = await SqlClient.RecreateMigratedDatabaseAsync(Database, ct);
        try
        {
            await using var holder = new NpgsqlConnection(connectionString);
            await holder.OpenAsync(ct);
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({Agensium.Scheduler.Data.SchemaMigrator.AdvisoryLockKey})", holder))
            {
                await take.ExecuteNonQueryAsync(ct);
            }

            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "agensium-tests", $"stopstart-{Guid.NewGuid():N}")).FullName;
            var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Agensium.Scheduler.dll")])
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment["Urls"] = $"http://127.0.0.1:{5189 + StackSettings.TestPortOffset}";
            info.Environment["ConnectionStrings__Postgres"] = connectionString;
            info.Environment["Redis__Configuration"] = StackSettings.RedisConfiguration;
            info.Environment["S3__ServiceUrl"] = StackSettings.S3Url;
            info.Environment["S3__Bucket"] = StackSettings.Bucket;
            info.Environment["Scheduler__WorkDirectory"] = Path.Combine(dir, "work");
            info.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(dir, "logs", "node-.log");
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            try
            {
                // The node waits for the schema lock: its start is under way, not finished. The lock view is the whole
                // server's: a node of another class starting beside this one waits for its own database's lock.
                await Poll.UntilAsync(async () =>
                {
                    await using var cmd = new NpgsqlCommand("""
                        SELECT count(*) FROM pg_locks
                         WHERE locktype = 'advisory' AND NOT granted
                           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                        """, holder);
                    return (long)(await cmd.ExecuteScalarAsync(ct))! > 0 ? "" : null;
                }, TimeSpan.FromSeconds(60), ct);
                Assert.IsFalse(process.HasExited);

                await Agensium.Chaos.GracefulStop.StopAsync(process, TimeSpan.FromSeconds(30));
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            var output = await stdout + await stderr;
            Assert.AreEqual(0, process.ExitCode, output);
            Assert.DoesNotContain("Unhandled exception", output);
            Assert.DoesNotContain("Hosting failed to start", output, "one line, not the host's trace");
            StringAssert.Contains(output, "Agensium.Scheduler stopped while starting");
        }
        finally
        {
            await SqlClient.DropDatabaseAsync(Database, ct);
        }
    }
}
