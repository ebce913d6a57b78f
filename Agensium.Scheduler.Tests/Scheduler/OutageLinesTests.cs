using Agensium.Scheduler.Logging;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Serilog;
using Serilog.Events;
using Serilog.Parsing;
using StackExchange.Redis;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// What the node's log (the shipped Serilog settings, through <see cref="NodeLogging"/>) writes for an outage's exception:
/// one line with its cause, no trace, at most once a minute; any other exception keeps its trace. The exceptions are
/// real ones, from connecting to a port nothing listens on.
/// </summary>
[TestClass]
public sealed class OutageLinesTests
{
    private const string QuartzStore = "Quartz.Impl.AdoJobStore.JobStoreTX";
    private static readonly MessageTemplateParser Parser = new();

    public TestContext TestContext { get; set; } = null!;

    private string _dir = "";

    [TestInitialize]
    public void Init() => _dir = Directory.CreateTempSubdirectory("agensium-outage-lines-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public async Task QuartzsClusterError_ShouldBeOneErrorLineWithTheCause_WhenPostgreSqlRefusesConnections()
    {
        var refused = await RefusedConnections.PostgreSqlAsync(TestContext.CancellationToken);
        // How Quartz's cluster manager logs a failed check-in: its exception wraps Npgsql's, and its message holds the
        // whole of Npgsql's, trace included, which Quartz passes as a property of its own.
        var quartz = new Quartz.JobPersistenceException("Failed to obtain DB connection from data source 'default': " + refused, refused);
        Assert.Contains("\n   at Npgsql.", quartz.Message);

        var lines = Log(logger => logger.ForContext("SourceContext", QuartzStore).Error(quartz, "Error managing cluster: {ExceptionMessage}", quartz.Message));

        Assert.HasCount(1, lines, string.Join('\n', lines));
        StringAssert.Contains(lines[0], ": ERROR/node-1] Error managing cluster: Failed to obtain DB connection from data source 'default' "
            + $"(NpgsqlException: Failed to connect to 127.0.0.1:{Port(refused)}: Connection refused)", "at the level it was logged at: the database is away");
        StringAssert.EndsWith(lines[0], "{\"SourceContext\":\"Quartz.Impl.AdoJobStore.JobStoreTX\"}", "the file's structured properties as before");
    }

    [TestMethod]
    public async Task ServicesOwnWarning_ShouldBeOneLineWithTheCause_WhenItsExceptionIsAnOutage()
    {
        var refused = await RefusedConnections.PostgreSqlAsync(TestContext.CancellationToken);

        var lines = Log(logger => logger.ForContext("SourceContext", "Agensium.Scheduler.Jobs.TaskProgress")
            .Warning(refused, "Could not record progress of task {TaskId}", "t-1"));

        Assert.HasCount(1, lines, string.Join('\n', lines));
        StringAssert.Contains(lines[0], ": WARNING/node-1] Could not record progress of task t-1 (NpgsqlException: Failed to connect to 127.0.0.1:");
    }

    [TestMethod]
    public async Task RedisAndS3Outages_ShouldBeOneLineEach_WithTheirCause()
    {
        var redis = await RefusedConnections.RedisAsync();
        var redisAgain = await RefusedConnections.RedisAsync();
        var s3 = await RefusedByS3Async();

        var lines = Log(logger =>
        {
            logger.Warning(redis, "Could not publish {Status} of task {TaskId} to Redis", "PROCESSING", "t-1");
            // The Redis client's diagnostics in its message differ at every call; the line is the same all the same.
            logger.Warning(redisAgain, "Could not publish {Status} of task {TaskId} to Redis", "PROCESSING", "t-1");
            logger.Warning(s3, "Failed to clean S3 for task {TaskId}", "t-1");
        });

        Assert.HasCount(3, lines, string.Join('\n', lines));
        Assert.AreEqual("Could not publish PROCESSING of task t-1 to Redis (RedisConnectionException: No connection is active/available to service this operation: Connection refused)",
            Message(lines[0]), "what failed and why, without the client's diagnostics, which differ at every call");
        StringAssert.Contains(lines[1], "Failed to clean S3 for task t-1 (HttpRequestException: ");
        StringAssert.Contains(lines[1], "Connection refused");
        StringAssert.Contains(Message(lines[2]), "Could not publish PROCESSING of task t-1 to Redis (RedisConnectionException: No connection is active/available to service this operation: Connection refused; 1 more like it since the last, the last at ",
            "the repeat, counted when the node stops");
    }

    [TestMethod]
    public async Task SameOutageLine_ShouldBeSaidOncePerMinute_WithHowManyWereLeftOut()
    {
        var refused = await RefusedConnections.PostgreSqlAsync(TestContext.CancellationToken);
        var start = new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero);

        // Quartz's check-in every 2 s for 70 s: 36 identical events.
        var lines = Log(logger =>
        {
            for (var s = 0; s <= 70; s += 2)
            {
                logger.Write(Event(start.AddSeconds(s), LogEventLevel.Error, refused, "Error managing cluster: {ExceptionMessage}", refused.Message));
            }
        });

        Assert.HasCount(3, lines, string.Join('\n', lines));
        Assert.DoesNotContain("more like it", lines[0]);
        StringAssert.Contains(lines[1], "; 29 more like it since the last)", "the 29 events of 02 s … 58 s, said at 60 s");
        StringAssert.Contains(lines[2], "; 5 more like it since the last, the last at 13:01:10)", "the 5 events of 62 s … 70 s, said when the node stops");
    }

    [TestMethod]
    public async Task RepeatsLeftOut_ShouldBeCounted_WhenTheLineStopsComing()
    {
        // Stop 40: the count of the repeats after the last line said waited for a next line; when the outage ended
        // before the minute was over, it was never said.
        var refused = await RefusedConnections.PostgreSqlAsync(TestContext.CancellationToken);
        var start = new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero);

        var lines = Log(logger =>
        {
            for (var s = 0; s <= 10; s += 2)
            {
                logger.Write(Event(start.AddSeconds(s), LogEventLevel.Error, refused, "Error managing cluster: {ExceptionMessage}", refused.Message));
            }
        });

        Assert.HasCount(2, lines, string.Join('\n', lines));
        StringAssert.Contains(lines[1], ": ERROR/node-1] Error managing cluster: Failed to connect to 127.0.0.1:");
        StringAssert.EndsWith(Message(lines[1]), "; 5 more like it since the last, the last at 13:00:10)");
    }

    [TestMethod]
    public async Task ARepeatStampedABitEarlierThanTheOneBefore_ShouldBeCounted_NotTakenForANewOutage()
    {
        // Two threads logging the same line take their time stamps before the sink's lock: a repeat may arrive stamped a
        // little before the one it follows. It belongs to the same outage (review of stop 40: it ended the run, said the
        // count, and was said again at once).
        var refused = await RefusedConnections.PostgreSqlAsync(TestContext.CancellationToken);
        var start = new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero);

        var lines = Log(logger =>
        {
            foreach (var ms in new[] { 0, 2000, 1999, 3000 })
            {
                logger.Write(Event(start.AddMilliseconds(ms), LogEventLevel.Error, refused, "Error managing cluster: {ExceptionMessage}", refused.Message));
            }
        });

        Assert.HasCount(2, lines, string.Join('\n', lines));
        StringAssert.EndsWith(Message(lines[1]), "; 3 more like it since the last, the last at 13:00:03)", "one outage, its repeats counted when the node stops");
    }

    [TestMethod]
    public async Task ANewOutage_ShouldBeSaidAtOnce_AfterItsLineStoppedForAMinute()
    {
        // Stop 40: a line that comes again after a quiet minute is a new outage: said at once, after the count of the old
        // one's last repeats; it was merged into the old one's count.
        var refused = await RefusedConnections.PostgreSqlAsync(TestContext.CancellationToken);
        var start = new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero);

        var lines = Log(logger =>
        {
            foreach (var s in new[] { 0, 2, 4, 70 })
            {
                logger.Write(Event(start.AddSeconds(s), LogEventLevel.Error, refused, "Error managing cluster: {ExceptionMessage}", refused.Message));
            }
        });

        Assert.HasCount(3, lines, string.Join('\n', lines));
        StringAssert.EndsWith(Message(lines[1]), "; 2 more like it since the last, the last at 13:00:04)");
        Assert.DoesNotContain("more like it", lines[2], "the new outage's first line");
    }

    [TestMethod]
    public async Task ANewOutage_ShouldBeSaidAtOnce_WhenTheDependencyAnsweredInBetween()
    {
        // Stop 40: PostgreSQL away, back (the node's heartbeat is written again), away again within the minute: the
        // second outage was not said until a minute after the first line, and its count merged with the first's.
        var refused = await RefusedConnections.PostgreSqlAsync(TestContext.CancellationToken);
        var redis = await RefusedConnections.RedisAsync();
        var start = new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero);

        var lines = Log(logger =>
        {
            foreach (var s in new[] { 0, 2, 4 })
            {
                logger.Write(Event(start.AddSeconds(s), LogEventLevel.Error, refused, "Error managing cluster: {ExceptionMessage}", refused.Message));
            }
            logger.Warning(redis, "Could not publish {Status} of task {TaskId} to Redis", "PROCESSING", "t-1");
            logger.Warning(redis, "Could not publish {Status} of task {TaskId} to Redis", "PROCESSING", "t-1");
            OutageLines.Answered(OutageCause.PostgreSql);
            logger.Write(Event(start.AddSeconds(20), LogEventLevel.Error, refused, "Error managing cluster: {ExceptionMessage}", refused.Message));
        });

        var text = string.Join('\n', lines);
        Assert.HasCount(6, lines, text);
        Assert.DoesNotContain("more like it", lines[0]);
        StringAssert.Contains(lines[1], "Could not publish PROCESSING of task t-1 to Redis", "Redis's line");
        StringAssert.EndsWith(Message(lines[2]), "; 2 more like it since the last, the last at 13:00:04)", "PostgreSQL's repeats counted as it answers");
        StringAssert.Contains(lines[3], "INFO/node-1] PostgreSQL answers again (its outage lines began at 13:00:00)");
        StringAssert.Contains(lines[4], "Error managing cluster");
        Assert.DoesNotContain("more like it", lines[4], "the new outage, said at once");
        StringAssert.Contains(lines[5], "Could not publish PROCESSING of task t-1 to Redis", "Redis's repeat, counted when the node stops: Redis did not answer");
    }

    [TestMethod]
    public async Task LinesForgottenToMakeRoom_ShouldStillSayHowManyOfTheirRepeatsWereLeftOut()
    {
        // Stop 40: past 1,000 remembered lines (an outage's lines of many tasks) the sink forgot the lines of a past
        // outage, and then all of them, with the repeats it had left out and not yet counted: those were never said.
        var refused = await RefusedConnections.PostgreSqlAsync(TestContext.CancellationToken);
        var start = new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero);

        var lines = Log(logger =>
        {
            foreach (var s in new[] { 0, 2, 4 })
            {
                logger.Write(Event(start.AddSeconds(s), LogEventLevel.Error, refused, "Error managing cluster: {ExceptionMessage}", refused.Message));
            }
            foreach (var s in new[] { 60, 62 })
            {
                logger.Write(Event(start.AddSeconds(s), LogEventLevel.Warning, refused, "Could not record progress of task {ExceptionMessage}", "t-0"));
            }
            // 1,000 lines more, each of another task, within the minute of the second line: the first line is forgotten
            // as past, then every one.
            for (var task = 1; task <= 1000; task++)
            {
                logger.Write(Event(start.AddSeconds(65), LogEventLevel.Warning, refused, "Could not record progress of task {ExceptionMessage}", $"t-{task}"));
            }
        });

        var text = string.Join('\n', lines);
        Assert.HasCount(1, lines.Where(l => l.Contains("Error managing cluster", StringComparison.Ordinal)
            && Message(l).EndsWith("; 2 more like it since the last, the last at 13:00:04)", StringComparison.Ordinal)).ToList(), text);
        Assert.HasCount(1, lines.Where(l => l.Contains("Could not record progress of task t-0 (", StringComparison.Ordinal)
            && Message(l).EndsWith("; 1 more like it since the last, the last at 13:01:02)", StringComparison.Ordinal)).ToList(), text);
        Assert.HasCount(1 + 1 + 1 + 1 + 1000, lines, "each line said once, and each forgotten run's count once");
    }

    [TestMethod]
    public async Task ALineThatStopsComing_ShouldBeCountedByTheQuietCheck_AMinuteAfterItsLastRepeat()
    {
        // The quiet check runs on the sink's clock: a test's clock takes the quiet minute without waiting 70 s for it.
        var refused = await RefusedConnections.PostgreSqlAsync(TestContext.CancellationToken);
        var start = new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero);
        var clock = new ManualClock(start);
        var said = new CollectingLogSink();
        var sink = new OutageLines(said, clock);
        using (var logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger())
        {
            foreach (var s in new[] { 0, 2, 4 })
            {
                clock.AdvanceTo(start.AddSeconds(s));
                logger.Write(Event(clock.GetUtcNow(), LogEventLevel.Error, refused, "Error managing cluster: {ExceptionMessage}", refused.Message));
            }
            Assert.HasCount(1, said.Events, "the first said, its repeats left out");

            clock.AdvanceTo(start.AddSeconds(60)); // checks at 10 … 60 s: 56 s since the last repeat
            Assert.HasCount(1, said.Events, "not over before its quiet minute");

            clock.AdvanceTo(start.AddSeconds(70)); // the check at 70 s: 66 s since the last repeat
            Assert.HasCount(2, said.Events, "counted by the quiet check, with the node still running");
            var ended = said.Events[1];
            Assert.AreEqual("2", ended.Properties["OutageLinesLeftOut"].ToString());
            Assert.AreEqual("\"13:00:04\"", ended.Properties["OutageLastAt"].ToString(), "the time of its last repeat");
            Assert.AreEqual(start.AddSeconds(70), ended.Timestamp, "said at the check");

            clock.AdvanceTo(start.AddSeconds(75));
            logger.Write(Event(clock.GetUtcNow(), LogEventLevel.Error, refused, "Error managing cluster: {ExceptionMessage}", refused.Message));
            Assert.HasCount(3, said.Events, "the line coming again is a new outage, said at once");
            Assert.IsFalse(said.Events[2].Properties.ContainsKey("OutageLinesLeftOut"));
        }
        sink.Dispose();
        Assert.HasCount(3, said.Events, "nothing left to count when the node stops");
    }

    [TestMethod]
    public async Task OutageLinesThatDiffer_ShouldEachBeSaid()
    {
        var refused = await RefusedConnections.PostgreSqlAsync(TestContext.CancellationToken);

        var lines = Log(logger =>
        {
            logger.Warning(refused, "Could not record progress of task {TaskId}", "t-1");
            logger.Warning(refused, "Could not record progress of task {TaskId}", "t-2");
            logger.Error(refused, "Could not record progress of task {TaskId}", "t-1");
        });

        Assert.HasCount(3, lines, "another task, another level: another line");
    }

    [TestMethod]
    public async Task OtherExceptions_ShouldKeepTheirTrace()
    {
        // A bug, a constraint, a refused password: not an outage, the trace says where. (A call PostgreSQL did not answer
        // in time is one since stop 43: a hung server fails every call so; OutageEndTests.)
        var bug = Thrown(() => throw new InvalidOperationException("a mapping fault"));
        var password = new NpgsqlException("No password has been provided but the backend requires one");

        var lines = Log(logger =>
        {
            logger.Error(bug, "Analysis failed unexpectedly");
            logger.Error(password, "Error managing cluster: {ExceptionMessage}", password.Message);
            logger.Error(bug, "Analysis failed unexpectedly");
        });

        Assert.HasCount(2, lines.Where(l => l.Contains("Analysis failed unexpectedly", StringComparison.Ordinal)).ToList(), "never counted as repeats");
        Assert.IsTrue(lines.Any(l => l.StartsWith("System.InvalidOperationException: a mapping fault", StringComparison.Ordinal)));
        Assert.IsTrue(lines.Any(l => l.StartsWith("   at ", StringComparison.Ordinal)), string.Join('\n', lines));
        Assert.IsTrue(lines.Any(l => l.StartsWith("Npgsql.NpgsqlException", StringComparison.Ordinal)), "the refused password's exception is written as before");
    }

    [TestMethod]
    public async Task TheLevelsOfTheSettings_ShouldStillDecideWhatIsWritten()
    {
        var refused = await RefusedConnections.PostgreSqlAsync(TestContext.CancellationToken);

        var lines = Log(logger =>
        {
            logger.ForContext("SourceContext", QuartzStore).Information("Quartz is chatty");
            logger.ForContext("SourceContext", "Agensium.Scheduler.Jobs.X").Debug(refused, "below the default level");
            logger.ForContext("SourceContext", "Agensium.Scheduler.Jobs.X").Information("said");
        });

        Assert.HasCount(1, lines, string.Join('\n', lines));
        StringAssert.Contains(lines[0], "INFO/node-1] said");
    }

    [TestMethod]
    public async Task SameOutageLineOfTwoJobs_ShouldEachBeSaid_WithTheJobItIsAbout()
    {
        // Inside a job the task is named by the line's job prefix (the log scope's JobName and TaskId), not its message:
        // the listener's "could not record the end of a job" of two tasks are two lines, as "… of task t-1" and "… of
        // task t-2" are. Keyed by the message alone, the second task's ERROR (its end never recorded) was left out.
        var refused = await RefusedConnections.PostgreSqlAsync(TestContext.CancellationToken);

        var lines = Log(logger =>
        {
            foreach (var task in new[] { "t-1", "t-2", "t-1" })
            {
                logger.ForContext("JobName", "process-analysis").ForContext("TaskId", task)
                    .Error(refused, "Job listener could not record the {Phase} of a job", "end");
            }
        });

        Assert.HasCount(3, lines, string.Join('\n', lines));
        StringAssert.Contains(lines[0], ": ERROR/node-1][process-analysis(t-1)] Job listener could not record the end of a job (NpgsqlException: ");
        StringAssert.Contains(lines[1], ": ERROR/node-1][process-analysis(t-2)] Job listener could not record the end of a job (NpgsqlException: ");
        StringAssert.Contains(lines[2], ": ERROR/node-1][process-analysis(t-1)] Job listener could not record the end of a job (NpgsqlException: ", "t-1's repeat, counted when the node stops");
        StringAssert.Contains(lines[2], "; 1 more like it since the last, the last at ");
    }

    [TestMethod]
    public void ALevelChangedInTheSettings_ShouldApplyWhileTheNodeRuns()
    {
        // WebApplication reads appsettings.json with reloadOnChange, and Serilog.Settings.Configuration follows a changed
        // Serilog:MinimumLevel through the reload token of the configuration it reads: a copy of the settings fires none.
        var configuration = Settings();
        var lines = Log(configuration, logger =>
        {
            logger.Information("before");
            configuration["Serilog:MinimumLevel:Default"] = "Warning";
            configuration.Reload();
            logger.Information("after");
            logger.Warning("warned");
        });

        Assert.HasCount(2, lines, string.Join('\n', lines));
        StringAssert.Contains(lines[0], "INFO/node-1] before");
        StringAssert.Contains(lines[1], "WARNING/node-1] warned");
    }

    [TestMethod]
    public void ASinkOnALevelSwitch_ShouldBeBuilt()
    {
        // "LevelSwitches" declares a switch a sink may name; the sinks' part of the settings needs the declaration too.
        var configuration = Settings();
        configuration["Serilog:LevelSwitches:$file"] = "Warning";
        configuration["Serilog:WriteTo:0:Args:levelSwitch"] = "$file";
        var lines = Log(configuration, logger =>
        {
            logger.Information("below the file's switch");
            logger.Warning("warned");
        });

        Assert.HasCount(1, lines, string.Join('\n', lines));
        StringAssert.Contains(lines[0], "WARNING/node-1] warned");
    }

    // The node's logging on the shipped appsettings.json, its file sink in a folder of the test's (the console's is left out).
    private List<string> Log(Action<Serilog.ILogger> write) => Log(Settings(), write);

    private IConfigurationRoot Settings()
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
        var file = shipped.GetSection("Serilog:WriteTo:1");
        Assert.AreEqual("File", file["Name"]);
        var settings = shipped.GetSection("Serilog").AsEnumerable()
            .Where(s => !s.Key.StartsWith("Serilog:WriteTo:", StringComparison.Ordinal) || s.Key.StartsWith("Serilog:WriteTo:1", StringComparison.Ordinal))
            .Select(s => KeyValuePair.Create(s.Key.Replace("Serilog:WriteTo:1", "Serilog:WriteTo:0", StringComparison.Ordinal), s.Value));
        return new ConfigurationBuilder().AddInMemoryCollection(settings).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:0:Args:path"] = Path.Combine(_dir, "node.log"),
            ["Serilog:WriteTo:0:Args:rollingInterval"] = "Infinite",
        }).Build();
    }

    private List<string> Log(IConfiguration configuration, Action<Serilog.ILogger> write)
    {
        var node = new NodeIdentity();
        node.Set("node-1");
        using (var logger = new LoggerConfiguration().ConfigureNodeLogging(configuration, node).CreateLogger())
        {
            write(logger);
        }
        var log = Path.Combine(_dir, "node.log");
        return File.Exists(log) ? File.ReadAllLines(log).ToList() : [];
    }

    // The message of a line of the file: after "[time: LEVEL/node] ", before the structured properties.
    private static string Message(string line) => line[(line.IndexOf("] ", StringComparison.Ordinal) + 2)..line.LastIndexOf(" {", StringComparison.Ordinal)];

    private static LogEvent Event(DateTimeOffset at, LogEventLevel level, Exception exception, string template, string value) =>
        new(at, level, exception, Parser.Parse(template),
            [new LogEventProperty("ExceptionMessage", new ScalarValue(value)), new LogEventProperty("SourceContext", new ScalarValue(QuartzStore))]);

    private static int Port(NpgsqlException e) => int.Parse(e.Message[(e.Message.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);


    private async Task<Exception> RefusedByS3Async()
    {
        using var client = new AmazonS3Client(new BasicAWSCredentials("k", "s"), new AmazonS3Config
        {
            ServiceURL = $"http://127.0.0.1:{RefusedConnections.ClosedPort()}",
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });
        return await Assert.ThrowsAsync<Exception>(() => client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = "b" }, TestContext.CancellationToken));
    }

    /// <summary>Keeps what the sink says, in order.</summary>

    /// <summary>A clock moved by the test; its timers fire, in order, at each due time it is moved past.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private readonly List<ManualTimer> _timers = [];
        private readonly DateTimeOffset _start = start;
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => (_now - _start).Ticks;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(callback, state, _now + dueTime, period);
            _timers.Add(timer);
            return timer;
        }

        public void AdvanceTo(DateTimeOffset to)
        {
            while (_timers.Where(t => !t.Disposed && t.Due <= to).MinBy(t => t.Due) is { } next)
            {
                _now = next.Due;
                next.Due += next.Period;
                next.Callback(next.State);
            }
            _now = to;
        }

        private sealed class ManualTimer(TimerCallback callback, object? state, DateTimeOffset due, TimeSpan period) : ITimer
        {
            public TimerCallback Callback { get; } = callback;
            public object? State { get; } = state;
            public DateTimeOffset Due { get; set; } = due;
            public TimeSpan Period { get; } = period;
            public bool Disposed { get; private set; }

            public bool Change(TimeSpan dueTime, TimeSpan period) => throw new NotSupportedException();

            public void Dispose() => Disposed = true;

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }
        throw new AssertFailedException("nothing thrown");
    }
}
