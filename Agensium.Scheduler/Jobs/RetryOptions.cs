using System.ComponentModel.DataAnnotations;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The seed's autoretry: transient failures retry with exponential backoff (task_default_retry_delay 60 s,
/// task_retry_backoff_max 600 s) and full jitter, at most max_retries 3 times. Permanent failures never retry.
/// </summary>
public sealed class RetryOptions
{
    public const string Section = "Retry";

    [Range(0, 100)] public int MaxRetries { get; set; } = 3;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(600);
    public bool Jitter { get; set; } = true;

    /// <summary>
    /// The longest retry delay accepted. A bare <c>600</c> is 600 days, not seconds: a transient failure's task would
    /// wait QUEUED for months, which neither stuck_tasks.sql (it looks at the row's last change) nor the stale check
    /// (PROCESSING only) would call stuck.
    /// </summary>
    public static readonly TimeSpan MaxAcceptedDelay = TimeSpan.FromDays(1);

    /// <summary>Delay before attempt <paramref name="nextAttempt"/> (2 = first retry): min(max, base·2^(n−2)), then uniform in [0, that] with jitter.</summary>
    public TimeSpan DelayBefore(int nextAttempt, Random random)
    {
        var exponent = Math.Clamp(nextAttempt - 2, 0, 30);
        var countdown = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(Jitter ? random.NextDouble() * countdown : countdown);
    }
}
