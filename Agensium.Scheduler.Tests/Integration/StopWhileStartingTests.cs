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

            var dir = NewNodeFolder();
            var (started, stdout, stderr) = StartNode(Path.Combine(AppContext.BaseDirectory, "Agensium.Scheduler.dll"), dir, connectionString, environment: null, ct);
            using var process = started;
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

    /// <summary>
    /// The gap the test above leaves: a SIGTERM in the node's first second or two, while it reads its settings and builds
    /// its host, before the host has signal handlers of its own, ended it as the signal does by default (exit 143, no
    /// line). The start is held there deterministically: the node reads appsettings.{environment}.json, which is a named
    /// pipe the test writes only when it wants the start to go on. Then stops at a few points after the hold.
    /// </summary>
    [TestMethod]
    public async Task Sigterm_ShouldStopTheNodeCleanly_WhenItComesBeforeTheHostIsBuiltOrSoonAfter()
    {
        var ct = TestContext.CancellationToken;
        var connectionString = await SqlClient.RecreateMigratedDatabaseAsync(Database, ct);
        try
        {
            // null: SIGTERM while the node is held in its settings; else that long after the hold is let go.
            foreach (var after in new TimeSpan?[] { null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2) })
            {
                var (exitCode, output) = await StopDuringStartAsync(connectionString, after, ct);
                Assert.AreEqual(0, exitCode, $"SIGTERM {after?.ToString() ?? "while held"}: {output}");
                Assert.DoesNotContain("Unhandled exception", output);
                Assert.DoesNotContain("Hosting failed to start", output, "one line, not the host's trace");
                // Nor an error of what the stop cut (CI of 52fd257: Quartz's schema check and its rollback, both cancelled).
                Assert.DoesNotContain(": ERROR/", output, $"SIGTERM {after?.ToString() ?? "while held"}: a stop is no error");
                if (after is null)
                {
                    StringAssert.Contains(output, "Agensium.Scheduler stopped while starting", "a stop before the host was built");
                }
                // Nothing half-written: no node left registered as running, no attempt left open.
                Assert.AreEqual(0L, await ScalarAsync(connectionString, "SELECT count(*) FROM nodes WHERE stopped_at IS NULL", ct), output);
                Assert.AreEqual(0L, await ScalarAsync(connectionString, "SELECT count(*) FROM job_history WHERE status = 'RUNNING'", ct), output);
            }
        }
        finally
        {
            await SqlClient.DropDatabaseAsync(Database, ct);
        }
    }

    /// <summary>
    /// Review s41: the early registration cancelled every signal until the host existed, so a start hung before it (a
    /// settings file on a stuck mount) could not be stopped at all. A second signal while nothing can act on the first
    /// ends the node as the signal does by default.
    /// </summary>
    [TestMethod]
    public async Task SecondSigterm_ShouldEndTheNode_WhenItsStartHangsBeforeTheHostIsBuilt()
    {
        var ct = TestContext.CancellationToken;
        var connectionString = await SqlClient.RecreateMigratedDatabaseAsync(Database, ct);
        try
        {
            var (exitCode, output) = await StopDuringStartAsync(connectionString, after: null, ct, secondSignalWhileHeld: true);

            Assert.AreEqual(143, exitCode, "ended by the second SIGTERM, its start still held: " + output);
        }
        finally
        {
            await SqlClient.DropDatabaseAsync(Database, ct);
        }
    }

    /// <summary>A folder of its own for one node: its working directory, work folder and logs.</summary>
    private static string NewNodeFolder() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "agensium-tests", $"stopstart-{Guid.NewGuid():N}")).FullName;

    /// <summary>
    /// Starts the node <paramref name="assembly"/> in <paramref name="dir"/> on this class's port, against the test stack
    /// and <paramref name="connectionString"/>'s database, in the settings environment <paramref name="environment"/>
    /// (null: the one the tests run in). Returns the process and its stdout and stderr, read as they come.
    /// </summary>
    private static (Process Process, Task<string> Stdout, Task<string> Stderr) StartNode(string assembly, string dir, string connectionString,
        string? environment, CancellationToken ct)
    {
        var info = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (environment is not null)
        {
            info.Environment["DOTNET_ENVIRONMENT"] = environment;
            info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        }
        info.Environment["Urls"] = $"http://127.0.0.1:{5189 + StackSettings.TestPortOffset}";
        info.Environment["ConnectionStrings__Postgres"] = connectionString;
        info.Environment["Redis__Configuration"] = StackSettings.RedisConfiguration;
        info.Environment["S3__ServiceUrl"] = StackSettings.S3Url;
        info.Environment["S3__Bucket"] = StackSettings.Bucket;
        info.Environment["Scheduler__WorkDirectory"] = Path.Combine(dir, "work");
        info.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(dir, "logs", "node-.log");
        var process = Process.Start(info)!;
        return (process, process.StandardOutput.ReadToEndAsync(ct), process.StandardError.ReadToEndAsync(ct));
    }

    private static async Task SigtermAsync(Process process, CancellationToken ct)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync(ct);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Starts a node from a folder of its own whose appsettings.Held.json is a named pipe, waits until the node opens it
    /// (it is then inside Main, reading its settings), and sends SIGTERM there or <paramref name="after"/> the pipe was
    /// written. Returns the exit code and what the node wrote.
    /// </summary>
    private static async Task<(int ExitCode, string Output)> StopDuringStartAsync(string connectionString, TimeSpan? after, CancellationToken ct,
        bool secondSignalWhileHeld = false)
    {
        var dir = NewNodeFolder();
        var app = Directory.CreateDirectory(Path.Combine(dir, "app")).FullName;
        // The node's folder: its own copy of the service's assembly (the runtime takes the folder of its real path as the
        // application's, where it reads the settings), links to everything else.
        foreach (var entry in Directory.EnumerateFileSystemEntries(AppContext.BaseDirectory))
        {
            var target = Path.Combine(app, Path.GetFileName(entry));
            if (Path.GetFileName(entry) == "Agensium.Scheduler.dll")
            {
                File.Copy(entry, target);
            }
            else
            {
                File.CreateSymbolicLink(target, entry);
            }
        }
        var held = Path.Combine(app, "appsettings.Held.json");
        using (var mkfifo = Process.Start("mkfifo", [held]))
        {
            await mkfifo.WaitForExitAsync(ct);
            Assert.AreEqual(0, mkfifo.ExitCode, "mkfifo");
        }

        var (started, stdout, stderr) = StartNode(Path.Combine(app, "Agensium.Scheduler.dll"), dir, connectionString, environment: "Held", ct);
        using var process = started;
        try
        {
            // Opening the pipe for writing returns once the node has opened it for reading: it is held in its settings.
            var opened = Task.Run(() => new FileStream(held, FileMode.Open, FileAccess.Write), ct);
            var first = await Task.WhenAny(opened, process.WaitForExitAsync(ct), Task.Delay(TimeSpan.FromSeconds(120), ct));
            Assert.AreSame(opened, first, "the node did not reach its settings");
            await using var pipe = await opened;
            if (secondSignalWhileHeld)
            {
                // The start never goes on: two SIGTERMs a second apart, the first recorded, the second the default's.
                await SigtermAsync(process, ct);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                Assert.IsFalse(process.HasExited, "the first SIGTERM is recorded for the host, not the end of the node");
                await SigtermAsync(process, ct);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(TimeSpan.FromSeconds(30));
                await process.WaitForExitAsync(wait.Token);
                return (process.ExitCode, await stdout + await stderr);
            }
            Task? stopping = null;
            if (after is null)
            {
                stopping = Agensium.Chaos.GracefulStop.StopAsync(process, TimeSpan.FromSeconds(60)); // SIGTERM now, then waits
                await Task.Delay(TimeSpan.FromSeconds(1), ct); // the signal's default would have ended the node by now
            }
            try
            {
                await pipe.WriteAsync("{}"u8.ToArray(), ct);
                await pipe.FlushAsync(ct);
                pipe.Close();
            }
            catch (IOException)
            {
                // The node is gone (the signal ended it): nothing reads the pipe.
            }
            if (after is { } delay)
            {
                await Task.Delay(delay, ct);
            }
            await (stopping ?? Agensium.Chaos.GracefulStop.StopAsync(process, TimeSpan.FromSeconds(60)));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}
