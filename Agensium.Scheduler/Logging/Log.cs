namespace Agensium.Scheduler.Logging;

/// <summary>Every log message of the service, with stable event ids and property names.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Applied migration {Migration}")]
    public static partial void MigrationApplied(this ILogger logger, string migration);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Registered {Files} input files of {Tasks} tasks created before task_inputs existed (migration 007)")]
    public static partial void LegacyInputsRegistered(this ILogger logger, int tasks, int files);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Inputs of tasks created before migration 007 not registered yet; trying again in {RetryIn}")]
    public static partial void LegacyInputsNotRegistered(this ILogger logger, Exception exception, TimeSpan retryIn);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Node {InstanceId} of cluster {InstanceName} started with {Concurrency} slots")]
    public static partial void NodeStarted(this ILogger logger, string instanceId, string instanceName, int concurrency);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Task {TaskId} queued on {Queue}")]
    public static partial void TaskQueued(this ILogger logger, string taskId, string queue);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Task {TaskId} is QUEUED but its trigger could not be stored now; it will be scheduled by the queued-task repair")]
    public static partial void TriggerDeferred(this ILogger logger, Exception exception, string taskId);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Starting analysis {ToolId} for user {UserId}")]
    public static partial void AnalysisStarting(this ILogger logger, string? toolId, long? userId);

    /// <summary>A job's end: "ended COMPLETED in 50 ms", or with its error code "ended FAILED PROCESSING_ERROR in 50 ms".</summary>
    public static void JobFinished(this ILogger logger, string jobName, string status, string? errorCode, long durationMs)
    {
        if (errorCode is null)
        {
            logger.JobEnded(jobName, status, durationMs);
        }
        else
        {
            logger.JobEndedWithError(jobName, status, errorCode, durationMs);
        }
    }

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Job {JobName} ended {Status} in {DurationMs} ms")]
    private static partial void JobEnded(this ILogger logger, string jobName, string status, long durationMs);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Job {JobName} ended {Status} {ErrorCode} in {DurationMs} ms")]
    private static partial void JobEndedWithError(this ILogger logger, string jobName, string status, string errorCode, long durationMs);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "Analysis failed unexpectedly")]
    public static partial void AnalysisCrashed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Analysis ended {ErrorCode}: {ErrorMessage}")]
    public static partial void AnalysisFailed(this ILogger logger, string errorCode, string errorMessage);

    [LoggerMessage(EventId = 210, Level = LogLevel.Error, Message = "Job listener could not record the {Phase} of a job")]
    public static partial void ListenerFailed(this ILogger logger, Exception exception, string phase);

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "Job listener could not record the {Phase} of a job (try {Try}); trying again")]
    public static partial void ListenerRetrying(this ILogger logger, Exception exception, string phase, int @try);

    [LoggerMessage(EventId = 212, Level = LogLevel.Warning, Message = "Attempt {FireInstanceId} was taken over by another node while this one was unresponsive, or failed by the stale-task sweep; its result is discarded")]
    public static partial void AttemptSuperseded(this ILogger logger, string fireInstanceId);

    [LoggerMessage(EventId = 222, Level = LogLevel.Warning, Message = "Redis is unreachable for the cluster-wide submit limit ({Reason}); this node limits submissions on its own meanwhile")]
    public static partial void SubmitQuotaLocal(this ILogger logger, string reason);

    [LoggerMessage(EventId = 224, Level = LogLevel.Warning, Message = "Redis is unreachable for the cluster-wide login limit ({Reason}); this node limits logins on its own meanwhile")]
    public static partial void LoginQuotaLocal(this ILogger logger, string reason);

    [LoggerMessage(EventId = 220, Level = LogLevel.Warning, Message = "Could not publish {Status} of task {TaskId} to Redis")]
    public static partial void PublishFailed(this ILogger logger, Exception exception, string taskId, string status);

    [LoggerMessage(EventId = 223, Level = LogLevel.Warning, Message = "Redis still does not take the {Count} task event(s) this node could not publish; trying again")]
    public static partial void RepublishFailed(this ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 221, Level = LogLevel.Warning, Message = "Could not record progress of task {TaskId}")]
    public static partial void ProgressFailed(this ILogger logger, Exception exception, string taskId);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Cleaned up {Expired} expired tasks and {Stale} stale tasks; deleted {HistoryDeleted} old job_history rows")]
    public static partial void CleanupDone(this ILogger logger, int expired, int stale, int historyDeleted);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Failed to clean S3 for task {TaskId}")]
    public static partial void CleanupS3Failed(this ILogger logger, Exception exception, string taskId);

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Health check: database {Database}, s3 {S3}, redis {Redis}")]
    public static partial void HealthChecked(this ILogger logger, string database, string s3, string redis);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Health check of {Component} failed")]
    public static partial void HealthCheckFailed(this ILogger logger, Exception exception, string component);

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "Health check of {Component} failed: no answer within {Seconds} s")]
    public static partial void HealthCheckTimedOut(this ILogger logger, string component, double seconds);

    [LoggerMessage(EventId = 313, Level = LogLevel.Warning, Message = "Readiness: the free space of the work directory's disk cannot be read ({Reason})")]
    public static partial void WorkDiskUnreadable(this ILogger logger, string reason);

    [LoggerMessage(EventId = 314, Level = LogLevel.Error, Message = "Readiness: this node's work folder {Folder} cannot be written ({Reason}); the node says it is not ready until its disk is mounted read-write or its permissions are fixed")]
    public static partial void WorkFolderUnwritable(this ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 315, Level = LogLevel.Information, Message = "Readiness: this node's work folder {Folder} can be written again")]
    public static partial void WorkFolderWritableAgain(this ILogger logger, string folder);

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Debug job ran: {DebugId}")]
    public static partial void DebugRan(this ILogger logger, string debugId);

    [LoggerMessage(EventId = 330, Level = LogLevel.Information, Message = "Scheduled {Trigger} with cron {Cron}")]
    public static partial void CronScheduled(this ILogger logger, string trigger, string cron);

    [LoggerMessage(EventId = 331, Level = LogLevel.Information, Message = "Rescheduled {Trigger} from {OldCron} to {Cron}")]
    public static partial void CronRescheduled(this ILogger logger, string trigger, string oldCron, string cron);

    [LoggerMessage(EventId = 332, Level = LogLevel.Warning, Message = "{Setting} on this node is {Cron}, the cluster's {Trigger} runs {OldCron}: this node replaces the cluster's schedule (the node that starts last with a changed setting wins){PausedNote}; give every node the same {Setting}")]
    public static partial void CronSettingDiffers(this ILogger logger, string setting, string cron, string trigger, string oldCron, string pausedNote);

    [LoggerMessage(EventId = 333, Level = LogLevel.Information, Message = "Moved {Count} trigger(s) of the cron jobs stored by an earlier version from scheduler {From} to {To}")]
    public static partial void CronTriggersMoved(this ILogger logger, int count, string from, string to);

    [LoggerMessage(EventId = 340, Level = LogLevel.Information, Message = "Moved {Count} recovered job(s) to the head of the queue")]
    public static partial void RecoveredPromoted(this ILogger logger, int count);

    [LoggerMessage(EventId = 341, Level = LogLevel.Warning, Message = "Could not promote recovered jobs")]
    public static partial void RecoveredPromotionFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 342, Level = LogLevel.Warning, Message = "Task {TaskId} was QUEUED without a trigger; scheduled attempt {Attempt} again")]
    public static partial void QueuedTaskRepaired(this ILogger logger, string taskId, int attempt);

    [LoggerMessage(EventId = 343, Level = LogLevel.Warning, Message = "Could not look for QUEUED tasks without a trigger")]
    public static partial void QueuedRepairFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 344, Level = LogLevel.Information, Message = "Clock offset from the database: {OffsetMs:0} ms (round trip {RoundTripMs:0.0} ms); the cluster runs on the database's clock")]
    public static partial void ClockOffset(this ILogger logger, double offsetMs, double roundTripMs);

    [LoggerMessage(EventId = 345, Level = LogLevel.Warning, Message = "Could not measure the clock offset from the database; keeping the last one")]
    public static partial void ClockSyncFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 346, Level = LogLevel.Warning, Message = "Closed {Count} attempt(s) left RUNNING by a node that stopped checking in")]
    public static partial void OrphanedAttemptsClosed(this ILogger logger, int count);

    [LoggerMessage(EventId = 347, Level = LogLevel.Warning, Message = "Could not close attempts left RUNNING by stopped nodes")]
    public static partial void OrphanedAttemptsCloseFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 348, Level = LogLevel.Information, Message = "Removed {Count} work folder(s) of nodes that are gone ({Megabytes} MB)")]
    public static partial void WorkFoldersSwept(this ILogger logger, int count, long megabytes);

    [LoggerMessage(EventId = 349, Level = LogLevel.Warning, Message = "Could not sweep the work folders of nodes that are gone")]
    public static partial void WorkFoldersSweepFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 350, Level = LogLevel.Warning, Message = "No ISchedulerSignaler is registered: idle nodes find new work only by polling")]
    public static partial void WakeUnavailable(this ILogger logger);

    [LoggerMessage(EventId = 351, Level = LogLevel.Warning, Message = "Listening for new work failed; retrying")]
    public static partial void WakeListenerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 352, Level = LogLevel.Information, Message = "Stopping: waiting up to {Grace} for {Count} running job(s): {Jobs}")]
    public static partial void StoppingWithRunningJobs(this ILogger logger, int count, TimeSpan grace, string jobs);

    [LoggerMessage(EventId = 353, Level = LogLevel.Warning, Message = "Stop grace of {Grace} is over with {Jobs} still running: another node runs them again once this one is seen dead")]
    public static partial void ShutdownGraceOver(this ILogger logger, TimeSpan grace, string jobs);

    [LoggerMessage(EventId = 360, Level = LogLevel.Information, Message = "Removed the unused input object {Key}")]
    public static partial void UnusedInputRemoved(this ILogger logger, string key);

    [LoggerMessage(EventId = 361, Level = LogLevel.Information, Message = "Removed {Count} object(s) under {Prefix} ({Reason})")]
    public static partial void PrefixRemoved(this ILogger logger, int count, string prefix, string reason);

    [LoggerMessage(EventId = 362, Level = LogLevel.Warning, Message = "Could not remove {Key} from S3 ({Reason}, attempt {Attempt}); it is tried again later on its own")]
    public static partial void RemovalFailed(this ILogger logger, Exception exception, string key, string reason, int attempt);

    [LoggerMessage(EventId = 363, Level = LogLevel.Warning, Message = "The S3 removal pass failed; trying again")]
    public static partial void RemovalPassFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Request {Method} {Path} answered 503: {Dependency} is unreachable ({Reason})")]
    public static partial void RequestDependencyUnavailable(this ILogger logger, string method, string path, string dependency, string reason);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Request {Method} {Path} answered 507: this node's local disk is full ({Reason})")]
    public static partial void RequestLocalDiskFull(this ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "An upload's spool file {Spool} could not be removed ({Reason}); the work folder's sweep removes it")]
    public static partial void SpoolNotRemoved(this ILogger logger, string spool, string reason);

    [LoggerMessage(EventId = 404, Level = LogLevel.Error, Message = "Request {Method} {Path} answered 507: this node's work folder {Folder} could not be written ({Reason}); it needs its disk mounted read-write, or its permissions fixed")]
    public static partial void RequestLocalDiskUnwritable(this ILogger logger, string method, string path, string folder, string reason);

    [LoggerMessage(EventId = 405, Level = LogLevel.Error, Message = "Request {Method} {Path} answered 507: this node's work folder {Folder} still cannot be written ({Reason}); {LeftOut} more uploads refused since the last line")]
    public static partial void UploadsStillRefusedUnwritable(this ILogger logger, string method, string path, string folder, string reason, int leftOut);

    [LoggerMessage(EventId = 406, Level = LogLevel.Information, Message = "This node's work folder {Folder} takes uploads again ({Refused} refused 507 since {Since})")]
    public static partial void UploadsTakenAgain(this ILogger logger, string folder, int refused, string since);

    [LoggerMessage(EventId = 407, Level = LogLevel.Error, Message = "This node's work folder {Folder} still cannot be written ({Reason}); {LeftOut} more uploads refused 507 since the last line, the last at {LastAt}")]
    public static partial void UploadsRefusedSinceLastLine(this ILogger logger, string folder, string reason, int leftOut, string lastAt);

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Node heartbeat not written: {Reason}")]
    public static partial void HeartbeatFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 510, Level = LogLevel.Information, Message = "Operator {Actor} {Action} {Target}: {Outcome}")]
    public static partial void OperatorAction(this ILogger logger, string actor, string action, string target, string outcome);

    [LoggerMessage(EventId = 511, Level = LogLevel.Warning, Message = "Dashboard login refused from {RemoteIp}")]
    public static partial void DashboardLoginRefused(this ILogger logger, string? remoteIp);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Scheduler:InstanceId {InstanceId} checked in {AgeMs} ms ago: waiting {WaitMs} ms to tell a running node from one that just stopped")]
    public static partial void InstanceIdRecentlySeen(this ILogger logger, string instanceId, long ageMs, long waitMs);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Redis is not reachable at start-up ({Reason}); progress events are not pushed until it is (GET /health/ready shows it)")]
    public static partial void RedisUnreachableAtStart(this ILogger logger, string reason);
}
