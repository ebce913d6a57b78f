using System.ComponentModel.DataAnnotations;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// Each analysis runs in a worker child process from a warm pool (Celery's prefork pool): a crash takes down only
/// that run, the hard time limit can really stop it (the process is killed), and a worker is recycled after
/// <see cref="MaxRunsPerWorker"/> runs or when a run leaves it above <see cref="RecycleAboveMb"/>, so memory goes
/// back to the OS.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Soft limit (seed: task_soft_time_limit 1500 s): the analysis is asked to stop and the task fails with TIMEOUT.</summary>
    public TimeSpan SoftTimeLimit { get; set; } = TimeSpan.FromSeconds(1500);

    /// <summary>Hard limit (seed: task_time_limit 1800 s): the worker process is killed.</summary>
    public TimeSpan HardTimeLimit { get; set; } = TimeSpan.FromSeconds(1800);

    /// <summary>
    /// The longest soft or hard limit. A run's limits arm .NET timers, which refuse more than ~49 days: a bare
    /// <c>1800</c> (read as 1800 days, not seconds as in the seed's Celery settings) was accepted at start and then
    /// failed every analysis with INTERNAL_ERROR. A week is far above any analysis and far below that ceiling.
    /// </summary>
    public static readonly TimeSpan MaxTimeLimit = TimeSpan.FromDays(7);

    /// <summary>Every soft and hard limit the settings give, the per-tool ones included.</summary>
    public static IEnumerable<TimeSpan> AllLimits(WorkerOptions o) => NamedLimits(o).Select(l => l.Value);

    /// <summary>Every soft and hard limit the settings give with the setting that gives it ("Worker:Tools:clean-my-data:SoftTimeLimit").</summary>
    public static IEnumerable<(string Setting, TimeSpan Value)> NamedLimits(WorkerOptions o)
    {
        yield return ($"{Section}:{nameof(SoftTimeLimit)}", o.SoftTimeLimit);
        yield return ($"{Section}:{nameof(HardTimeLimit)}", o.HardTimeLimit);
        foreach (var (tool, limits) in o.Tools)
        {
            if (limits.SoftTimeLimit is { } soft)
            {
                yield return ($"{Section}:{nameof(Tools)}:{tool}:{nameof(ToolLimits.SoftTimeLimit)}", soft);
            }
            if (limits.HardTimeLimit is { } hard)
            {
                yield return ($"{Section}:{nameof(Tools)}:{tool}:{nameof(ToolLimits.HardTimeLimit)}", hard);
            }
        }
    }

    /// <summary>Per-tool limits, e.g. Worker:Tools:master-my-data:SoftTimeLimit.</summary>
    public Dictionary<string, ToolLimits> Tools { get; set; } = new(StringComparer.Ordinal);

    /// <summary>After a cancel request, how long the worker may take to stop by itself before it is killed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CancelGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a running job re-reads its task row to notice a cancel from any node.</summary>
    [Range(typeof(TimeSpan), "00:00:00.05", "00:10:00")]
    public TimeSpan CancelPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Heap limit of a worker process in MiB (DOTNET_GCHeapHardLimit); 0 = no limit.</summary>
    [Range(0, 1_048_576)] public int MemoryLimitMb { get; set; }

    /// <summary>Warm worker processes per node, busy or idle (default: Scheduler:Concurrency; 0: a worker is started for each run).</summary>
    [Range(0, 256)] public int? PoolSize { get; set; }

    /// <summary>
    /// Runs a worker serves before it is replaced (seed: worker_max_tasks_per_child 50; 1 = a fresh process per run).
    /// The default is 1000, not the seed's 50: Celery's child restarts by fork() at next to no cost, a .NET worker pays
    /// ~150 ms of CPU to start, which at 50 runs was ~40 % of the CPU samples of a busy node and its workers (docs/benchmarks.md);
    /// <see cref="RecycleAboveMb"/> is the guard against a worker whose memory grows.
    /// </summary>
    [Range(1, 1_000_000)] public int MaxRunsPerWorker { get; set; } = 1000;

    /// <summary>A worker whose resident memory is above this after a run is replaced rather than reused (MiB; 0 = never).</summary>
    [Range(0, 1_048_576)] public int RecycleAboveMb { get; set; } = 512;

    /// <summary>Enables the x-fault-injection tool (spin, crash, sleep, transient failures) for tests and drills. Off in production.</summary>
    public bool EnableFaultInjection { get; set; }

    /// <summary>Enables the x-noop tool (no input, does nothing) used by scripts/bench-scheduler.sh. Off in production.</summary>
    public bool EnableBenchmarkTools { get; set; }

    public (TimeSpan Soft, TimeSpan Hard) LimitsFor(string toolId)
    {
        var soft = SoftTimeLimit;
        var hard = HardTimeLimit;
        if (Tools.TryGetValue(toolId, out var t))
        {
            soft = t.SoftTimeLimit ?? soft;
            hard = t.HardTimeLimit ?? hard;
        }
        return (soft, hard);
    }
}

public sealed class ToolLimits
{
    public TimeSpan? SoftTimeLimit { get; set; }
    public TimeSpan? HardTimeLimit { get; set; }
}
