namespace Agensium.Scheduler.Data;

/// <summary>Statuses of a job_history attempt.</summary>
public static class JobRunStatuses
{
    public const string Running = "RUNNING";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    /// <summary>The job ran but found nothing to do (task gone or no longer runnable).</summary>
    public const string Skipped = "SKIPPED";
    /// <summary>The node running it died; another node took the job over.</summary>
    public const string Lost = "LOST";
    public const string Cancelled = "CANCELLED";
}
