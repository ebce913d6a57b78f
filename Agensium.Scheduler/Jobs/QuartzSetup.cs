using Agensium.Scheduler.Hosting;
using Agensium.Analysis;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Tasks;
using Agensium.Scheduler.Worker;
using Microsoft.Extensions.Options;
using Quartz;

namespace Agensium.Scheduler.Jobs;

public static class QuartzSetup
{
    public const string TablePrefix = "qrtz_";

    /// <summary>Threads of a node's maintenance (cron) scheduler; see AddAgensiumScheduler.</summary>
    public const int MaintenanceThreads = 2;

    /// <summary>Quartz on the clustered Postgres store, the four jobs, the two cron triggers and the listener.</summary>
    public static IServiceCollection AddAgensiumScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulerOptions>()
            .BindConfiguration(SchedulerOptions.Section, StrictBinding.Configure)
            .PostConfigure(o =>
            {
                // The seed's CELERY_CONCURRENCY has an equivalent that wins over appsettings.json.
                if (Environment.GetEnvironmentVariable("AGENSIUM_CONCURRENCY") is { Length: > 0 } text)
                {
                    o.Concurrency = int.TryParse(text, out var n) ? n
                        : throw new OptionsValidationException(SchedulerOptions.Section, typeof(SchedulerOptions),
                            [$"AGENSIUM_CONCURRENCY must be a whole number of job slots, not '{text}'."]);
                }
            })
            .ValidateDataAnnotations()
            .Validate(o => o.IdleWaitTime >= TimeSpan.FromSeconds(1), "Scheduler:IdleWaitTime must be at least 00:00:01 (Quartz refuses less).")
            // The poll is the fallback for the NOTIFY wake-up (down while its connection reconnects after a PostgreSQL
            // restart): a bare "2" (two days, meant as seconds) would leave work queued meanwhile waiting that long.
            .Validate(o => o.IdleWaitTime <= SchedulerOptions.MaxIdleWaitTime,
                $"Scheduler:IdleWaitTime must be at most {SchedulerOptions.MaxIdleWaitTime:c}; durations are written hh:mm:ss (a bare 2 is 2 days).")
            .Validate(o => o.ClusterCheckinMisfireThreshold >= o.ClusterCheckinInterval,
                "Scheduler:ClusterCheckinMisfireThreshold must be at least Scheduler:ClusterCheckinInterval.")
            .ValidateOnStart();
        // A cron that does not parse, or parses and never fires (30 February, a year past): exit 78, not a crash in CronRegistrar.
        services.AddSingleton<IValidateOptions<SchedulerOptions>>(_ => new CronSettings());
        // A stale threshold under a hard time limit: exit 78 rather than stale sweeps of live runs.
        services.AddSingleton<IValidateOptions<SchedulerOptions>>(sp => new StaleSweepSettings(sp.GetRequiredService<IOptions<WorkerOptions>>()));
        services.AddOptions<QueueOptions>()
            .BindConfiguration(QueueOptions.Section, StrictBinding.Configure)
            .Validate(o => o.ToolDefaults.Values.All(q => QueueOptions.Names.Contains(q)),
                $"Queues:ToolDefaults may only name the queues {string.Join(", ", QueueOptions.Names)}.")
            .Validate(o => o.ToolDefaults.Keys.All(ToolRegistry.IsKnownToolId),
                $"Queues:ToolDefaults keys must be tool ids ({string.Join(", ", ToolCatalog.KnownToolIds)}).")
            .Validate(o => o.MaxShare.All(m => QueueOptions.Names.Contains(m.Key) && m.Value is > 0 and <= 1),
                $"Queues:MaxShare keys must be queue names ({string.Join(", ", QueueOptions.Names)}) with a share above 0 and at most 1.")
            .ValidateOnStart();

        // Quartz and every timestamp of the service run on the database's clock (see DatabaseClock); its hosted service
        // is registered before Quartz's, so the first check-in is already corrected.
        services.AddSingleton<DatabaseClock>();
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DatabaseClock>());
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseClock>());
        services.AddOptions<RetryOptions>().BindConfiguration(RetryOptions.Section, StrictBinding.Configure).ValidateDataAnnotations()
            .Validate(o => o.BaseDelay > TimeSpan.Zero && o.MaxDelay >= o.BaseDelay, "Retry:BaseDelay must be positive and Retry:MaxDelay at least Retry:BaseDelay.")
            .Validate(o => o.MaxDelay <= RetryOptions.MaxAcceptedDelay,
                $"Retry:MaxDelay must be at most {RetryOptions.MaxAcceptedDelay:c}; durations are written hh:mm:ss (a bare 600 is 600 days).")
            .ValidateOnStart();
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section, StrictBinding.Configure).ValidateDataAnnotations()
            // That every limit is positive is WorkerLimitSettings' check, which names the limit.
            .Validate(o => o.HardTimeLimit >= o.SoftTimeLimit, "Worker:HardTimeLimit must be at least Worker:SoftTimeLimit.")
            .Validate(o => o.Tools.Values.All(t => (t.HardTimeLimit ?? o.HardTimeLimit) >= (t.SoftTimeLimit ?? o.SoftTimeLimit)),
                "Worker:Tools:<tool>:HardTimeLimit must be at least its SoftTimeLimit.")
            .Validate(o => WorkerOptions.AllLimits(o).All(l => l <= WorkerOptions.MaxTimeLimit),
                $"Worker:SoftTimeLimit and Worker:HardTimeLimit (also per tool) must be at most {WorkerOptions.MaxTimeLimit:c}; durations are written hh:mm:ss (a bare 1800 is 1800 days).")
            .Validate(o => o.Tools.Keys.All(ToolRegistry.IsKnownToolId),
                $"Worker:Tools keys must be tool ids ({string.Join(", ", ToolCatalog.KnownToolIds)}).")
            .ValidateOnStart();
        // A per-tool limit of zero or less: exit 78 rather than every run of the tool failing at once.
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerLimitSettings>();
        services.AddSingleton(sp => new ToolCatalog(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ToolRegistry(sp.GetRequiredService<ToolCatalog>(),
            sp.GetRequiredService<IOptions<WorkerOptions>>().Value.EnableFaultInjection,
            sp.GetRequiredService<IOptions<WorkerOptions>>().Value.EnableBenchmarkTools));
        services.AddSingleton<WorkerPool>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerPool>());
        services.AddSingleton<WorkerLauncher>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<TaskEvents>();
        services.AddSingleton<TaskLifecycle>();
        services.AddSingleton<OneShotTriggerWriter>();
        services.AddSingleton<TaskSubmitter>();
        services.AddSingleton<JobHistoryRecorder>();
        services.AddSingleton<JobHistoryRetention>();
        services.AddSingleton<JobHistoryListener>();
        services.AddSingleton<AnalysisRunner>();
        services.AddSingleton<NodeWorkFolder>();
        services.AddSingleton<WorkDiskSpace>();
        services.AddSingleton<Api.RefusedUploadLines>();
        services.AddHostedService<WorkFolderSweeper>();
        services.AddSingleton<DependencyProbe>();
        services.AddSingleton<DebugRunner>();
        services.AddSingleton<FireStates>();
        services.AddSingleton<Api.TaskDiagnostics>();

        // Quartz reads its settings when the container is built; bind them here from the same configuration.
        var o = new SchedulerOptions();
        configuration.GetSection(SchedulerOptions.Section).Bind(o, StrictBinding.Configure);
        if (int.TryParse(configuration["AGENSIUM_CONCURRENCY"], out var concurrency))
        {
            o.Concurrency = concurrency;
        }
        var database = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.Section).Bind(database, StrictBinding.Configure);
        database.ConnectionString = configuration.GetConnectionString("Postgres") ?? "";
        var connectionString = StoreConnectionString(database);
        var queues = new QueueOptions();
        configuration.GetSection(QueueOptions.Section).Bind(queues, StrictBinding.Configure);

        // One instance id for both schedulers of the node: job_history, the dashboard and the CLI name a node by it
        // whichever scheduler ran the job (their check-in rows differ by SCHED_NAME).
        var instanceId = NodeInstanceId.Resolve(o.InstanceId);
        services.AddQuartz(q =>
        {
            ConfigureScheduler(q, o.InstanceName, instanceId, o, connectionString);
            // Per-node queue limits: the queue is the trigger's execution group.
            q.UseExecutionLimits(limits =>
            {
                foreach (var queue in QueueOptions.Names)
                {
                    limits.ForGroup(queue, queues.SlotsFor(queue, o.Concurrency), ExecutionLimitScope.Node);
                }
            });
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = o.Concurrency);

            q.AddJob<ProcessAnalysisJob>(j => j.WithIdentity(ProcessAnalysisJob.Key).StoreDurably().RequestRecovery()
                .WithDescription("queue.tasks.process_analysis: runs one Agensium tool for one task"));
            q.AddJob<DebugJob>(j => j.WithIdentity(DebugJob.Key).StoreDurably().WithDescription("debug_task"));
            q.AddJobListener<JobHistoryListener>();
        });
        // The cron jobs in a scheduler of their own (same tables, another SCHED_NAME, its own check-in and thread): in
        // the analyses' scheduler a due cron fire was acquired after every queued default and high_priority analysis
        // (dated a day or a week back, see TaskSubmitter) and waited for a free slot, so a backlog held the health check
        // and the cleanup back for as long as it lasted. Here the analyses are not in its acquisition at all.
        // Two threads, one per cron job: each is [DisallowConcurrentExecution], so neither overlaps itself, and a long
        // cleanup (up to its 10 min budget, S3 calls inline) never holds the health check back, on a 1-node cluster too.
        services.AddQuartz(o.MaintenanceInstanceName, q =>
        {
            ConfigureScheduler(q, o.MaintenanceInstanceName, instanceId, o, connectionString);
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = MaintenanceThreads);
            q.AddJob<CleanupExpiredTasksJob>(j => j.WithIdentity(CleanupExpiredTasksJob.Key).StoreDurably()
                .WithDescription("queue.tasks.cleanup_expired_tasks"));
            q.AddJob<HealthCheckJob>(j => j.WithIdentity(HealthCheckJob.Key).StoreDurably().WithDescription("queue.tasks.health_check"));
            q.AddJobListener<JobHistoryListener>();
        });
        services.AddSingleton<MaintenanceScheduler>();
        services.Configure<HostOptions>(h => h.ShutdownTimeout = o.ShutdownGrace);
        services.AddQuartzHostedService(h =>
        {
            h.WaitForJobsToComplete = true;
            h.AwaitApplicationStarted = true;
            // An API-only node schedules into the shared store but never runs jobs.
            h.AutoStart = o.RunJobs;
        });
        // After Quartz's service, so it stops first: it logs what the stop waits for.
        services.AddHostedService<ShutdownReporter>();
        services.AddHostedService<CronRegistrar>();
        services.AddHostedService<RecoveryPromoter>();
        services.AddHostedService<OrphanedAttemptCloser>();
        services.AddSingleton<QueuedTaskRepair>();
        services.AddHostedService(sp => sp.GetRequiredService<QueuedTaskRepair>());
        services.AddHostedService<WakeListener>();
        return services;
    }

    /// <summary>The connection string of the schedulers' store (<see cref="DatabaseOptions.ForQuartzStore"/>).</summary>
    public static string StoreConnectionString(DatabaseOptions database) => DatabaseOptions.ForQuartzStore(database.Tuned());

    /// <summary>What the node's two schedulers share: the clustered PostgreSQL store, its settings and the node's id.</summary>
    private static void ConfigureScheduler(IQuartzBuilder q, string name, string instanceId, SchedulerOptions o, string connectionString)
    {
        q.ConfigureScheduler(s =>
        {
            s.InstanceName = name;
            s.InstanceId = instanceId;
            s.IdleWaitTime = o.IdleWaitTime;
            // A stopping node waits for its running jobs (up to the host's shutdown timeout) instead of
            // interrupting them; what is still running then is recovered by another node.
            s.ShutdownJobInterruption = ShutdownJobInterruption.Never;
        });
        q.UsePersistentStore(store =>
        {
            store.UsePostgres(connectionString);
            store.ConfigureStore(a =>
            {
                a.TablePrefix = TablePrefix;
                a.StoreJobDataAsStrings = true;
                a.MisfireThreshold = o.MisfireThreshold;
                a.RecoverFiringsCancelledByShutdown = true;
                a.LockOnInsert = o.LockOnInsert;
            });
            store.UseClustering(c =>
            {
                c.CheckinInterval = o.ClusterCheckinInterval;
                c.CheckinMisfireThreshold = o.ClusterCheckinMisfireThreshold;
            });
            store.UseSystemTextJsonSerializer();
        });
    }
}
