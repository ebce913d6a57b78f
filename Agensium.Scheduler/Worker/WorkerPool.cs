using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Agensium.Scheduler.Jobs;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// Warm worker processes of this node, like Celery's prefork pool: up to <see cref="WorkerOptions.PoolSize"/> workers
/// (by default one per slot) are kept, idle ones waiting for runs, so a job does not pay a process start (~150 ms). A worker serves at most
/// <see cref="WorkerOptions.MaxRunsPerWorker"/> runs (Celery's worker_max_tasks_per_child) and is retired early when
/// a run left it above <see cref="WorkerOptions.RecycleAboveMb"/>; one that was stopped, timed out, cancelled or
/// crashed is never reused. Idle workers exit by themselves when this node dies (their stdin ends).
/// </summary>
public sealed class WorkerPool(IOptions<WorkerOptions> options, IOptions<SchedulerOptions> scheduler, ILogger<WorkerPool> logger)
    : IHostedService, IDisposable
{
    private readonly ConcurrentStack<WorkerProcess> _idle = new();
    private int _starting;
    private int _busy;
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

    /// <summary>A worker for one run: a warm idle one when there is one, else a new one.</summary>
    public WorkerProcess Rent()
    {
        Interlocked.Increment(ref _busy);
        while (_idle.TryPop(out var worker))
        {
            if (!worker.HasExited)
            {
                return worker;
            }
            worker.Dispose();
        }
        try
        {
            return WorkerProcess.Start(StartInfo());
        }
        catch
        {
            Interlocked.Decrement(ref _busy);
            throw;
        }
    }

    /// <summary>Takes a worker back after a run; <paramref name="clean"/> is false when the run did not end by itself with a result.</summary>
    public void Return(WorkerProcess worker, bool clean)
    {
        var o = options.Value;
        var busy = Interlocked.Decrement(ref _busy);
        var keep = clean && !_stopping && !worker.HasExited
            && worker.Runs < o.MaxRunsPerWorker
            && (o.RecycleAboveMb <= 0 || worker.WorkingSetBytes() <= (long)o.RecycleAboveMb * 1024 * 1024)
            && _idle.Count + busy < Size;
        if (keep)
        {
            _idle.Push(worker);
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

    /// <summary>Starts workers in the background until the pool's busy, idle and starting workers make its size.</summary>
    private void Replenish()
    {
        var target = Size;
        while (!_stopping && _idle.Count + Volatile.Read(ref _starting) + Volatile.Read(ref _busy) < target)
        {
            Interlocked.Increment(ref _starting);
            _ = Task.Run(() =>
            {
                try
                {
                    var worker = WorkerProcess.Start(StartInfo());
                    if (_stopping || _idle.Count + Volatile.Read(ref _busy) >= target)
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
                }
            });
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

    public void Dispose() => RetireAll();

    /// <summary>No more warm workers: the idle ones are let go, busy ones are retired when they come back.</summary>
    private void RetireAll()
    {
        _stopping = true;
        while (_idle.TryPop(out var worker))
        {
            worker.Retire();
        }
    }
}
