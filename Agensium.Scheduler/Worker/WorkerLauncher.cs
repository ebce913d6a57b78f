using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Agensium.Analysis;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// The parent side: starts one worker process for one run and supervises it. The soft limit, a cancel or a
/// shutdown first asks the worker to stop ("cancel" on its stdin); the hard limit, or a worker that does not
/// stop within the grace, is killed with its whole process tree, so the slot and the CPU really come back.
/// </summary>
public sealed class WorkerLauncher(IOptions<WorkerOptions> options)
{
    public async Task<WorkerOutcome> RunAsync(WorkerRequest request, WorkerLimits limits, IProgress<AnalysisProgress> progress,
        CancellationToken cancelRequested, CancellationToken shutdown)
    {
        using var process = new Process { StartInfo = StartInfo(), EnableRaisingEvents = true };
        var stderr = new TailBuffer(40);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { stderr.Add(e.Data); } };
        process.Start();
        process.BeginErrorReadLine();

        WorkerMessage? result = null;
        var reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
            {
                var message = TryParse(line);
                if (message?.Type == WorkerMessage.ProgressType)
                {
                    progress.Report(new AnalysisProgress(message.Progress, message.CurrentAgent));
                }
                else if (message?.Type == WorkerMessage.ResultType)
                {
                    result = message;
                }
            }
        }, CancellationToken.None);

        try
        {
            await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request, WorkerJson.Options));
            await process.StandardInput.FlushAsync(CancellationToken.None);
        }
        catch (IOException)
        {
            // The worker died before reading its request; its exit code tells why.
        }

        var reason = await SuperviseAsync(process, limits, cancelRequested, shutdown);
        await reader.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var exitCode = process.HasExited ? process.ExitCode : (int?)null;

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
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"The worker process ended without a result (exit code {exitCode}{SignalName(exitCode)}). {stderr.Text(1000)}");
        return new WorkerOutcome(WorkerEnd.Crashed, null, exitCode, detail.Trim());
    }

    /// <summary>Waits for the worker to exit, stepping in on limits, cancel and shutdown; returns why it was stopped, if it was.</summary>
    private static async Task<WorkerEnd?> SuperviseAsync(Process process, WorkerLimits limits, CancellationToken cancelRequested, CancellationToken shutdown)
    {
        var exited = process.WaitForExitAsync(CancellationToken.None);
        var never = Task.Delay(Timeout.Infinite, CancellationToken.None);
        var soft = Task.Delay(limits.Soft, CancellationToken.None);
        var hard = Task.Delay(limits.Hard, CancellationToken.None);
        var cancel = WhenCancelled(cancelRequested);
        var stop = WhenCancelled(shutdown);
        var grace = never;
        WorkerEnd? reason = null;

        while (!exited.IsCompleted)
        {
            var done = await Task.WhenAny(exited, soft, hard, cancel, stop, grace);
            if (done == soft)
            {
                reason ??= WorkerEnd.TimedOut;
                soft = never;
                await AskToStopAsync(process);
            }
            else if (done == cancel || done == stop)
            {
                reason ??= done == cancel ? WorkerEnd.Cancelled : WorkerEnd.Abandoned;
                (cancel, stop) = (done == cancel ? never : cancel, done == stop ? never : stop);
                if (grace == never)
                {
                    grace = Task.Delay(limits.CancelGrace, CancellationToken.None);
                }
                await AskToStopAsync(process);
            }
            else if (done == hard || done == grace)
            {
                reason ??= WorkerEnd.TimedOut;
                Kill(process);
                hard = grace = never;
            }
        }
        return reason;
    }

    private static Task WhenCancelled(CancellationToken token) =>
        token.CanBeCanceled ? Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default) : Task.Delay(Timeout.Infinite, CancellationToken.None);

    private static async Task AskToStopAsync(Process process)
    {
        try
        {
            await process.StandardInput.WriteLineAsync(WorkerJson.CancelCommand);
            await process.StandardInput.FlushAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    private ProcessStartInfo StartInfo()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(typeof(WorkerHost).Assembly.Location);
        }
        info.ArgumentList.Add(WorkerHost.Command);
        info.Environment["DOTNET_gcServer"] = "0";
        if (options.Value.MemoryLimitMb > 0)
        {
            info.Environment["DOTNET_GCHeapHardLimit"] = ((long)options.Value.MemoryLimitMb * 1024 * 1024).ToString("x", CultureInfo.InvariantCulture);
        }
        return info;
    }

    private static WorkerMessage? TryParse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<WorkerMessage>(line, WorkerJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string SignalName(int? exitCode) => exitCode switch
    {
        134 => ", SIGABRT: abort or stack overflow",
        137 => ", SIGKILL",
        139 => ", SIGSEGV: native fault",
        _ => "",
    };
}
