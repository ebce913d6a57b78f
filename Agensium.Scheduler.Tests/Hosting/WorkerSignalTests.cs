using System.Diagnostics;

namespace Agensium.Scheduler.Tests.Hosting;

/// <summary>
/// A pooled worker outlives a SIGTERM or SIGINT sent to its process group (systemd's default KillMode, Ctrl-C), so a
/// stopping node can still give its running job the shutdown grace; it ends when its parent closes its stdin.
/// </summary>
[TestClass]
public sealed class WorkerSignalTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("TERM")]
    [DataRow("INT")]
    public async Task Worker_ShouldKeepRunningOnASignal_AndExitWhenItsParentClosesStdin(string signal)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Agensium.Scheduler.dll"), "worker"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var worker = Process.Start(info)!;
        try
        {
            // The worker says it is ready once its runtime is up and its signal handlers are registered.
            using (var start = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken))
            {
                start.CancelAfter(TimeSpan.FromSeconds(60));
                StringAssert.Contains(await worker.StandardOutput.ReadLineAsync(start.Token), "\"type\":\"ready\"");
            }
            using (var kill = Process.Start("kill", [$"-{signal}", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                await kill.WaitForExitAsync(TestContext.CancellationToken);
            }

            using var grace = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
            grace.CancelAfter(TimeSpan.FromSeconds(2));
            await Assert.ThrowsAsync<OperationCanceledException>(() => worker.WaitForExitAsync(grace.Token), $"the worker died on SIG{signal}");

            worker.StandardInput.Close();
            using var exit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
            exit.CancelAfter(TimeSpan.FromSeconds(30));
            await worker.WaitForExitAsync(exit.Token);
        }
        finally
        {
            if (!worker.HasExited)
            {
                worker.Kill();
            }
        }
    }
}
