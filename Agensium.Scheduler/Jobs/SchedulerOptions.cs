using System.ComponentModel.DataAnnotations;

namespace Agensium.Scheduler.Jobs;

public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>One name for every node of a cluster; nodes sharing it share the job store.</summary>
    [Required] public string InstanceName { get; set; } = "agensium";

    /// <summary>
    /// The Quartz scheduler of the cron jobs (cleanup, health check), beside the analyses' own: the same tables under
    /// this second SCHED_NAME, so a cron fire never waits behind queued analyses (see QuartzSetup).
    /// </summary>
    public string MaintenanceInstanceName => MaintenanceName(InstanceName);

    public static string MaintenanceName(string instanceName) => instanceName + "-maintenance";

    /// <summary>"AUTO" generates a unique id per node (host name + ticks).</summary>
    [Required] public string InstanceId { get; set; } = "AUTO";

    /// <summary>False makes an API-only node: it accepts and schedules work but never runs jobs.</summary>
    public bool RunJobs { get; set; } = true;

    /// <summary>Worker slots per node (the seed's CELERY_CONCURRENCY). Env AGENSIUM_CONCURRENCY overrides.</summary>
    [Range(1, 256)] public int Concurrency { get; set; } = 4;

    /// <summary>How long an idle scheduler waits before it looks for triggers inserted by another node. Quartz refuses less than 1 s.</summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest idle wait accepted (Quartz's default is 30 s).</summary>
    public static readonly TimeSpan MaxIdleWaitTime = TimeSpan.FromMinutes(10);

    /// <summary>How often a node records that it is alive in the shared store.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A node whose last check-in is older than its interval plus this is considered dead, and its recoverable jobs run
    /// elsewhere: with the defaults a killed node's jobs restart within about 10 s. Quartz measures the lag relative to
    /// the checking node's own last check-in, so a database outage that stalls every node does not declare them dead.
    /// </summary>
    public TimeSpan ClusterCheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(6);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Cron of cleanup_expired_tasks (seed: every 900 s).</summary>
    [Required] public string CleanupCron { get; set; } = "0 0/15 * * * ?";

    /// <summary>Cron of health_check (seed: every 60 s).</summary>
    [Required] public string HealthCheckCron { get; set; } = "0 * * * * ?";

    /// <summary>CREATED/UPLOADING (and UPLOAD_FAILED) tasks older than this are expired (seed: 15 min, CREATED/UPLOADING).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan TaskExpiry { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>PROCESSING tasks older than this are failed with STALE_TASK (backend: 24 h).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan StaleProcessingAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>job_history rows finished longer ago than this are deleted by the cleanup job.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "36500.00:00:00")]
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Tasks one cleanup batch handles. A run takes batch after batch until nothing is left to expire or fail, or
    /// until <see cref="CleanupTimeBudget"/> is spent.
    /// </summary>
    [Range(1, 100_000)] public int CleanupBatchSize { get; set; } = 500;

    /// <summary>
    /// Longest a cleanup run goes on taking batches (kept well under the 15-min cron interval so a run never overlaps
    /// the next); what is left then waits for the next run.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CleanupTimeBudget { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Folder for per-job working files (downloaded inputs, outputs before upload); empty = system temp.</summary>
    public string WorkDirectory { get; set; } = "";

    /// <summary>
    /// Free space the work directory's disk must have for the node to be ready (GET /health/ready answers 503 with
    /// <c>disk</c> saying how much is left below it): under it the node would refuse most uploads (507 LOCAL_DISK_FULL,
    /// the body is spooled there) and fail the analyses it downloads inputs for, so a load balancer should send work to
    /// another node. 0 turns the check off.
    /// </summary>
    [Range(0, 1_048_576, ErrorMessage = "Scheduler:WorkDirectoryMinFreeMb must be between 0 (no check) and 1048576 (1 TiB).")]
    public int WorkDirectoryMinFreeMb { get; set; } = 100;

    /// <summary>
    /// On stop (service stop, SIGTERM) the node claims no new work and gives running jobs this long to finish; what
    /// is still running then is left for another node to recover (never marked failed). At least 2 s: the grace is the
    /// host's whole stop timeout, so the node's own stop steps run within it too; at 00:00:00 an idle node's stop was not
    /// recorded (nodes.stopped_at stayed empty and the dashboard showed it dead) and Quartz warned of running jobs it did
    /// not have. A node meant to leave its jobs at once gets the same with 00:00:02.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00", ErrorMessage = "Scheduler:ShutdownGrace must be between {1} and {2} (the node's own stop steps, such as recording a clean stop, run within the grace too; jobs still running when it ends are left to another node)")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How often a node moves jobs recovered from dead nodes to the head of the queue.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "1.00:00:00")]
    public TimeSpan RecoveryPromotionInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a node closes the RUNNING job_history rows of nodes that stopped checking in (see <see cref="OrphanedAttemptCloser"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "1.00:00:00")]
    public TimeSpan OrphanedAttemptsInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a node measures its clock's offset from PostgreSQL's (see <see cref="DatabaseClock"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "1.00:00:00")]
    public TimeSpan ClockSyncInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a node looks for QUEUED tasks whose trigger is missing (see <see cref="QueuedTaskRepair"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "1.00:00:00")]
    public TimeSpan QueuedRepairInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A QUEUED task without a trigger for longer than this gets its trigger again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan QueuedRepairAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>QUEUED tasks one repair pass looks at; a larger backlog is walked in slices, one per pass.</summary>
    [Range(1, 100_000)] public int QueuedRepairBatch { get; set; } = 2000;

    /// <summary>
    /// Whether Quartz takes its cluster-wide TRIGGER_ACCESS row lock when it stores a new trigger (Quartz's default:
    /// true). With it, every submission on every node queued behind every other one: measured as the largest single cost
    /// of a submission (see docs/benchmarks.md). Submissions' triggers are now written by
    /// <see cref="OneShotTriggerWriter"/>, not by Quartz, so this applies to the triggers Quartz still stores (cron, debug,
    /// and the recovery triggers it makes for a dead node's jobs). A submission's trigger has a name of its own and its
    /// job is durable; its ordering against a pause or resume of its queue is kept per queue by sql/008 and sql/011.
    /// </summary>
    public bool LockOnInsert { get; set; }

    /// <summary>Longest wait of POST /api/debug for the debug job's result.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DebugTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
