using System.Diagnostics;
using System.Text.Json;
using Agensium.Analysis;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// One worker child process as the parent sees it: the request/cancel lines it is sent, the progress and result
/// lines it answers, its stderr tail, and how many runs it has served. Retiring it closes its stdin, which makes
/// it exit; killing it takes its whole process tree.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    /// <summary>The worker's process id.</summary>
    public int Id { get; private set; }

    /// <summary>What the worker wrote on stderr during its current run (a crash explains itself with it).</summary>
    public StderrCapture Stderr { get; } = new();

    /// <summary>Runs this worker has started.</summary>
    public int Runs { get; private set; }

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    public int? ExitCode => HasExited ? _process.ExitCode : null;

    public static WorkerProcess Start(ProcessStartInfo info)
    {
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                worker.Stderr.Add(e.Data);
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        worker.Id = process.Id;
        return worker;
    }

    /// <summary>True once the worker has said it is ready (its start-up is behind it).</summary>
    public bool IsReady { get; private set; }

    /// <summary>True while the worker serves its last run: it will not come back to the pool, its replacement is on its way.</summary>
    public bool Leaving { get; set; }

    /// <summary>
    /// Waits for the worker's "ready" line; false when the worker ended first or <paramref name="timeout"/> passed
    /// (the caller lets it go). Only for a worker that has not been handed a run yet.
    /// </summary>
    public async Task<bool> WaitReadyAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                if (TryParse(line)?.Type == WorkerMessage.ReadyType)
                {
                    IsReady = true;
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
        }
        return false;
    }

    /// <summary>Hands the worker one run. Throws <see cref="IOException"/> when the worker is already gone.</summary>
    public async Task SendRequestAsync(WorkerRequest request)
    {
        Runs++;
        Stderr.Restart();
        await SendLineAsync(JsonSerializer.Serialize(request, WorkerJson.Options));
    }

    /// <summary>Asks the current run to stop (cooperatively); nothing when the worker is gone.</summary>
    public async Task AskToStopAsync()
    {
        try
        {
            await SendLineAsync(WorkerJson.CancelCommand);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// Relays progress lines until the run's result line; null when the worker's stdout ends first (it died). The
    /// ready line of a worker started for this very run (none was ready) is passed over.
    /// </summary>
    public async Task<WorkerMessage?> ReadResultAsync(IProgress<AnalysisProgress> progress)
    {
        while (await _process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
        {
            var message = TryParse(line);
            if (message?.Type == WorkerMessage.ProgressType)
            {
                progress.Report(new AnalysisProgress(message.Progress, message.CurrentAgent));
            }
            else if (message?.Type == WorkerMessage.ResultType)
            {
                return message;
            }
        }
        return null;
    }

    public Task WaitForExitAsync(TimeSpan timeout) =>
        _process.WaitForExitAsync(CancellationToken.None).WaitAsync(timeout).ContinueWith(_ => { }, TaskScheduler.Default);

    /// <summary>Resident memory of the worker now, in bytes (0 when it is gone).</summary>
    /// <remarks>
    /// On Linux this reads /proc/PID/statm (one short line): Process.WorkingSet64 re-reads the whole process record
    /// there, every thread's included, which was 2 % of a busy node's CPU when asked after every run.
    /// </remarks>
    public long WorkingSetBytes()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                var statm = File.ReadAllText($"/proc/{_process.Id}/statm");
                var fields = statm.Split(' ', 3);
                return fields.Length > 1 && long.TryParse(fields[1], out var pages) ? pages * Environment.SystemPageSize : 0;
            }
            _process.Refresh();
            return _process.WorkingSet64;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    /// <summary>Lets the worker go: the end of its stdin makes it exit by itself.</summary>
    public void Retire()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            Kill();
        }
        Dispose();
    }

    public void Dispose() => _process.Dispose();

    private async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync(CancellationToken.None);
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
}
