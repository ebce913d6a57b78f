using Agensium.Scheduler.Api;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Tests.Scheduler;

[TestClass]
public sealed class ReportRenderGateTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task EnterAsync_ShouldLetTheNextCallerInOnlyWhenATurnIsGivenBack()
    {
        using var gate = new ReportRenderGate(Options.Create(new ApiOptions { MaxConcurrentReports = 2 }));
        var first = await gate.EnterAsync(TestContext.CancellationToken);
        var second = await gate.EnterAsync(TestContext.CancellationToken);

        var third = gate.EnterAsync(TestContext.CancellationToken);
        Assert.IsFalse(third.IsCompleted, "two renders at once at most");
        first.Dispose();
        first.Dispose(); // a turn given back twice frees one place only
        using (await third.WaitAsync(TimeSpan.FromSeconds(10), TestContext.CancellationToken))
        {
            var fourth = gate.EnterAsync(TestContext.CancellationToken);
            Assert.IsFalse(fourth.IsCompleted, "the double dispose did not free a second place");
            second.Dispose();
            (await fourth.WaitAsync(TimeSpan.FromSeconds(10), TestContext.CancellationToken)).Dispose();
        }
    }

    [TestMethod]
    public async Task TryEnterAsync_ShouldGiveUpAfterItsWait_WhenSlowReadersHoldEveryTurn()
    {
        using var gate = new ReportRenderGate(Options.Create(new ApiOptions { MaxConcurrentReports = 1 }));
        var held = await gate.TryEnterAsync(TestContext.CancellationToken);
        Assert.IsNotNull(held);

        Assert.IsNull(await gate.TryEnterAsync(TestContext.CancellationToken, TimeSpan.FromMilliseconds(50)), "no turn came free: told to come back");
        held.Dispose();
        using var next = await gate.TryEnterAsync(TestContext.CancellationToken, TimeSpan.FromMilliseconds(50));
        Assert.IsNotNull(next);
        Assert.AreEqual(1, gate.Limit);
    }

    [TestMethod]
    public async Task EnterAsync_ShouldStopWaiting_WhenTheCallerGivesUp()
    {
        using var gate = new ReportRenderGate(Options.Create(new ApiOptions { MaxConcurrentReports = 1 }));
        using var held = await gate.EnterAsync(TestContext.CancellationToken);
        using var cts = new CancellationTokenSource();

        var waiting = gate.EnterAsync(cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => waiting);
    }
}
