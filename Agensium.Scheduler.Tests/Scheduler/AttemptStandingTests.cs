using System.Net.Sockets;
using Agensium.Scheduler.Jobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// Whether an attempt still stands before it writes its outputs: a database that does not answer is waited for, never
/// taken for a yes (an outside probe: a node cut off from PostgreSQL past the check-in threshold uploaded over the
/// outputs of the attempt that had taken over, and removed its cleaned file as stale).
/// </summary>
[TestClass]
public sealed class AttemptStandingTests
{
    private static readonly TaskRun Run = new("task-1", 1, "clean-my-data", [], 1, "fire-1");

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Check_ShouldWaitForTheDatabase_AndThenSaySuperseded_WhenTheAttemptWasTakenOverMeanwhile()
    {
        int asked = 0;
        Task<bool> TakenOverAfterTwoFailures(CancellationToken _) =>
            ++asked <= 2 ? throw new SocketException((int)SocketError.ConnectionRefused) : Task.FromResult(true);

        var outcome = await AttemptStanding.CheckAsync(TakenOverAfterTwoFailures, Run, NullLogger.Instance, TimeSpan.FromMilliseconds(1), TestContext.CancellationToken);

        Assert.AreEqual(3, asked, "asked until the database answered");
        Assert.IsTrue(outcome?.IsSuperseded, "the outputs of the attempt that took over are not written over");
    }

    [TestMethod]
    public async Task Check_ShouldLetTheOutputsBeWritten_WhenTheAttemptStillStands()
    {
        int asked = 0;
        Task<bool> StandsAfterOneFailure(CancellationToken _) => ++asked == 1 ? throw new IOException("connection reset") : Task.FromResult(false);

        Assert.IsNull(await AttemptStanding.CheckAsync(StandsAfterOneFailure, Run, NullLogger.Instance, TimeSpan.FromMilliseconds(1), TestContext.CancellationToken));
        Assert.AreEqual(2, asked);
    }

    [TestMethod]
    public async Task Check_ShouldAbandonTheAttempt_WhenTheNodeStopsBeforeTheDatabaseAnswers()
    {
        using var stop = new CancellationTokenSource();
        Task<bool> Unreachable(CancellationToken _)
        {
            stop.Cancel();
            throw new SocketException((int)SocketError.ConnectionRefused);
        }

        var outcome = await AttemptStanding.CheckAsync(Unreachable, Run, NullLogger.Instance, TimeSpan.FromSeconds(30), stop.Token);

        Assert.AreEqual("abandoned", outcome?.Result["status"]?.GetValue<string>(), "left RUNNING for another node to recover, nothing uploaded");
    }

    [TestMethod]
    public async Task Check_ShouldNotSwallowAnErrorThatIsNotTransient()
    {
        Task<bool> Broken(CancellationToken _) => throw new InvalidOperationException("a bug");

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => AttemptStanding.CheckAsync(Broken, Run, NullLogger.Instance, TimeSpan.FromMilliseconds(1), TestContext.CancellationToken));
    }
}
