namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The listener's verdict before an analysis job runs, handed to the job body through <see cref="FireGates"/>:
/// go on, fail the task (user gone), or skip (task gone or not runnable).
/// </summary>
public sealed record TaskGate(TaskGateKind Kind, string? ErrorCode, string? Message, IReadOnlyList<string> Agents, bool Transient = false)
{
    /// <summary>The start could not be recorded because a dependency was briefly unreachable: retried like any transient failure.</summary>
    public static TaskGate FailTransient(string message) => new(TaskGateKind.Fail, ErrorCodes.TransientError, message, [], Transient: true);

    public static TaskGate Proceed(IReadOnlyList<string> agents) => new(TaskGateKind.Proceed, null, null, agents);
    public static TaskGate Fail(string code, string message) => new(TaskGateKind.Fail, code, message, []);
    public static TaskGate Skip(string code, string message) => new(TaskGateKind.Skip, code, message, []);
}

public enum TaskGateKind
{
    Proceed,
    Fail,
    Skip,
}
