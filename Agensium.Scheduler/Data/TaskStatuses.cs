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

    /// <summary>
    /// Statuses in which files may be uploaded: before the task is processed, and once it has FAILED, so that a file the
    /// run refused (not UTF-8, a broken parameters.json) can be replaced under its name before POST /retry. A FAILED task
    /// stays FAILED while it takes files; the retry runs it on the files it holds then.
    /// </summary>
    public static readonly IReadOnlySet<string> AcceptingUploads = new HashSet<string> { Created, Uploading, UploadFailed, Failed };
}
