using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// Every soft and hard time limit checked at start to be positive, the per-tool ones included. Only the global soft
/// limit was: <c>Worker:Tools:profile-my-data:SoftTimeLimit=-00:00:05</c> (or <c>00:00:00</c>) started a node whose
/// every run of that tool then failed at once (found by the stop-41 Celery probe; the hard-at-least-soft check let it
/// through, since the global hard limit is above any negative soft one).
/// </summary>
public sealed class WorkerLimitSettings : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = WorkerOptions.NamedLimits(options)
            .Where(l => l.Value <= TimeSpan.Zero)
            .Select(l => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{l.Setting} ({l.Value:c}) must be positive: a limit of zero or less stops every run of the tool at once; write it as hh:mm:ss, e.g. 00:25:00."))
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
