using System.CommandLine;
using System.Globalization;
using System.Text;
using Agensium.Analysis;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Worker;

namespace Agensium.Scheduler.Cli;

/// <summary>job_history with the dashboard's filters, newest first.</summary>
public static class HistoryCommand
{
    public static Command Create(CliSettings settings)
    {
        var status = new Option<string?>("--status") { Description = "COMPLETED, FAILED, RUNNING, LOST, CANCELLED, SKIPPED" };
        var tool = new Option<string?>("--tool");
        var user = new Option<long?>("--user");
        var node = new Option<string?>("--node") { Description = "A node's instance id, or its start (the host name)" };
        var queue = new Option<string?>("--queue") { Description = "high_priority, default or low_priority" };
        var task = new Option<string?>("--task") { Description = "Only the attempts of one task" };
        // The dashboard history's job filter, with the same names (exact, as job_history stores them).
        string[] jobs = [.. Dashboard.HistoryPage.JobNames.Where(j => j.Length > 0)];
        var job = new Option<string?>("--job") { Description = string.Join(", ", jobs) };
        var since = new Option<DateTime?>("--since") { Description = "UTC, e.g. 2026-01-31T08:00" };
        var until = new Option<DateTime?>("--until");
        var limit = new Option<int>("--limit") { DefaultValueFactory = _ => 50 };
        var offset = new Option<int>("--offset") { DefaultValueFactory = _ => 0 };
        // Values that can match nothing are refused, so a typo is not mistaken for "no such runs".
        string[] statuses = [JobRunStatuses.Completed, JobRunStatuses.Failed, JobRunStatuses.Running, JobRunStatuses.Lost, JobRunStatuses.Cancelled, JobRunStatuses.Skipped];
        // job_history may hold runs of the drill tools (x-noop, x-fault-injection) from a cluster that enabled them, so
        // they are taken; the refusal lists them only where this configuration enables them, as the API does.
        string[] tools = [.. ToolCatalog.KnownToolIds, NoOpTool.ToolId, FaultInjectionTool.ToolId];
        status.Validators.Add(r => Refuse(r, r.GetValueOrDefault<string?>() is { } v && !statuses.Contains(v, StringComparer.OrdinalIgnoreCase), $"--status must be one of {string.Join(", ", statuses)}."));
        tool.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } v && !tools.Contains(v, StringComparer.Ordinal))
            {
                string[] listed = [.. ToolCatalog.KnownToolIds,
                    .. settings.Configuration.GetValue<bool>("Worker:EnableFaultInjection") ? [FaultInjectionTool.ToolId] : Array.Empty<string>(),
                    .. settings.Configuration.GetValue<bool>("Worker:EnableBenchmarkTools") ? [NoOpTool.ToolId] : Array.Empty<string>()];
                r.AddError($"Unknown tool '{v}' for --tool (tool ids are exact). {Api.UnknownToolHint.Describe(v, listed)}");
            }
        });
        queue.Validators.Add(r => Refuse(r, r.GetValueOrDefault<string?>() is { } v && !Jobs.QueueOptions.Names.Contains(v, StringComparer.Ordinal), $"--queue must be one of {string.Join(", ", Jobs.QueueOptions.Names)}."));
        node.Validators.Add(r => Refuse(r, r.GetValueOrDefault<string?>() is { } v && string.IsNullOrWhiteSpace(v), "--node must name a node (its instance id, or the start of it)."));
        job.Validators.Add(r => Refuse(r, r.GetValueOrDefault<string?>() is { } v && !jobs.Contains(v, StringComparer.Ordinal), $"--job must be one of {string.Join(", ", jobs)}."));
        task.Validators.Add(r => Refuse(r, r.GetValueOrDefault<string?>() is { } v && !Guid.TryParse(v, out _), "--task must be a task id (a UUID, as the API answers INVALID_TASK_ID)."));
        limit.Validators.Add(r => Refuse(r, r.GetValueOrDefault<int>() is < 1 or > MaxLimit, $"--limit must be between 1 and {MaxLimit}."));
        offset.Validators.Add(r => Refuse(r, r.GetValueOrDefault<int>() < 0, "--offset may not be negative."));
        since.CustomParser = r => ParseUtc(r, "--since");
        until.CustomParser = r => ParseUtc(r, "--until");
        var command = new Command("history", "Job history, newest first") { status, job, tool, user, node, queue, task, since, until, limit, offset };
        command.SetAction(async (parse, ct) =>
        {
            var sql = new StringBuilder("""
                SELECT started_at, job_name AS job, task_id, user_id, tool_id AS tool, queue, node_instance_id AS node, attempt,
                       status, error_code, duration_ms FROM job_history WHERE true
                """);
            var args = new List<(string, object)>();
            void Filter<T>(Option<T> option, string clause, Func<T, object> value)
            {
                if (parse.GetValue(option) is { } v)
                {
                    sql.Append(" AND ").Append(clause);
                    args.Add(("p" + args.Count, value(v)));
                }
            }
            Filter(status, "status = @p" + args.Count, v => v!.ToUpperInvariant());
            Filter(job, "job_name = @p" + args.Count, v => v!);
            Filter(tool, "tool_id = @p" + args.Count, v => v!);
            Filter(user, "user_id = @p" + args.Count, v => v!.Value);
            // The whole instance id, or its host name (ids are host-pid-suffix): "web1" is not "web10-…".
            Filter(node, $"(node_instance_id = @p{args.Count} OR starts_with(node_instance_id, @p{args.Count} || '-'))", v => v!);
            Filter(queue, "queue = @p" + args.Count, v => v!);
            Filter(task, "task_id = @p" + args.Count, v => v!);
            Filter(since, "started_at >= @p" + args.Count, v => DateTime.SpecifyKind(v!.Value, DateTimeKind.Utc));
            Filter(until, "started_at < @p" + args.Count, v => DateTime.SpecifyKind(v!.Value, DateTimeKind.Utc));
            sql.Append($" ORDER BY started_at DESC, id DESC LIMIT {parse.GetValue(limit)} OFFSET {parse.GetValue(offset)}");
            await using var db = settings.OpenDatabase();
            Rows.Print(await Rows.QueryAsync(db, sql.ToString(), ct, [.. args]), parse.GetValue(CliApp.Json), "History");
            return 0;
        });
        return command;
    }

    private const int MaxLimit = 10_000;

    private static void Refuse(System.CommandLine.Parsing.OptionResult result, bool refused, string message)
    {
        if (refused)
        {
            result.AddError(message);
        }
    }

    private static DateTime? ParseUtc(System.CommandLine.Parsing.ArgumentResult result, string name)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        result.AddError($"{name} must be a UTC date or date and time such as 2026-01-31 or 2026-01-31T08:00, got '{text}'.");
        return null;
    }
}
