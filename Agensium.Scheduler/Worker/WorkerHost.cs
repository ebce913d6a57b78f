using System.Text;
using System.Text.Json;
using Agensium.Analysis;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// The child side (<c>Agensium.Scheduler worker</c>): reads one <see cref="WorkerRequest"/> from stdin, runs the
/// tool, streams progress and one result as JSON lines on stdout. "cancel" on stdin cancels the run; the end of
/// stdin means the parent is gone, and the worker exits at once so no orphan keeps running.
/// </summary>
public static class WorkerHost
{
    public const string Command = "worker";
    public const int ParentGoneExitCode = 70;

    public static async Task<int> RunAsync()
    {
        var protocol = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
        Console.SetOut(Console.Error); // nothing else may write on the protocol stream
        var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
        var first = await input.ReadLineAsync();
        if (first is null)
        {
            return 2;
        }
        var request = JsonSerializer.Deserialize<WorkerRequest>(first, WorkerJson.Options)
            ?? throw new InvalidDataException("empty worker request");

        using var cts = new CancellationTokenSource();
        var watcher = new Thread(() => WatchParent(input, cts)) { IsBackground = true, Name = "parent-watch" };
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

        Send(await RunToolAsync(request, p => Send(new WorkerMessage(WorkerMessage.ProgressType, p.Progress, p.CurrentAgent)), cts));
        return 0;
    }

    private static async Task<WorkerMessage> RunToolAsync(WorkerRequest request, Action<AnalysisProgress> report, CancellationTokenSource cts)
    {
        var registry = new ToolRegistry(new ToolCatalog(TimeProvider.System), request.AllowFaultInjection);
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
            var transient = ExceptionClassifier.IsTransient(e);
            return Failure(transient ? "TRANSIENT_ERROR" : "INTERNAL_ERROR", e.Message, transient);
        }
    }

    private static WorkerMessage Failure(string code, string message, bool transient) =>
        new(WorkerMessage.ResultType, ErrorCode: code, ErrorMessage: message, Transient: transient);

    private static void WatchParent(StreamReader input, CancellationTokenSource cts)
    {
        while (input.ReadLine() is { } line)
        {
            if (line == WorkerJson.CancelCommand)
            {
                cts.Cancel();
            }
        }
        Environment.Exit(ParentGoneExitCode);
    }
}
