using Microsoft.EntityFrameworkCore;

namespace Agensium.Scheduler.Data;

/// <summary>EF Core mapping of the tables in sql/002 and sql/003. The schema itself is owned by the SQL scripts.</summary>
public sealed class AgensiumDbContext(DbContextOptions<AgensiumDbContext> options) : DbContext(options)
{
    public DbSet<AnalysisTask> Tasks => Set<AnalysisTask>();
    public DbSet<User> Users => Set<User>();
    public DbSet<JobHistoryEntry> JobHistory => Set<JobHistoryEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(e =>
        {
            e.ToTable("users");
            e.HasKey(u => u.Id);
            e.Property(u => u.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(u => u.Email).HasColumnName("email");
            e.Property(u => u.Name).HasColumnName("name");
            e.Property(u => u.CreatedAt).HasColumnName("created_at").ValueGeneratedOnAdd();
        });

        modelBuilder.Entity<AnalysisTask>(e =>
        {
            e.ToTable("tasks");
            e.HasKey(t => t.TaskId);
            e.Property(t => t.TaskId).HasColumnName("task_id");
            e.Property(t => t.UserId).HasColumnName("user_id");
            e.Property(t => t.ToolId).HasColumnName("tool_id");
            e.Property(t => t.Agents).HasColumnName("agents").HasColumnType("jsonb");
            e.Property(t => t.Status).HasColumnName("status");
            e.Property(t => t.Progress).HasColumnName("progress");
            e.Property(t => t.CurrentAgent).HasColumnName("current_agent");
            e.Property(t => t.ErrorCode).HasColumnName("error_code");
            e.Property(t => t.ErrorMessage).HasColumnName("error_message");
            e.Property(t => t.CreatedAt).HasColumnName("created_at").ValueGeneratedOnAdd();
            e.Property(t => t.UpdatedAt).HasColumnName("updated_at").ValueGeneratedOnAddOrUpdate();
            e.Property(t => t.UploadStartedAt).HasColumnName("upload_started_at");
            e.Property(t => t.ProcessingStartedAt).HasColumnName("processing_started_at");
            e.Property(t => t.CompletedAt).HasColumnName("completed_at");
            e.Property(t => t.FailedAt).HasColumnName("failed_at");
            e.Property(t => t.CancelledAt).HasColumnName("cancelled_at");
            e.Property(t => t.ExpiredAt).HasColumnName("expired_at");
            e.Property(t => t.S3Cleaned).HasColumnName("s3_cleaned");
            e.Property(t => t.Queue).HasColumnName("queue");
            e.Property(t => t.Attempt).HasColumnName("attempt");
            e.Property(t => t.NextRetryAt).HasColumnName("next_retry_at");
        });

        modelBuilder.Entity<JobHistoryEntry>(e =>
        {
            e.ToTable("job_history");
            e.HasKey(h => h.Id);
            e.Property(h => h.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(h => h.FireInstanceId).HasColumnName("fire_instance_id");
            e.Property(h => h.JobName).HasColumnName("job_name");
            e.Property(h => h.JobGroup).HasColumnName("job_group");
            e.Property(h => h.TaskId).HasColumnName("task_id");
            e.Property(h => h.UserId).HasColumnName("user_id");
            e.Property(h => h.ToolId).HasColumnName("tool_id");
            e.Property(h => h.Queue).HasColumnName("queue");
            e.Property(h => h.NodeInstanceId).HasColumnName("node_instance_id");
            e.Property(h => h.Attempt).HasColumnName("attempt");
            e.Property(h => h.Status).HasColumnName("status");
            e.Property(h => h.ErrorCode).HasColumnName("error_code");
            e.Property(h => h.ErrorMessage).HasColumnName("error_message");
            e.Property(h => h.ScheduledAt).HasColumnName("scheduled_at");
            e.Property(h => h.StartedAt).HasColumnName("started_at");
            e.Property(h => h.FinishedAt).HasColumnName("finished_at");
            e.Property(h => h.DurationMs).HasColumnName("duration_ms");
            e.Property(h => h.Result).HasColumnName("result").HasColumnType("jsonb");
            e.Property(h => h.NextRetryAt).HasColumnName("next_retry_at");
            e.Property(h => h.Retryable).HasColumnName("retryable");
        });
    }
}
