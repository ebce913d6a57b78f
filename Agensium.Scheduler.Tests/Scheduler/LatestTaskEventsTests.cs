using System.Diagnostics;
using Agensium.Scheduler.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// The events a node keeps while Redis is down: the newest per task, the oldest dropped beyond capacity. Once full it
/// sorted every kept event on each call (10,000 per event while Redis was down); the semantics stay the same.
/// </summary>
[TestClass]
public sealed class LatestTaskEventsTests
{
    private static readonly DateTime T0 = new(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc);

    private static TaskEvent Event(string taskId, double seconds, string status = "PROCESSING") =>
        new(taskId, 1, status, 20, null, null, T0.AddSeconds(seconds));

    private static string[] Kept(LatestTaskEvents events) => [.. events.Snapshot().Select(e => $"{e.TaskId}@{(e.At - T0).TotalSeconds}")];

    [TestMethod]
    public void AtCapacity_ShouldDropTheTaskWhoseKeptEventIsOldest()
    {
        var events = new LatestTaskEvents(3);
        events.Keep(Event("a", 1));
        events.Keep(Event("b", 2));
        events.Keep(Event("c", 3));
        Assert.IsTrue(events.Keep(Event("d", 4)));
        CollectionAssert.AreEqual(new[] { "b@2", "c@3", "d@4" }, Kept(events));

        // An event older than every kept one, of a new task, is the one dropped: nothing else goes.
        Assert.IsFalse(events.Keep(Event("e", 0)));
        CollectionAssert.AreEqual(new[] { "b@2", "c@3", "d@4" }, Kept(events));
    }

    [TestMethod]
    public void AnOlderEvent_ShouldNeverReplaceANewerOne_AndANewerOneShouldMoveItsTaskToTheYoungEnd()
    {
        var events = new LatestTaskEvents(3);
        events.Keep(Event("a", 1));
        events.Keep(Event("b", 2, "COMPLETED"));
        events.Keep(Event("c", 3));
        Assert.IsFalse(events.Keep(Event("b", 1.5, "PROCESSING")), "an older event of a kept task");
        CollectionAssert.AreEqual(new[] { "a@1", "b@2", "c@3" }, Kept(events), "nothing evicted by a refused event at capacity");
        Assert.AreEqual("COMPLETED", events.Snapshot().Single(e => e.TaskId == "b").Status);

        Assert.IsTrue(events.Keep(Event("a", 10, "FAILED")), "a newer event of a kept task replaces it, evicting nothing");
        CollectionAssert.AreEqual(new[] { "b@2", "c@3", "a@10" }, Kept(events));

        // a's old time (1) is gone from the order: the next new task drops b, the oldest now, not a.
        events.Keep(Event("d", 5));
        CollectionAssert.AreEqual(new[] { "c@3", "d@5", "a@10" }, Kept(events));

        // The same time: the later call wins (as before: only a strictly newer kept event is kept over it).
        Assert.IsTrue(events.Keep(Event("c", 3, "CANCELLED")));
        Assert.AreEqual("CANCELLED", events.Snapshot().Single(e => e.TaskId == "c").Status);
        Assert.AreEqual(3, events.Count);
    }

    [TestMethod]
    public void Remove_ShouldForgetAnEventOnlyWhileItIsStillItsTasksNewest()
    {
        var events = new LatestTaskEvents(10);
        var published = Event("a", 1);
        events.Keep(published);
        events.Keep(Event("a", 2, "COMPLETED")); // kept while the first was being published
        Assert.IsFalse(events.Remove(published), "the newer event stays to be published");
        Assert.AreEqual(1, events.Count);
        Assert.IsTrue(events.Remove(Event("a", 2, "COMPLETED")));
        Assert.AreEqual(0, events.Count);
        Assert.IsEmpty(events.Snapshot());
    }

    [TestMethod]
    public void Keep_ShouldStayCheap_WhenFull()
    {
        // 50,000 events of new tasks on top of a full set: each sorted 10,001 events before (8 s for 20,000 on the dev machine).
        var events = new UnpublishedTaskEvents(null!, Options.Create(new RedisOptions()), NullLogger<UnpublishedTaskEvents>.Instance);
        for (int i = 0; i < UnpublishedTaskEvents.Capacity; i++)
        {
            events.Keep(Event("t" + i, i));
        }
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < 50_000; i++)
        {
            events.Keep(Event("n" + i, UnpublishedTaskEvents.Capacity + i));
        }
        watch.Stop();
        Assert.AreEqual(UnpublishedTaskEvents.Capacity, events.Count);
        Assert.IsLessThan(4_000L, watch.ElapsedMilliseconds, $"{watch.ElapsedMilliseconds} ms for 50,000 events at capacity");
    }
}
