using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agensium.Scheduler.Worker;

/// <summary>The first line a worker process reads on stdin: what to run.</summary>
public sealed record WorkerRequest(
    string TaskId,
    string ToolId,
    IReadOnlyList<string> Agents,
    IReadOnlyList<WorkerFile> Inputs,
    string OutputDirectory,
    int Attempt,
    bool AllowFaultInjection,
    bool AllowBenchmarkTools = false,
    long ClockOffsetMs = 0);

public sealed record WorkerFile(string Name, string Path, string? ContentType = null);

/// <summary>
/// One line of a worker's stdout: "ready" once when it has started (its runtime up, its protocol code compiled),
/// then for each run "progress" lines while it runs and one "result" at the end.
/// </summary>
public sealed record WorkerMessage(
    string Type,
    int Progress = 0,
    string? CurrentAgent = null,
    bool Succeeded = false,
    bool Cancelled = false,
    bool Transient = false,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    IReadOnlyList<WorkerFile>? Outputs = null)
{
    public const string ReadyType = "ready";
    public const string ProgressType = "progress";
    public const string ResultType = "result";
}

public static class WorkerJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The line the parent writes on the worker's stdin to ask it to stop.</summary>
    public const string CancelCommand = "cancel";
}
