using System.Text;
using System.Text.Json;
using Agensium.Analysis;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// The child side (<c>Agensium.Scheduler worker</c>): reads <see cref="WorkerRequest"/> lines from stdin, one at a
/// time, runs each tool and answers with progress lines and one result line on stdout. A warm worker serves many
/// runs (the parent's <see cref="WorkerPool"/> decides how many); "cancel" on stdin cancels the current run; the
/// end of stdin means the parent is gone or has retired this worker, and the worker exits at once.
/// While a run is going on the worker's current directory is that run's work folder, so tools (and operators
/// looking at /proc/PID/cwd) can tell a busy worker from an idle one.
/// </summary>
public static class WorkerHost
{
    public const string Command = "worker";
    public const int ParentGoneExitCode = 70;

    public static async Task<int> RunAsync()
    {
        // The parent decides when a run stops (cancel on stdin, or closing stdin). A SIGTERM or SIGINT sent to the whole
        // process group (systemd's default KillMode, Ctrl-C in a terminal) must not kill a run the stopping node is still
        // giving its shutdown grace: the worker ignores them and ends when the parent closes its stdin or kills it.
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => c.Cancel = true);
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => c.Cancel = true);
        var protocol = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
        Console.SetOut(Console.Error); // nothing else may write on the protocol stream
        var idleDirectory = Environment.CurrentDirectory;
        var inbox = new WorkerInbox();
        var watcher = new Thread(() => inbox.ReadAll(new StreamReader(Console.OpenStandardInput(), Encoding.UTF8)))
        {
            IsBackground = true,
            Name = "parent-watch",
        };
        watcher.Start();

        var gate = new Lock();
        void Send(WorkerMessage message)
        {
            var json = JsonSerializer.Serialize(message, WorkerJson.Options);
            lock (gate)
            {
                protocol.WriteLine(json);
            }
        }

        // The parent hands runs only to a worker that has said it is ready, so no run waits for this start-up.
        WarmUp();
        Send(new WorkerMessage(WorkerMessage.ReadyType));

        while (await inbox.NextAsync() is ({ } line, { } cts))
        {
            var request = JsonSerializer.Deserialize<WorkerRequest>(line, WorkerJson.Options)
                ?? throw new InvalidDataException("empty worker request");
            var runDirectory = Path.GetDirectoryName(Path.GetFullPath(request.OutputDirectory));
            if (runDirectory is not null && Directory.Exists(runDirectory))
            {
                Environment.CurrentDirectory = runDirectory;
            }
            WorkerMessage result;
            try
            {
                result = await RunToolAsync(request, p => Send(new WorkerMessage(WorkerMessage.ProgressType, p.Progress, p.CurrentAgent)), cts);
            }
            finally
            {
                inbox.EndRun(cts);
                cts.Dispose();
                Environment.CurrentDirectory = idleDirectory;
            }
            Send(result);
        }
        return ParentGoneExitCode;
    }

    /// <summary>
    /// Compiles what every run goes through (the protocol's JSON both ways, the tool registry) before the worker
    /// says it is ready: a replacement worker pays its start-up while idle, not inside a job's slot.
    /// </summary>
    private static void WarmUp()
    {
        var request = new WorkerRequest("warm-up", "warm-up", ["agent"], [new WorkerFile("data.csv", "data.csv")], "outputs", 1, false);
        _ = JsonSerializer.Deserialize<WorkerRequest>(JsonSerializer.Serialize(request, WorkerJson.Options), WorkerJson.Options);
        _ = JsonSerializer.Serialize(new WorkerMessage(WorkerMessage.ProgressType, 15, "agent"), WorkerJson.Options);
        _ = JsonSerializer.Serialize(new WorkerMessage(WorkerMessage.ResultType, Succeeded: true, Outputs: [new WorkerFile("r.json", "r.json", "application/json")]), WorkerJson.Options);
        _ = new ToolRegistry(new ToolCatalog(TimeProvider.System), faultInjection: false).TryGet(request.ToolId, out _);
    }

    private static async Task<WorkerMessage> RunToolAsync(WorkerRequest request, Action<AnalysisProgress> report, CancellationTokenSource cts)
    {
        TimeProvider clock = request.ClockOffsetMs == 0 ? TimeProvider.System : new OffsetClock(TimeSpan.FromMilliseconds(request.ClockOffsetMs));
        var registry = new ToolRegistry(new ToolCatalog(clock), request.AllowFaultInjection, request.AllowBenchmarkTools);
        if (!registry.TryGet(request.ToolId, out var tool))
        {
            return Failure("TOOL_NOT_IMPLEMENTED", $"Tool {request.ToolId} is not available in this version", transient: false);
        }
        if (tool is FaultInjectionTool faults)
        {
            faults.Attempt = request.Attempt;
        }
        try
        {
            var inputs = request.Inputs.Select(i => new InputFile(i.Name, i.Path)).ToList();
            var result = await tool.RunAsync(new AnalysisRequest(request.TaskId, inputs, request.Agents, request.OutputDirectory),
                new InlineProgress<AnalysisProgress>(report), cts.Token);
            return result.Succeeded
                ? new WorkerMessage(WorkerMessage.ResultType, Succeeded: true,
                    Outputs: result.Outputs.Select(o => new WorkerFile(o.Name, o.Path, o.ContentType)).ToList())
                : Failure(result.ErrorCode ?? AnalysisErrorCodes.ProcessingError, result.ErrorMessage ?? "The analysis failed", transient: false);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return new WorkerMessage(WorkerMessage.ResultType, Cancelled: true, ErrorMessage: "cancelled");
        }
        catch (AnalysisException e)
        {
            return Failure(e.ErrorCode, e.Message, transient: false);
        }
        catch (OutOfMemoryException e)
        {
            return Failure("OUT_OF_MEMORY", e.Message, transient: false);
        }
        catch (Exception e)
        {
            // A tool's own failures are its result; what escapes it (an output a tool without that handling writes onto a
            // full disk) is classed as the job does: a full disk STORAGE_ERROR, final, not a broken connection.
            var (code, transient) = RunFailure.Of(e);
            return Failure(code, RunFailure.MessageOf(e), transient);
        }
    }

    private static WorkerMessage Failure(string code, string message, bool transient) =>
        new(WorkerMessage.ResultType, ErrorCode: code, ErrorMessage: code == "OUT_OF_MEMORY" ? message + " " + HeapLimit() : message, Transient: transient);

    /// <summary>The variable through which the pool tells a worker the Worker:MemoryLimitMb it was started with.</summary>
    public const string MemoryLimitVariable = "AGENSIUM_WORKER_MEMORY_LIMIT_MB";

    // What bounded this worker's memory, so that an operator knows which setting to raise.
    internal static string HeapLimit()
    {
        if (Environment.GetEnvironmentVariable(MemoryLimitVariable) is { Length: > 0 } configured)
        {
            return $"This worker's heap limit is {configured} MiB (Worker:MemoryLimitMb).";
        }

        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024);
        return $"No Worker:MemoryLimitMb is set; this process may use {available} MiB (the machine's or container's memory, or a DOTNET_GCHeapHardLimit of its own).";
    }
}
