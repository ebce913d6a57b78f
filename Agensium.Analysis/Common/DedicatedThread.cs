namespace Agensium.Analysis.Common;

/// <summary>
/// Starts work that blocks for long (a tool's whole run, a parser or profile thread feeding another through a bounded
/// queue) on a thread of its own instead of the thread pool. On a 2-core machine the pool starts with two threads: a
/// tool's run, its parser and its profile thread queued there as three blocking items left the third waiting for the
/// pool's starvation check to add a thread, ~0.7 s with no CPU used at the start of clean-my-data (docs/benchmarks.md),
/// and left no pool thread for the <c>Parallel.For</c> work the agents hand out.
/// </summary>
internal static class DedicatedThread
{
    private const TaskCreationOptions Options = TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach;

    /// <summary>Runs <paramref name="work"/> on a new thread; a token already cancelled gives a cancelled task, as <see cref="Task.Run(Action, CancellationToken)"/> does.</summary>
    public static Task Run(Action work, CancellationToken ct) => Task.Factory.StartNew(work, ct, Options, TaskScheduler.Default);

    /// <summary>Runs <paramref name="work"/> on a new thread and gives its result.</summary>
    public static Task<T> Run<T>(Func<T> work, CancellationToken ct) => Task.Factory.StartNew(work, ct, Options, TaskScheduler.Default);
}
