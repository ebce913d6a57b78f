using System.ComponentModel.DataAnnotations;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// Each analysis runs in a fresh child process (Celery's prefork pool with max_tasks_per_child=1): its memory goes
/// back to the OS when it ends, a crash takes down only that task, and the hard time limit can really stop it.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Soft limit (seed: task_soft_time_limit 1500 s): the analysis is asked to stop and the task fails with TIMEOUT.</summary>
    public TimeSpan SoftTimeLimit { get; set; } = TimeSpan.FromSeconds(1500);

    /// <summary>Hard limit (seed: task_time_limit 1800 s): the worker process is killed.</summary>
    public TimeSpan HardTimeLimit { get; set; } = TimeSpan.FromSeconds(1800);

    /// <summary>Per-tool limits, e.g. Worker:Tools:master-my-data:SoftTimeLimit.</summary>
    public Dictionary<string, ToolLimits> Tools { get; set; } = new(StringComparer.Ordinal);

    /// <summary>After a cancel request, how long the worker may take to stop by itself before it is killed.</summary>
    public TimeSpan CancelGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a running job re-reads its task row to notice a cancel from any node.</summary>
    public TimeSpan CancelPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Heap limit of a worker process in MiB (DOTNET_GCHeapHardLimit); 0 = no limit.</summary>
    [Range(0, 1_048_576)] public int MemoryLimitMb { get; set; }

    /// <summary>Enables the x-fault-injection tool (spin, crash, sleep, transient failures) for tests and drills. Off in production.</summary>
    public bool EnableFaultInjection { get; set; }

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
