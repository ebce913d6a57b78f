namespace Agensium.Scheduler.Worker;

public enum WorkerEnd
{
    /// <summary>The tool finished and reported success.</summary>
    Completed,
    /// <summary>The tool reported a failure (see the result's error code).</summary>
    Failed,
    /// <summary>The soft or hard time limit ended the run.</summary>
    TimedOut,
    /// <summary>The task was cancelled while it ran.</summary>
    Cancelled,
    /// <summary>The node is shutting down; the run is left for another node.</summary>
    Abandoned,
    /// <summary>The worker process died without a result (crash, stack overflow, native fault, killed).</summary>
    Crashed,
}

/// <summary>How a worker process ended.</summary>
public sealed record WorkerOutcome(WorkerEnd End, WorkerMessage? Result, int? ExitCode, string? Detail);

/// <summary>Time limits of one run.</summary>
public sealed record WorkerLimits(TimeSpan Soft, TimeSpan Hard, TimeSpan CancelGrace);
