using System.Diagnostics;

namespace Agensium.Chaos;

/// <summary>How a service node is stopped, by the chaos runner and by the test fixtures alike: SIGTERM, as systemd or
/// the service manager sends it, then a wait for the exit (the node's shutdown grace), SIGKILL of its process tree
/// after the timeout.</summary>
public static class GracefulStop
{
    public static async Task StopAsync(Process process, TimeSpan timeout)
    {
        if (process.HasExited)
        {
            return;
        }
        Posix.Signal(process.Id, Posix.SigTerm);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
