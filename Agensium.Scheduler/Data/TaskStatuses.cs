namespace Agensium.Scheduler.Data;

/// <summary>Task statuses of AGENSIUM.md §1.1.</summary>
public static class TaskStatuses
{
    public const string Created = "CREATED";
    public const string Uploading = "UPLOADING";
    public const string UploadFailed = "UPLOAD_FAILED";
    public const string Queued = "QUEUED";
    public const string Processing = "PROCESSING";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";
    public const string Expired = "EXPIRED";

    /// <summary>Every status, in lifecycle order.</summary>
    public static readonly IReadOnlyList<string> All = [Created, Uploading, UploadFailed, Queued, Processing, Completed, Failed, Cancelled, Expired];

    public static readonly IReadOnlySet<string> Terminal = new HashSet<string> { Completed, Failed, Cancelled, Expired };

    /// <summary>Statuses the cleanup job expires once the task is older than Scheduler:TaskExpiry: waiting for a user who left.</summary>
    public static readonly string[] Expirable = [Created, Uploading, UploadFailed];

    /// <summary>Statuses in which files may still be uploaded.</summary>
    public static readonly IReadOnlySet<string> AcceptingUploads = new HashSet<string> { Created, Uploading, UploadFailed };
}
