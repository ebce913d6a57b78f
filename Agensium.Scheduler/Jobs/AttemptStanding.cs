using Agensium.Scheduler.Worker;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Whether an attempt still stands before it writes to its task's outputs. It must be known, not assumed: a node cut
/// off from PostgreSQL but not from S3 for longer than the check-in threshold has been taken over, and uploading then
/// replaced the outputs of the attempt that took over (and removed its cleaned file as stale; found by an outside
/// probe). So while the database does not answer, the run waits for it, as the end of the attempt would; its worker is
/// done, so it holds no CPU.
/// </summary>
public static class AttemptStanding
{
    /// <summary>The first pause before asking again; each pause doubles up to <see cref="MaxWait"/>.</summary>
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(0.5);

    /// <summary>The longest pause between two questions while the database does not answer.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Null while the attempt stands and its outputs may be written; else what the run ends with: Superseded when
    /// another node took the attempt over, Abandoned when the node stops before the database could say (the attempt is
    /// then recovered elsewhere).
    /// </summary>
    /// <param name="isSuperseded">Asks the database whether the attempt's row is no longer RUNNING.</param>
    public static async Task<JobOutcome?> CheckAsync(Func<CancellationToken, Task<bool>> isSuperseded, TaskRun run, ILogger logger,
        TimeSpan firstWait, CancellationToken shutdown)
    {
        var wait = firstWait;
        while (true)
        {
            try
            {
                // Not cut short by a stop: a finished run that can still record its end uploads as it always did.
                return await isSuperseded(CancellationToken.None) ? JobOutcome.Superseded() : null;
            }
            catch (Exception e) when (ExceptionClassifier.IsTransient(e))
            {
                logger.LogWarning("Task {TaskId}: cannot tell whether attempt {Attempt} still stands ({Reason}); its outputs wait, asked again in {Wait}",
                    run.TaskId, run.Attempt, e.Message, wait);
            }
            try
            {
                await Task.Delay(wait, shutdown);
            }
            catch (OperationCanceledException)
            {
                return JobOutcome.Abandoned();
            }
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxWait.Ticks));
        }
    }
}
