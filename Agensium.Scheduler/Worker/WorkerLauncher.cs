using System.Globalization;
using Agensium.Analysis;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// The parent side of one run: takes a worker from the <see cref="WorkerPool"/> and supervises it. The soft limit,
/// a cancel or a shutdown first asks the worker to stop ("cancel" on its stdin); the hard limit, or a worker that
/// does not stop within the grace, is killed with its whole process tree, so the slot and the CPU really come back.
/// Only a worker whose run ended by itself with a result goes back to the pool.
/// </summary>
public sealed class WorkerLauncher(WorkerPool pool)
{
    public async Task<WorkerOutcome> RunAsync(WorkerRequest request, WorkerLimits limits, IProgress<AnalysisProgress> progress,
        CancellationToken cancelRequested, CancellationToken shutdown)
    {
        var worker = await pool.RentAsync();
        if (!await TrySendAsync(worker, request))
        {
            // A warm worker that died while idle: one fresh try before the run counts as crashed.
            pool.Return(worker, clean: false);
            worker = await pool.RentAsync();
            await TrySendAsync(worker, request);
        }

        var reading = worker.ReadResultAsync(progress);
        var reason = await SuperviseAsync(worker, reading, limits, cancelRequested, shutdown);
        var result = await reading;
        if (result is null)
        {
            await worker.WaitForExitAsync(TimeSpan.FromSeconds(5));
        }
        var exitCode = worker.ExitCode;
        var detail = result is null
            ? string.Create(CultureInfo.InvariantCulture,
                $"The worker process ended without a result (exit code {exitCode}{SignalName(exitCode)}). {worker.Stderr.Text(1000)}").Trim()
            : null;
        // A run that ran out of memory or failed unexpectedly may have left the process in a bad state: not reused.
        pool.Return(worker, clean: result is not null && reason is null && result.ErrorCode is not ("OUT_OF_MEMORY" or "INTERNAL_ERROR"));

        if (result is { Succeeded: true })
        {
            return new WorkerOutcome(WorkerEnd.Completed, result, exitCode, null);
        }
        if (reason is { } r)
        {
            return new WorkerOutcome(r, result, exitCode, null);
        }
        if (result is not null)
        {
            return new WorkerOutcome(WorkerEnd.Failed, result, exitCode, null);
        }
        return new WorkerOutcome(WorkerEnd.Crashed, null, exitCode, detail);
    }

    private static async Task<bool> TrySendAsync(WorkerProcess worker, WorkerRequest request)
    {
        try
        {
            await worker.SendRequestAsync(request);
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // The worker is gone; its exit code tells why.
            return false;
        }
    }

    /// <summary>Waits for the run's result (or the worker's death), stepping in on limits, cancel and shutdown; returns why it was stopped, if it was.</summary>
    private static async Task<WorkerEnd?> SuperviseAsync(WorkerProcess worker, Task<WorkerMessage?> reading, WorkerLimits limits,
        CancellationToken cancelRequested, CancellationToken shutdown)
    {
        var never = Task.Delay(Timeout.Infinite, CancellationToken.None);
        var soft = Task.Delay(limits.Soft, CancellationToken.None);
        var hard = Task.Delay(limits.Hard, CancellationToken.None);
        var cancel = WhenCancelled(cancelRequested);
        var stop = WhenCancelled(shutdown);
        var grace = never;
        WorkerEnd? reason = null;

        while (!reading.IsCompleted)
        {
            var done = await Task.WhenAny(reading, soft, hard, cancel, stop, grace);
            if (done == soft)
            {
                reason ??= WorkerEnd.TimedOut;
                soft = never;
                await worker.AskToStopAsync();
            }
            else if (done == cancel || done == stop)
            {
                reason ??= done == cancel ? WorkerEnd.Cancelled : WorkerEnd.Abandoned;
                (cancel, stop) = (done == cancel ? never : cancel, done == stop ? never : stop);
                if (grace == never)
                {
                    grace = Task.Delay(limits.CancelGrace, CancellationToken.None);
                }
                await worker.AskToStopAsync();
            }
            else if (done == hard || done == grace)
            {
                reason ??= WorkerEnd.TimedOut;
                worker.Kill();
                hard = grace = never;
            }
        }
        return reason;
    }

    private static Task WhenCancelled(CancellationToken token) =>
        token.CanBeCanceled ? Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default) : Task.Delay(Timeout.Infinite, CancellationToken.None);

    private static string SignalName(int? exitCode) => exitCode switch
    {
        134 => ", SIGABRT: abort or stack overflow",
        137 => ", SIGKILL",
        139 => ", SIGSEGV: native fault",
        _ => "",
    };
}
