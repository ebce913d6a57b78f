using Microsoft.Extensions.Configuration;

namespace Agensium.Scheduler.Tests.Hosting;

/// <summary>
/// A node started with a setting it cannot use stops at once with one line naming the setting and exit 78 (EX_CONFIG,
/// which the systemd unit does not restart), instead of running on a default or with a destructive value. These fail
/// before the node connects to anything, so no stack is needed.
/// </summary>
[TestClass]
public sealed class StartupSettingsTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("Scheduler__Concurency", "8", "unknown setting Scheduler:Concurency (did you mean Scheduler:Concurrency?)", DisplayName = "a misspelt key")]
    [DataRow("Worker__MaxRunsPerWorkr", "10", "unknown setting Worker:MaxRunsPerWorkr (did you mean Worker:MaxRunsPerWorker?)", DisplayName = "a misspelt worker key")]
    [DataRow("Scheduler__TaskExpiry", "-00:10:00", "TaskExpiry", DisplayName = "a negative task expiry")]
    [DataRow("Scheduler__HistoryRetention", "00:00:00", "HistoryRetention", DisplayName = "no history retention")]
    [DataRow("Scheduler__StaleProcessingAfter", "00:00:00", "StaleProcessingAfter", DisplayName = "stale at once")]
    [DataRow("Scheduler__StaleProcessingAfter", "01:00:00", "Scheduler:StaleProcessingAfter (01:00:00) must be at least the longest Worker hard time limit (00:30:00) plus 1 h", DisplayName = "a stale threshold the runs' limits can outlast (live runs failed STALE_TASK)")]
    [DataRow("Scheduler__QueuedRepairInterval", "00:00:00", "QueuedRepairInterval", DisplayName = "a zero interval")]
    [DataRow("Scheduler__ShutdownGrace", "-00:00:01", "ShutdownGrace", DisplayName = "a negative grace")]
    [DataRow("Scheduler__ShutdownGrace", "00:00:00", "Scheduler:ShutdownGrace must be between 00:00:02 and 01:00:00 (the node's own stop steps", DisplayName = "no grace: the node's own stop was cut short")]
    [DataRow("Scheduler__Concurrency", "abc", "Scheduler:Concurrency", DisplayName = "not a number")]
    [DataRow("AGENSIUM_CONCURRENCY", "abc", "AGENSIUM_CONCURRENCY", DisplayName = "the seed's variable, not a number")]
    [DataRow("Queues__ToolDefaults__clean-my-dta", "default", "Queues:ToolDefaults keys", DisplayName = "a misspelt tool")]
    [DataRow("Queues__MaxShare__low_priorty", "0.5", "Queues:MaxShare keys", DisplayName = "a misspelt queue share")]
    [DataRow("ConnectionStrings__Postgres", "Hostt=db", "ConnectionStrings:Postgres", DisplayName = "a malformed connection string")]
    [DataRow("Scheduler__Concurrency", "0", "Scheduler:Concurrency must be between 1 and 256.", DisplayName = "no slots (refused twice: ours and Quartz's)")]
    [DataRow("Scheduler__IdleWaitTime", "00:00:00.5", "Scheduler:IdleWaitTime must be at least 00:00:01", DisplayName = "an idle wait Quartz refuses")]
    [DataRow("Scheduler__IdleWaitTime", "2", "Scheduler:IdleWaitTime '2' is a bare number, which .NET reads as 2 days; write a duration as [d.]hh:mm:ss: 00:00:02 for 2 seconds, 2.00:00:00 for 2 days.", DisplayName = "a bare idle wait (2 days)")]
    [DataRow("Worker__HardTimeLimit", "1800", "Worker:HardTimeLimit '1800' is a bare number, which .NET reads as 1800 days; write a duration as [d.]hh:mm:ss: 00:30:00 for 1800 seconds", DisplayName = "a bare hard limit (1800 days: every analysis failed INTERNAL_ERROR)")]
    [DataRow("Worker__Tools__clean-my-data__HardTimeLimit", "1800", "Worker:Tools:clean-my-data:HardTimeLimit '1800' is a bare number", DisplayName = "a bare per-tool hard limit")]
    [DataRow("Retry__MaxDelay", "600", "Retry:MaxDelay '600' is a bare number", DisplayName = "a bare retry delay (600 days)")]
    [DataRow("Scheduler__TaskExpiry", "15", "Scheduler:TaskExpiry '15' is a bare number, which .NET reads as 15 days; write a duration as [d.]hh:mm:ss: 00:00:15 for 15 seconds, 15.00:00:00 for 15 days.", DisplayName = "a bare task expiry (15 days, in range: it was accepted)")]
    [DataRow("Scheduler__StaleProcessingAfter", "24", "Scheduler:StaleProcessingAfter '24' is a bare number", DisplayName = "a bare stale threshold (24 days, in range: it was accepted)")]
    [DataRow("Redis__LastStateTtl", "86400", "Redis:LastStateTtl '86400' is a bare number, which .NET reads as 86400 days; write a duration as [d.]hh:mm:ss: 1.00:00:00 for 86400 seconds", DisplayName = "a bare duration of an option with no range")]
    [DataRow("Dashboard__HeartbeatInterval", " 5 ", "Dashboard:HeartbeatInterval '5' is a bare number", DisplayName = "a bare duration with blanks around it")]
    [DataRow("Scheduler__ShutdownGrace", "0", "Scheduler:ShutdownGrace '0' is a bare number", DisplayName = "a bare zero, refused like any bare number")]
    [DataRow("Worker__CancelGrace", "-1", "Worker:CancelGrace '-1' is a bare number", DisplayName = "a bare negative number")]
    [DataRow("Scheduler__TaskExpiry", "1.5", "Scheduler:TaskExpiry '1.5' is not a duration; write it as [d.]hh:mm:ss[.fff]: 00:00:01.5 for 1.5 seconds", DisplayName = "a decimal number: no word of the format before")]
    [DataRow("Worker__Tools__clean-my-data__SoftTimeLimit", "25m", "Worker:Tools:clean-my-data:SoftTimeLimit '25m' is not a duration", DisplayName = "a unit suffix on a per-tool limit")]
    [DataRow("Scheduler__HealthCheckCron", "0 0 0 30 2 ?", "Scheduler:HealthCheckCron '0 0 0 30 2 ?' never fires", DisplayName = "a cron that parses but never fires (30 February)")]
    [DataRow("Scheduler__CleanupCron", "0 0/15 * * * ? 2020", "Scheduler:CleanupCron '0 0/15 * * * ? 2020' never fires", DisplayName = "a cron whose year is past")]
    [DataRow("Scheduler__CleanupCron", "every 15 minutes", "Scheduler:CleanupCron 'every 15 minutes' is not a valid Quartz cron expression", DisplayName = "a cron that does not parse")]
    [DataRow("Schedular__Concurrency", "8", "unknown settings section Schedular (did you mean Scheduler?)", DisplayName = "a misspelt section")]
    [DataRow("ConnectionString__Postgres", "Host=elsewhere", "unknown settings section ConnectionString (did you mean ConnectionStrings?)", DisplayName = "a misspelt connection strings section")]
    [DataRow("Quartz__quartz.scheduler.batchTriggerAcquisitionMaxCount", "10", "unknown settings section Quartz", DisplayName = "Quartz settings the node does not read")]
    [DataRow("Serilog__WriteTo__1__Args__path", "/etc/hostname/logs/node-.log", "Serilog:WriteTo:1:Args:path: cannot write the log folder /etc/hostname/logs", DisplayName = "a file log folder that cannot be written")]
    [DataRow("Scheduler__InstanceName", "", "Scheduler:InstanceName is required.", DisplayName = "no cluster name")]
    [DataRow("Api__Keys__0", "", "Api:Keys has an empty key", DisplayName = "an empty API key")]
    [DataRow("S3__ServiceUrl", "notaurl", "start: S3:ServiceUrl 'notaurl' is not an http(s) URL", DisplayName = "an S3 endpoint that is not a URL")]
    [DataRow("Redis__Configuration", "127.0.0.1:abc", "start: Redis:Configuration '127.0.0.1:abc' names no Redis server", DisplayName = "a Redis address without a port number")]
    [DataRow("Dashboard__SessionLifetime", "-01:00:00", "start: Dashboard:SessionLifetime must be between", DisplayName = "a setting checked by its options class, named once")]
    [DataRow("TrustedProxies__Proxies__0", "10.1", "TrustedProxies:Proxies:0 '10.1' is not an IP address", DisplayName = "a trusted proxy that is not a whole address")]
    [DataRow("TrustedProxies__Networks__0", "10.1.2.3/8", "TrustedProxies:Networks:0 '10.1.2.3/8' has address bits set past its prefix; write 10.0.0.0/8", DisplayName = "a trusted network with bits past its prefix")]
    [DataRow("TrustedProxies__Networks__0", "10.0.0.0", "TrustedProxies:Networks:0 '10.0.0.0' is not a network in CIDR notation", DisplayName = "a trusted network without its prefix")]
    [DataRow("TrustedProxies__Networks__0", "0.0.0.0/0", "TrustedProxies:Networks:0 '0.0.0.0/0' would trust every client", DisplayName = "a trusted network of every address")]
    [DataRow("TrustedProxies__Proxy__0", "10.0.0.5", "unknown setting TrustedProxies:Proxy", DisplayName = "a misspelt trusted proxies key")]
    [DataRow("Urls", "notaurl", "Urls: 'notaurl' is not an address to listen on", DisplayName = "a listening address that is not a URL")]
    [DataRow("Serilog__MinimumLevel__Default", "Loud", "Serilog:MinimumLevel:Default 'Loud' is not a log level", DisplayName = "a log level Serilog does not have")]
    [DataRow("Serilog__MinimumLevel__Override__Quartz", "Chatty", "Serilog:MinimumLevel:Override:Quartz 'Chatty'", DisplayName = "an override level Serilog does not have")]
    [DataRow("Database__RequestCommandTimeout", "00:00:00.5", "Database:RequestCommandTimeout must be between 00:00:01 and 00:10:00", DisplayName = "a request command timeout under a second")]
    [DataRow("Database__RequestCommandTimeout", "00:00:02.5", "Database:RequestCommandTimeout must be a whole number of seconds", DisplayName = "a request command timeout Npgsql cannot take (whole seconds)")]
    [DataRow("Database__RequestConnectTimeout", "00:30:00", "Database:RequestConnectTimeout must be between 00:00:01 and 00:17:04", DisplayName = "a request connect timeout over Npgsql's 1024 s")]
    [DataRow("Scheduler__WorkDirectoryMinFreeMb", "-1", "Scheduler:WorkDirectoryMinFreeMb must be between 0", DisplayName = "a negative free-space minimum")]
    [DataRow("Scheduler__WorkDirectory", "/etc/hostname", "Scheduler:WorkDirectory: cannot create this node's work folder under /etc/hostname/agensium-work", DisplayName = "a work folder that cannot be created")]
    public async Task Start_ShouldStopWithExitCode78NamingTheSetting_WhenASettingCannotBeUsed(string name, string value, string named)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));

        var (exit, output, err) = await SchedulerCommand.RunAsync(new Dictionary<string, string> { ["Urls"] = "http://127.0.0.1:0", [name] = value }, timeout.Token);

        Assert.AreEqual(78, exit, err);
        var last = err.TrimEnd().Split('\n')[^1];
        StringAssert.StartsWith(last, "Agensium.Scheduler did not start:");
        StringAssert.Contains(last, named);
        Assert.DoesNotContain("Hosting failed to start", output + err, "one line, not the host's trace as well");
    }

    // Found by the stop-41 Celery probe: each of these started a node. A per-tool limit of zero or less failed every run
    // of its tool at once; a last-state TTL of zero (Celery's result_expires 0 means "never expire") failed every event
    // the node published to Redis ("invalid expire time"), each logged with its trace and kept to be published again.
    [TestMethod]
    [DataRow("Worker__Tools__profile-my-data__SoftTimeLimit", "-00:00:05", "Worker:Tools:profile-my-data:SoftTimeLimit (-00:00:05) must be positive", DisplayName = "a negative per-tool soft limit")]
    [DataRow("Worker__Tools__clean-my-data__SoftTimeLimit", "00:00:00", "Worker:Tools:clean-my-data:SoftTimeLimit (00:00:00) must be positive", DisplayName = "a zero per-tool soft limit")]
    [DataRow("Worker__SoftTimeLimit", "-00:05:00", "Worker:SoftTimeLimit (-00:05:00) must be positive", DisplayName = "a negative soft limit (refused before too, in a message that did not say its value)")]
    [DataRow("Worker__HardTimeLimit", "00:10:00", "Worker:HardTimeLimit must be at least Worker:SoftTimeLimit.", DisplayName = "a hard limit under the soft one")]
    [DataRow("Redis__LastStateTtl", "00:00:00", "Redis:LastStateTtl must be between 00:00:01 and 3650.00:00:00", DisplayName = "a zero last-state TTL (Celery's never-expire)")]
    [DataRow("Redis__LastStateTtl", "-01:00:00", "Redis:LastStateTtl must be between 00:00:01 and 3650.00:00:00", DisplayName = "a negative last-state TTL")]
    // Stop 42's README review: these started a node that died with two traces (134, restarted for ever) when the first S3
    // client was built, or ran with a connection string it never used.
    [DataRow("S3__Timeout", "00:00:00", "S3:Timeout must be between 00:00:01 and 01:00:00", DisplayName = "a zero S3 timeout")]
    [DataRow("S3__Timeout", "-00:00:30", "S3:Timeout must be between 00:00:01 and 01:00:00", DisplayName = "a negative S3 timeout")]
    [DataRow("S3__PauseAfterTimeout", "-00:00:10", "S3:PauseAfterTimeout must be between 00:00:00 and 01:00:00", DisplayName = "a negative S3 pause")]
    [DataRow("Database__ConnectionString", "Host=elsewhere", "Database:ConnectionString is not a setting: the node's connection string is ConnectionStrings:Postgres", DisplayName = "a connection string in the Database section (ignored before)")]
    public Task Start_ShouldStopWithExitCode78_WhenATimeLimitOrTheLastStateTtlIsZeroOrNegative(string name, string value, string named) =>
        Start_ShouldStopWithExitCode78NamingTheSetting_WhenASettingCannotBeUsed(name, value, named);

    [TestMethod]
    [DataRow("Scheduler__Concurency", "8", 78, DisplayName = "a refused setting")]
    [DataRow("ConnectionStrings__Postgres", "Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=3", 1, DisplayName = "an unreachable database")]
    public async Task Start_ShouldFileTheRefusalAsAnError_WhenTheNodeRunsUnderJournald(string name, string value, int expectedExit)
    {
        // journald files a line without a <N> prefix at info: `journalctl -p err` did not show why a node did not start.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));

        var (exit, _, err) = await SchedulerCommand.RunAsync(new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["JOURNAL_STREAM"] = "8:12345",
            [name] = value,
        }, timeout.Token);

        Assert.AreEqual(expectedExit, exit, err);
        StringAssert.StartsWith(err.TrimEnd().Split('\n')[^1], "<3>Agensium.Scheduler did not start:");
    }

    // Found by the stop-41 lifecycle probe: a database name that does not exist ended the node with the host's trace and
    // SIGABRT (134). PostgreSQL answered: the connection string is wrong, which a restart does not mend.
    [TestMethod]
    public async Task Start_ShouldStopWithExitCode78InOneLine_WhenPostgreSqlRefusesTheDatabaseName()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        var wrong = new Npgsql.NpgsqlConnectionStringBuilder(Integration.StackSettings.TestConnectionString) { Database = "agensium_no_such_database" };

        var (exit, output, err) = await SchedulerCommand.RunAsync(new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings__Postgres"] = wrong.ConnectionString,
        }, timeout.Token);

        Assert.AreEqual(78, exit, err);
        Assert.AreEqual("Agensium.Scheduler did not start: PostgreSQL refused the connection (3D000: database \"agensium_no_such_database\" does not exist); check ConnectionStrings:Postgres (database, user, password).",
            err.TrimEnd().Split('\n')[^1]);
        Assert.DoesNotContain("Hosting failed to start", output + err, "one line, not the host's trace as well");
    }

    [TestMethod]
    public async Task Start_ShouldSayInOneLineThatTheDatabaseIsUnreachable_AndExit1()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));

        var (exit, output, err) = await SchedulerCommand.RunAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=3",
            ["Urls"] = "http://127.0.0.1:0",
        }, timeout.Token);

        Assert.AreEqual(1, exit, err);
        var last = err.TrimEnd().Split('\n')[^1];
        StringAssert.StartsWith(last, "Agensium.Scheduler did not start: cannot reach PostgreSQL");
        Assert.DoesNotContain("Unhandled exception", err);
        Assert.DoesNotContain("Hosting failed to start", output + err);
    }
}

/// <summary>Migration scripts that would silently never run stop the node at start-up instead.</summary>
[TestClass]
public sealed class MigrationScriptNamesTests
{
    [TestMethod]
    public void CheckScriptNames_ShouldAcceptTheShippedScripts()
    {
        // The scripts the node ships (copied beside the executable, as the node reads them).
        var folder = Path.Combine(AppContext.BaseDirectory, "sql");
        Agensium.Scheduler.Data.SchemaMigrator.CheckScriptNames(folder, [.. Directory.GetFiles(folder, "*.sql").Select(Path.GetFileName).OfType<string>()]);
    }

    [TestMethod]
    public void ShippedScripts_ShouldLeaveTheLockTimeoutToTheMigrator()
    {
        // s43 review: 017 set its own `SET LOCAL lock_timeout = '10s'` after the migrator had set
        // Database:MigrationLockTimeout, so the setting did not apply to it (30 s configured: failed after 10 s; 1 s: waited 10).
        var folder = Path.Combine(AppContext.BaseDirectory, "sql");
        var setting = Directory.GetFiles(folder, "*.sql")
            .Where(f => File.ReadLines(f).Any(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)
                && line.Contains("lock_timeout", StringComparison.OrdinalIgnoreCase)))
            .Select(Path.GetFileName)
            .ToList();

        Assert.IsEmpty(setting, "scripts that set their own lock_timeout: " + string.Join(", ", setting));
    }

    [TestMethod]
    [DataRow("011_add_index.sql", "011_other.sql", "two scripts with one version", DisplayName = "a repeated version")]
    [DataRow("011_add_index.sql", "add-index.sql", "not named NNN_name.sql", DisplayName = "a name without a version")]
    public void CheckScriptNames_ShouldRefuse_WhenAScriptWouldNeverRun(string first, string second, string message)
    {
        var ex = Assert.ThrowsExactly<Agensium.Scheduler.Hosting.StartupCheckException>(() => Agensium.Scheduler.Data.SchemaMigrator.CheckScriptNames("sql", ["001_quartz.sql", first, second]));

        StringAssert.Contains(ex.Message, message);
        StringAssert.Contains(ex.Message, second);
    }
}

/// <summary>The host settings checked before the host starts, on a configuration alone.</summary>
[TestClass]
public sealed class HostSettingsCheckTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [TestMethod]
    public void Run_ShouldRefuseUrlsThatAreNoAddress_WhenKestrelListensOnThem()
    {
        var ex = Assert.ThrowsExactly<Agensium.Scheduler.Hosting.StartupCheckException>(() => Agensium.Scheduler.Hosting.HostSettingsCheck.Run(Config(("Urls", "notaurl"))));

        StringAssert.Contains(ex.Message, "Urls: 'notaurl' is not an address to listen on");
    }

    [TestMethod]
    public void Run_ShouldAcceptTheHostsOwnSectionsAndOtherProgramsVariables()
    {
        // The host's sections, ours in any case, and a section of no one's near ours: none stops the node.
        Agensium.Scheduler.Hosting.HostSettingsCheck.Run(new ConfigurationBuilder().AddCommandLine([
            "--Logging:LogLevel:Default=Warning", "--Kestrel:Limits:MaxRequestBodySize=1", "--AllowedHosts=*", "--Serilog:MinimumLevel:Default=Information",
            "--scheduler:concurrency=2", "--ConnectionStrings:Postgres=Host=db", "--Otel:Exporter=none",
        ]).Build());
    }

    [TestMethod]
    public void Run_ShouldAcceptDurationsWrittenAsDurations_AndNumbersOfSettingsThatAreNotDurations()
    {
        // The shipped appsettings.json, then what an operator writes in the environment: hh:mm:ss, d.hh:mm:ss, fractions,
        // a zero grace, per-tool limits; and bare numbers where a setting is a count, not a duration.
        Agensium.Scheduler.Hosting.HostSettingsCheck.Run(new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Scheduler:TaskExpiry"] = "00:15:00",
                ["Scheduler:HistoryRetention"] = "30.00:00:00",
                ["Scheduler:ClusterCheckinInterval"] = "00:00:00.5",
                ["Worker:CancelGrace"] = "00:00:00",
                ["Worker:Tools:clean-my-data:SoftTimeLimit"] = "00:10:00",
                ["Worker:Tools:clean-my-data:HardTimeLimit"] = "",
                ["Scheduler:Concurrency"] = "8",
                ["Scheduler:CleanupBatchSize"] = "500",
                ["Worker:MaxRunsPerWorker"] = "50",
                ["Queues:MaxShare:low_priority"] = "1",
                ["Api:Keys:0"] = "12345",
            }).Build());
    }

    [TestMethod]
    public void Run_ShouldRefuseABareNumberDuration_InAppsettingsJsonAsInTheEnvironment()
    {
        var json = Path.Combine(Path.GetTempPath(), $"agensium-durations-{Guid.NewGuid():N}.json");
        File.WriteAllText(json, """{ "S3": { "Timeout": 30 } }""");
        try
        {
            var ex = Assert.ThrowsExactly<Agensium.Scheduler.Hosting.StartupCheckException>(() => Agensium.Scheduler.Hosting.HostSettingsCheck.Run(
                new ConfigurationBuilder().AddJsonFile(json).Build()));

            Assert.AreEqual("S3:Timeout '30' is a bare number, which .NET reads as 30 days; write a duration as [d.]hh:mm:ss: 00:00:30 for 30 seconds, 30.00:00:00 for 30 days.", ex.Message);
        }
        finally
        {
            File.Delete(json);
        }
    }

    [TestMethod]
    [DataRow("Scheduler:TaskExpiry", "0", "Scheduler:TaskExpiry '0' is a bare number; write a duration as [d.]hh:mm:ss, between 00:01:00 and 3650.00:00:00 (00:15:00 is the default).", DisplayName = "a zero the range refuses: its range and default")]
    [DataRow("Worker:CancelGrace", "00", "Worker:CancelGrace '00' is a bare number; write a duration as [d.]hh:mm:ss, between 00:00:00 and 00:10:00 (00:00:01 is the default).", DisplayName = "a zero the range takes: 00:00:00 is in it")]
    [DataRow("Scheduler:IdleWaitTime", "0", "Scheduler:IdleWaitTime '0' is a bare number; write a duration as [d.]hh:mm:ss (00:00:02 is the default).", DisplayName = "no range on the property: the default only")]
    [DataRow("Worker:Tools:clean-my-data:SoftTimeLimit", "0", "Worker:Tools:clean-my-data:SoftTimeLimit '0' is a bare number; write a duration as [d.]hh:mm:ss.", DisplayName = "a per-tool limit: neither range nor default")]
    public void Run_ShouldNotSuggestAZeroDurationTheSettingRefuses_WhenABareZeroIsGiven(string key, string value, string message)
    {
        // It suggested "00:00:00 for 0 seconds, 0.00:00:00 for 0 days": the same value twice, which most of these settings
        // then refuse by their range (Scheduler:TaskExpiry takes 1 minute at least).
        var ex = Assert.ThrowsExactly<Agensium.Scheduler.Hosting.StartupCheckException>(() => Agensium.Scheduler.Hosting.HostSettingsCheck.Run(Config((key, value))));

        Assert.AreEqual(message, ex.Message);
    }

    [TestMethod]
    public void Run_ShouldRefuseASectionThatIsANearMissOfOurs()
    {
        var ex = Assert.ThrowsExactly<Agensium.Scheduler.Hosting.StartupCheckException>(() => Agensium.Scheduler.Hosting.HostSettingsCheck.Run(
            new ConfigurationBuilder().AddCommandLine(["--Wroker:PoolSize=2"]).Build()));

        StringAssert.Contains(ex.Message, "unknown settings section Wroker (did you mean Worker?)");
    }

    [TestMethod]
    public void Run_ShouldLeaveUrlsAlone_WhenKestrelEndpointsAreConfigured()
    {
        // Kestrel binds its configured endpoints and ignores Urls then: a stale Urls must not stop the node.
        Agensium.Scheduler.Hosting.HostSettingsCheck.Run(Config(("Urls", "notaurl"), ("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:5100")));
    }

    [TestMethod]
    public void Run_ShouldRefuseUrlsThatAreNoAddress_WhenHostingUrlsArePreferredOverKestrelEndpoints()
    {
        // preferHostingUrls=true makes Kestrel bind Urls and ignore its configured endpoints.
        var ex = Assert.ThrowsExactly<Agensium.Scheduler.Hosting.StartupCheckException>(() => Agensium.Scheduler.Hosting.HostSettingsCheck.Run(
            Config(("Urls", "notaurl"), ("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:5100"), ("preferHostingUrls", "1"))));

        StringAssert.Contains(ex.Message, "Urls: 'notaurl' is not an address to listen on");
    }
}
