using Agensium.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

/// <summary>The thread that writes and profiles a cleaned file's rows: every row handed over is written, in order, and its faults reach the agent.</summary>
[TestClass]
public sealed class ProfileBuilderTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void EveryRowHandedOverIsWrittenInOrderEvenWhenTheProfileIsNeverAskedFor()
    {
        var written = new List<string?>();
        using (var builder = new ProfileBuilder(["a"], row => written.Add(row[0])))
        {
            for (int i = 0; i < 10_000; i++)
            {
                builder.Add([i.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }

        CollectionAssert.AreEqual(Enumerable.Range(0, 10_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), written);
    }

    [TestMethod]
    public void AFaultOfTheWritingThreadFailsTheAgentAndNeverBlocksIt()
    {
        int calls = 0;
        var builder = new ProfileBuilder(["a"], _ =>
        {
            if (++calls == 3)
            {
                throw new IOException("No space left on device");
            }
        });

        // Far more rows than the queue holds: once the thread has failed it still takes every batch, so handing rows
        // over never waits on a full queue; the fault comes back on a later row or when the profile is asked for.
        var agent = Task.Run(() =>
        {
            for (int i = 0; i < 200_000; i++)
            {
                builder.Add(["x"]);
            }

            builder.Complete();
        });
        Assert.IsTrue(((IAsyncResult)agent).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)), "the agent blocked on a writer whose thread had failed");
        builder.Dispose(); // only once the agent is done: a blocked one would block this too
        var error = Assert.ThrowsExactly<IOException>(() => agent.GetAwaiter().GetResult());
        Assert.AreEqual("No space left on device", error.Message);
        Assert.AreEqual(3, calls);
    }
}
