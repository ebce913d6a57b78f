using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Agensium.Analysis;
using Agensium.Analysis.Input;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;
using Agensium.Scheduler.Worker;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Runs one tool for one task: inputs from S3 into a private work folder, the tool in a pooled worker process under
/// the time limits, outputs back to S3. Outputs are overwritten by key, so a re-run after a crash replaces rather
/// than duplicates them; a cancelled run uploads none, and the removal of what earlier attempts left is recorded with
/// its end.
/// </summary>
public sealed class AnalysisRunner(
    ToolRegistry tools,
    IObjectStore store,
    TaskStore tasks,
    TaskInputSlots registered,
    JobHistoryRecorder history,
    WorkerLauncher launcher,
    NodeWorkFolder folder,
    IOptions<WorkerOptions> worker,
    TimeProvider clock,
    ILogger<AnalysisRunner> logger)
{
    public const string TimeoutMessage = "Task exceeded time limit";

    public async Task<JobOutcome> RunAsync(TaskRun run, IProgress<AnalysisProgress> progress, CancellationToken shutdown)
    {
        if (!tools.IsKnown(run.ToolId))
        {
            return JobOutcome.Failed(ErrorCodes.UnknownTool, $"Unknown tool: {run.ToolId}");
        }
        if (!tools.TryGet(run.ToolId, out _))
        {
            return JobOutcome.Failed(ErrorCodes.ToolNotImplemented, $"Tool {run.ToolId} is not available in this version of Agensium.Scheduler");
        }

        var work = RunFolder.At(folder.ForRun(run.FireInstanceId));
        try
        {
            // Marked as the node's own disk (LocalWrite), as the downloads' files are: a work folder that cannot be
            // written (read-only, refused, removed) ends the run STORAGE_ERROR, final (RunFailure). Its EROFS, a plain
            // IOException, read as a broken connection and was retried; a refusal was INTERNAL_ERROR (s44 review).
            work.Create();
            var inputsDir = work.Inputs;
            var outputsDir = work.Outputs;
            var needsInputs = ToolRegistry.RequiresInputs(run.ToolId);
            var inputs = needsInputs ? await DownloadInputsAsync(run, inputsDir, shutdown) : [];
            if (needsInputs && !inputs.Any(i => !string.Equals(i.Name, "parameters.json", StringComparison.OrdinalIgnoreCase)))
            {
                return JobOutcome.Failed(ErrorCodes.NoInputFiles, "No input files were uploaded for this task");
            }

            // The worker stamps its outputs ({base}_cleaned_{yyyyMMdd_HHmmss}.csv, report timestamps) on the cluster's
            // clock, PostgreSQL's, as every other time of the service: a node whose own clock is off names them right.
            var offset = clock.GetUtcNow() - TimeProvider.System.GetUtcNow();
            var request = new WorkerRequest(run.TaskId, run.ToolId, run.Agents, inputs, outputsDir, run.Attempt,
                worker.Value.EnableFaultInjection, worker.Value.EnableBenchmarkTools, (long)offset.TotalMilliseconds);
            var (soft, hard) = worker.Value.LimitsFor(run.ToolId);
            using var cancelled = new CancellationTokenSource();
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
            var superseded = new StrongBox<bool>();
            var watcher = WatchForCancelAsync(run, cancelled, superseded, watching.Token);
            WorkerOutcome outcome;
            try
            {
                outcome = await launcher.RunAsync(request, new WorkerLimits(soft, hard, worker.Value.CancelGrace), progress, cancelled.Token, shutdown);
            }
            finally
            {
                await watching.CancelAsync();
                await watcher;
            }
            if (superseded.Value)
            {
                // Never upload over (or delete) what the attempt that took over writes.
                return JobOutcome.Superseded();
            }
            return await FinishAsync(run, outcome, (soft, hard), shutdown);
        }
        finally
        {
            work.Remove(); // never throws: a job never fails over its scratch folder
        }
    }

    /// <summary>
    /// The seed's "Task exceeded time limit", with which limit and how long it is: a worker that answered after the soft
    /// limit asked it to stop was stopped there; one without an answer was killed at the hard limit.
    /// </summary>
    public static string TimeoutDetail(string toolId, WorkerOutcome outcome, (TimeSpan Soft, TimeSpan Hard) limits) =>
        outcome.Result is null
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{TimeoutMessage} (the hard limit of {limits.Hard.TotalSeconds:0.#} s for {toolId}: its worker process was killed)")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{TimeoutMessage} (the soft limit of {limits.Soft.TotalSeconds:0.#} s for {toolId}: the run was stopped)");

    private async Task<JobOutcome> FinishAsync(TaskRun run, WorkerOutcome outcome, (TimeSpan Soft, TimeSpan Hard) limits, CancellationToken shutdown)
    {
        switch (outcome.End)
        {
            case WorkerEnd.Completed:
                var uploaded = new JsonArray();
                var written = new HashSet<string>(StringComparer.Ordinal);
                // Each write to the task's outputs (a file, then the removal of stale ones) first makes sure the attempt
                // still stands: a run with nothing to upload has nothing to write over (the end of the attempt checks
                // again in the transaction that records it).
                foreach (var output in outcome.Result?.Outputs ?? [])
                {
                    if (await StandingAsync(run, shutdown) is { } stop)
                    {
                        return stop;
                    }
                    var key = TaskPaths.Output(run.UserId, run.TaskId, output.Name);
                    await store.PutFileAsync(key, output.Path, output.ContentType ?? "application/octet-stream", CancellationToken.None);
                    uploaded.Add(key);
                    written.Add(key);
                }
                if (written.Count > 0 || run.Attempt > 1)
                {
                    if (await StandingAsync(run, shutdown) is { } stop)
                    {
                        return stop;
                    }
                    await RemoveStaleOutputsAsync(run, written);
                }
                return JobOutcome.Completed(new JsonObject { ["status"] = "success", ["task_id"] = run.TaskId, ["outputs"] = uploaded });
            case WorkerEnd.Cancelled:
                // No S3 call here: whatever an earlier attempt left under the outputs is removed through s3_removals,
                // recorded with the run's end (TaskLifecycle.EndAsync). Deleting it here let an S3 failure turn the
                // cancelled run into a crash (FAILED INTERNAL_ERROR in the log) and left nothing on record to retry it.
                return JobOutcome.Cancelled();
            case WorkerEnd.Abandoned:
                return JobOutcome.Abandoned();
            case WorkerEnd.TimedOut:
                return JobOutcome.Failed(ErrorCodes.Timeout, TimeoutDetail(run.ToolId, outcome, limits));
            case WorkerEnd.Crashed:
                return JobOutcome.Failed(ErrorCodes.WorkerCrashed, outcome.Detail ?? "The worker process crashed");
            default:
                var r = outcome.Result!;
                return JobOutcome.Failed(r.ErrorCode ?? ErrorCodes.ProcessingError, r.ErrorMessage ?? "The analysis failed", transient: r.Transient);
        }
    }

    /// <summary>
    /// An earlier attempt killed during its upload (or a failed run before a retry) can leave files this attempt did
    /// not write, e.g. a cleaned CSV whose name carries another timestamp. Once this attempt's outputs are all stored,
    /// anything else under the task's outputs prefix is removed, so a COMPLETED task lists exactly what its run wrote.
    /// A first attempt that wrote nothing (the benchmarks' no-op tool) spares S3 the listing: no earlier attempt ran.
    /// </summary>
    private async Task RemoveStaleOutputsAsync(TaskRun run, HashSet<string> written)
    {
        foreach (var stored in await store.ListAsync(TaskPaths.OutputsPrefix(run.UserId, run.TaskId), CancellationToken.None))
        {
            if (!written.Contains(stored.Key))
            {
                await store.DeleteAsync(stored.Key, CancellationToken.None);
            }
        }
    }

    private Task<JobOutcome?> StandingAsync(TaskRun run, CancellationToken shutdown) =>
        AttemptStanding.CheckAsync(ct => NoLongerStandsAsync(run, ct), run, logger, AttemptStanding.FirstWait, shutdown);

    /// <summary>
    /// True when the attempt's row was closed (another node took it over, the stale-task sweep failed it) or its task
    /// left PROCESSING by another hand (cancelled, deleted, failed): the run's outputs are not the task's any more. The
    /// end of the attempt reads which (<see cref="TaskLifecycle.EndAsync"/>); it used to upload under a FAILED task.
    /// </summary>
    private async Task<bool> NoLongerStandsAsync(TaskRun run, CancellationToken ct) =>
        await history.IsSupersededAsync(run.FireInstanceId, ct)
        || await tasks.FindAsync(run.TaskId, ct) is not { Status: TaskStatuses.Processing };

    /// <summary>
    /// A cancel can come through any node's API; the task row is the one place every node sees it. The attempt's own
    /// row tells whether another node took the attempt over (this node was frozen or cut off for longer than the
    /// check-in threshold), or the stale-task sweep closed it; a task that left PROCESSING otherwise was moved by
    /// another hand: then the run is stopped too, and its result discarded.
    /// </summary>
    private async Task WatchForCancelAsync(TaskRun run, CancellationTokenSource cancel, StrongBox<bool> superseded, CancellationToken stop)
    {
        try
        {
            using var timer = new PeriodicTimer(worker.Value.CancelPollInterval);
            while (await timer.WaitForNextTickAsync(stop))
            {
                var task = await tasks.FindAsync(run.TaskId, stop);
                if (task is null || task.Status == TaskStatuses.Cancelled)
                {
                    await cancel.CancelAsync();
                    return;
                }
                // Failed by another hand (the stale-task sweep, an operator's SQL) or its attempt closed: the run
                // stops as one taken over does; its end records it as the task now stands.
                if (task.Status != TaskStatuses.Processing || await history.IsSupersededAsync(run.FireInstanceId, stop))
                {
                    superseded.Value = true;
                    await cancel.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (ExceptionClassifier.IsTransient(e))
        {
            // The database is unreachable: the run goes on; its end will be recorded when it is back.
        }
    }

    private async Task<List<WorkerFile>> DownloadInputsAsync(TaskRun run, string inputsDir, CancellationToken ct)
    {
        var prefix = TaskPaths.InputsPrefix(run.UserId, run.TaskId);
        var inputs = new List<WorkerFile>();
        // Only the objects committed in task_inputs, each under the name it was uploaded with: an object an upload left
        // behind when it failed (S3 timed out and took the PUT later, an unexpected error) or the earlier version of a
        // replaced file is not an input, however it is named.
        // In name order, as the local analyze takes them: of several files of one role the last in name order is used.
        // The listing's key order is no longer name order, since each upload's key starts with its own id.
        var committed = await registered.RegisteredAsync(run.TaskId, ct);
        var stored = (await store.ListAsync(prefix, ct))
            .Select(o => (o.Key, Name: committed.GetValueOrDefault(o.Key)))
            .Where(o => o.Name is { Length: > 0 } n && !n.Contains('/'))
            .OrderBy(o => o.Name, StringComparer.Ordinal);
        foreach (var (key, name) in stored)
        {
            var path = Path.Combine(inputsDir, name!);
            await store.DownloadToFileAsync(key, path, ct);
            inputs.Add(new WorkerFile(name!, path));
        }
        return inputs;
    }
}

/// <summary>One attempt of one task, as the job hands it to the runner.</summary>
public sealed record TaskRun(string TaskId, long UserId, string ToolId, IReadOnlyList<string> Agents, int Attempt, string FireInstanceId);
