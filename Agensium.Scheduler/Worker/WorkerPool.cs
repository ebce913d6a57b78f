using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Agensium.Scheduler.Jobs;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// Warm worker processes of this node, like Celery's prefork pool: up to <see cref="WorkerOptions.PoolSize"/> workers
/// (by default one per slot) are kept, idle ones waiting for runs, so a job does not pay a process start (~170 ms of
/// CPU, far more wall time on a busy machine). A worker serves at most <see cref="WorkerOptions.MaxRunsPerWorker"/>
/// runs (Celery's worker_max_tasks_per_child) and is retired early when a run left it above
/// <see cref="WorkerOptions.RecycleAboveMb"/>; one that was stopped, timed out, cancelled or crashed is never reused.
/// A new worker joins the pool only once it has said it is ready, and the replacement of a worker starts as soon as
/// that worker begins its last run: a job waits for a worker only when none is idle, and then takes the first one
/// that is ready or comes back, never a process still starting. Idle workers exit by themselves when this node dies
/// (their stdin ends).
/// </summary>
public sealed class WorkerPool(IOptions<WorkerOptions> options, IOptions<SchedulerOptions> scheduler, ILogger<WorkerPool> logger)
    : IHostedService, IDisposable
{
    /// <summary>How long a new worker may take to say it is ready before it is let go.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentStack<WorkerProcess> _idle = new();
    private TaskCompletionSource _changed = NewSignal();
    private int _starting;
    private int _busy;
    private int _leaving;
    private volatile bool _stopping;

    /// <summary>Idle workers now (for health and metrics).</summary>
    public int IdleCount => _idle.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (scheduler.Value.RunJobs)
        {
            Replenish();
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        RetireAll();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A worker for one run: an idle one when there is one; else, while workers are starting, the first that is ready
    /// or comes back; else (none starting: a pool of size 0, or more runs than slots) a new one.
    /// </summary>
    public async Task<WorkerProcess> RentAsync()
    {
        while (true)
        {
            // Taken before looking, so a worker that arrives in between wakes this wait.
            var changed = Volatile.Read(ref _changed).Task;
            while (_idle.TryPop(out var worker))
            {
                if (!worker.HasExited)
                {
                    return Handed(worker);
                }
                // Died while idle (killed, out of memory): its place is filled in the background, or the pool would
                // stay short and later runs pay a cold start.
                worker.Dispose();
                Replenish();
            }
            if (_stopping || Volatile.Read(ref _starting) == 0)
            {
                return Handed(WorkerProcess.Start(StartInfo()));
            }
            // A starting worker either becomes ready or fails within ReadyTimeout, and signals either way.
            await changed;
        }
    }

    /// <summary>Takes a worker back after a run; <paramref name="clean"/> is false when the run did not end by itself with a result.</summary>
    public void Return(WorkerProcess worker, bool clean)
    {
        var o = options.Value;
        Interlocked.Decrement(ref _busy);
        if (worker.Leaving)
        {
            Interlocked.Decrement(ref _leaving);
        }
        var keep = clean && !_stopping && !worker.Leaving && !worker.HasExited
            && worker.Runs < o.MaxRunsPerWorker
            && (o.RecycleAboveMb <= 0 || worker.WorkingSetBytes() <= (long)o.RecycleAboveMb * 1024 * 1024)
            && _idle.Count + StayingBusy < Size;
        if (keep)
        {
            _idle.Push(worker);
            Signal();
            return;
        }
        if (!clean)
        {
            worker.Kill();
            worker.Dispose();
        }
        else
        {
            worker.Retire();
        }
        Replenish();
    }

    private int Size => options.Value.PoolSize ?? scheduler.Value.Concurrency;

    /// <summary>Busy workers that will come back to the pool (not on their last run).</summary>
    private int StayingBusy => Volatile.Read(ref _busy) - Volatile.Read(ref _leaving);

    /// <summary>Counts a worker as busy; when this run will be its last, its replacement starts now, while it runs.</summary>
    private WorkerProcess Handed(WorkerProcess worker)
    {
        Interlocked.Increment(ref _busy);
        if (worker.Runs + 1 >= options.Value.MaxRunsPerWorker)
        {
            worker.Leaving = true;
            Interlocked.Increment(ref _leaving);
            Replenish();
        }
        return worker;
    }

    /// <summary>
    /// Starts workers in the background until idle, starting and staying busy workers (busy ones not on their last
    /// run) make the pool's size.
    /// </summary>
    private void Replenish()
    {
        while (!_stopping && _idle.Count + Volatile.Read(ref _starting) + StayingBusy < Size)
        {
            Interlocked.Increment(ref _starting);
            _ = Task.Run(StartOneAsync);
        }
    }

    private async Task StartOneAsync()
    {
        try
        {
            var worker = WorkerProcess.Start(StartInfo());
            if (!await worker.WaitReadyAsync(ReadyTimeout))
            {
                logger.LogWarning("A new worker process (pid {Pid}) did not become ready within {Timeout}: {Stderr}",
                    worker.Id, ReadyTimeout, worker.Stderr.Text(1000));
                worker.Kill();
                worker.Dispose();
            }
            else if (_stopping || _idle.Count + StayingBusy >= Size)
            {
                worker.Retire();
            }
            else
            {
                _idle.Push(worker);
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            logger.LogWarning(e, "Could not start a warm worker process");
        }
        finally
        {
            Interlocked.Decrement(ref _starting);
            Signal();
        }
    }

    /// <summary>Calls before a worker's method is recompiled with full optimisation (the runtime's default is 30).</summary>
    public const string WorkerCallCountThreshold = "1000";

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes every run waiting for a worker (one arrived, or a start ended).</summary>
    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private ProcessStartInfo StartInfo()
    {
        // The service's own apphost (Agensium.Scheduler[.exe]) starts directly; under `dotnet Agensium.Scheduler.dll`
        // (systemd) or any other host (a test runner) the worker is the service's assembly run by dotnet.
        var service = typeof(WorkerHost).Assembly;
        var path = Environment.ProcessPath;
        var apphost = path is not null && Path.GetFileNameWithoutExtension(path).Equals(service.GetName().Name, StringComparison.OrdinalIgnoreCase);
        var dotnet = path is not null && Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? path : "dotnet";
        var info = new ProcessStartInfo(apphost ? path! : dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!apphost)
        {
            info.ArgumentList.Add(service.Location);
        }
        info.ArgumentList.Add(WorkerHost.Command);
        info.Environment["DOTNET_gcServer"] = "0";
        // A worker lives for MaxRunsPerWorker runs. .NET recompiles a method with full optimisation after its 30th call,
        // which for a worker serving many small runs is compile work it rarely earns back (measured: 410 ms of CPU over
        // 50 no-op runs, 60 ms with 1000). Analysis code is still optimised: its per-row methods pass 1000 calls within
        // the first rows, and long loops are promoted on their own (OSR). An operator's own setting wins.
        info.Environment.TryAdd("DOTNET_TC_CallCountThreshold", WorkerCallCountThreshold);
        if (options.Value.MemoryLimitMb > 0)
        {
            info.Environment["DOTNET_GCHeapHardLimit"] = ((long)options.Value.MemoryLimitMb * 1024 * 1024).ToString("x", CultureInfo.InvariantCulture);
            // Which setting bounded the heap, for an OUT_OF_MEMORY message (a limit the node inherited is not this one).
            info.Environment[WorkerHost.MemoryLimitVariable] = options.Value.MemoryLimitMb.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            info.Environment.Remove(WorkerHost.MemoryLimitVariable);
        }
        return info;
    }

    public void Dispose() => RetireAll();

    /// <summary>No more warm workers: the idle ones are let go, busy ones are retired when they come back.</summary>
    private void RetireAll()
    {
        _stopping = true;
        while (_idle.TryPop(out var worker))
        {
            worker.Retire();
        }
        Signal();
    }
}
