using Serilog.Core;
using Serilog.Events;

namespace Agensium.Scheduler.Logging;

/// <summary>
/// Adds what the seed's worker_log_format / worker_task_log_format show: the level in Python's words (LevelName),
/// the node (NodeId) and, inside a job, "[job_name(task_id)]" (JobPrefix, empty outside jobs).
/// </summary>
public sealed class SeedFormatEnricher(NodeIdentity node) : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory factory)
    {
        logEvent.AddPropertyIfAbsent(factory.CreateProperty("LevelName", LevelName(logEvent.Level)));
        logEvent.AddPropertyIfAbsent(factory.CreateProperty("NodeId", node.Id));
        var prefix = "";
        if (logEvent.Properties.TryGetValue("JobName", out var job) && job is ScalarValue { Value: string jobName })
        {
            var taskId = logEvent.Properties.TryGetValue("TaskId", out var t) && t is ScalarValue { Value: string id } ? id : "";
            prefix = $"[{jobName}({taskId})]";
        }
        logEvent.AddPropertyIfAbsent(factory.CreateProperty("JobPrefix", prefix));
    }

    public static string LevelName(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => "DEBUG",
        LogEventLevel.Information => "INFO",
        LogEventLevel.Warning => "WARNING",
        LogEventLevel.Error => "ERROR",
        _ => "CRITICAL",
    };
}
