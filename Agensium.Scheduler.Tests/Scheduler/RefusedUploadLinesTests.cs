using Agensium.Scheduler.Api;
using Agensium.Scheduler.Logging;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// Uploads refused 507 LOCAL_DISK_UNWRITABLE are logged as an outage's lines are: the first at once, naming the folder;
/// then a line a minute with how many more were refused; an INFO when an upload is spooled again, and the next refusal
/// is said at once. Each refusal was an ERROR of its own (s46 review).
/// </summary>
[TestClass]
public sealed class RefusedUploadLinesTests
{
    private const string Folder = "/var/agensium/agensium-work/node-1";
    private const string Reason = "Read-only file system : '/var/agensium/agensium-work/node-1/upload-1'";

    [TestMethod]
    public void Refusals_ShouldBeSaidOnceAMinute_WithHowManyMore_AndTheirEndOnce()
    {
        var clock = new SteppedClock(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var logger = new CollectingLogger<RefusedUploadLines>();
        var lines = new RefusedUploadLines(clock, logger);

        for (int i = 0; i < 50; i++) // a stream of uploads within 49 s
        {
            lines.Refused("PUT", $"/api/tasks/t-{i}/inputs/data.csv", Folder, Reason);
            clock.Now += TimeSpan.FromSeconds(1);
        }
        Assert.HasCount(1, logger.Lines, string.Join("\n", logger.Lines));
        StringAssert.Contains(logger.Lines[0], $"PUT /api/tasks/t-0/inputs/data.csv answered 507: this node's work folder {Folder} could not be written (Read-only file system");

        clock.Now += TimeSpan.FromSeconds(11); // a minute after the first line
        lines.Refused("PUT", "/api/tasks/t-50/inputs/data.csv", Folder, Reason);
        lines.Refused("PUT", "/api/tasks/t-51/inputs/data.csv", Folder, Reason);
        Assert.HasCount(2, logger.Lines, string.Join("\n", logger.Lines));
        StringAssert.Contains(logger.Lines[1], $"work folder {Folder} still cannot be written (Read-only file system");
        StringAssert.Contains(logger.Lines[1], "49 more uploads refused since the last line");

        lines.Spooled(Folder);
        lines.Spooled(Folder);
        Assert.HasCount(3, logger.Lines, string.Join("\n", logger.Lines));
        Assert.AreEqual($"This node's work folder {Folder} takes uploads again (52 refused 507 since 10:00:00)", logger.Lines[2]);

        lines.Refused("PUT", "/api/tasks/t-52/inputs/data.csv", Folder, Reason); // a new outage: said at once
        Assert.HasCount(4, logger.Lines, string.Join("\n", logger.Lines));
        StringAssert.Contains(logger.Lines[3], "t-52/inputs/data.csv answered 507: this node's work folder");
        StringAssert.Contains(logger.Lines[3], "could not be written");
    }

    // Stop 47: the count of the refusals since the last line waited for a next refusal or a spooled upload, so the last
    // ones of a spell that stopped were never said. The heartbeat asks every few seconds (NodeHeartbeatWarningTests).
    [TestMethod]
    public void SayPending_ShouldCountTheRefusalsSinceTheLastLineOut_AMinuteAfterIt_WithoutANextRefusal()
    {
        var clock = new SteppedClock(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var logger = new CollectingLogger<RefusedUploadLines>();
        var lines = new RefusedUploadLines(clock, logger);
        lines.SayPending(); // nothing refused: nothing to say
        for (int i = 0; i < 10; i++)
        {
            lines.Refused("PUT", $"/api/tasks/t-{i}/inputs/data.csv", Folder, Reason);
            clock.Now += TimeSpan.FromSeconds(1);
        }

        clock.Now = clock.Now.AddSeconds(30);
        lines.SayPending(); // 40 s after the first line: its minute is not over
        Assert.HasCount(1, logger.Lines, string.Join("\n", logger.Lines));

        clock.Now = new DateTimeOffset(2026, 12, 7, 10, 1, 0, TimeSpan.Zero);
        lines.SayPending();
        lines.SayPending();
        Assert.HasCount(2, logger.Lines, string.Join("\n", logger.Lines));
        Assert.AreEqual($"This node's work folder {Folder} still cannot be written ({Reason}); 9 more uploads refused 507 since the last line, the last at 10:00:09",
            logger.Lines[1]);

        clock.Now += TimeSpan.FromMinutes(5);
        lines.SayPending(); // nothing refused since: nothing more to say
        lines.Spooled(Folder);
        Assert.HasCount(3, logger.Lines, string.Join("\n", logger.Lines));
        Assert.AreEqual($"This node's work folder {Folder} takes uploads again (10 refused 507 since 10:00:00)", logger.Lines[2]);
    }

    [TestMethod]
    public void Spooled_ShouldSayNothing_WhenNoUploadWasRefused()
    {
        var logger = new CollectingLogger<RefusedUploadLines>();
        new RefusedUploadLines(TimeProvider.System, logger).Spooled(Folder);
        Assert.IsEmpty(logger.Lines);
    }

    internal sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
