using System.CommandLine;
using System.Text;

namespace Agensium.Scheduler.Cli;

/// <summary>job_history with the dashboard's filters, newest first.</summary>
public static class HistoryCommand
{
    public static Command Create(CliSettings settings)
    {
        var status = new Option<string?>("--status") { Description = "COMPLETED, FAILED, RUNNING, LOST, CANCELLED, SKIPPED" };
        var tool = new Option<string?>("--tool");
        var user = new Option<long?>("--user");
        var node = new Option<string?>("--node");
        var queue = new Option<string?>("--queue");
        var task = new Option<string?>("--task") { Description = "Only the attempts of one task" };
        var since = new Option<DateTime?>("--since") { Description = "UTC, e.g. 2026-01-31T08:00" };
        var until = new Option<DateTime?>("--until");
        var limit = new Option<int>("--limit") { DefaultValueFactory = _ => 50 };
        var offset = new Option<int>("--offset") { DefaultValueFactory = _ => 0 };
        var command = new Command("history", "Job history, newest first") { status, tool, user, node, queue, task, since, until, limit, offset };
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
            Filter(tool, "tool_id = @p" + args.Count, v => v!);
            Filter(user, "user_id = @p" + args.Count, v => v!.Value);
            Filter(node, "node_instance_id = @p" + args.Count, v => v!);
            Filter(queue, "queue = @p" + args.Count, v => v!);
            Filter(task, "task_id = @p" + args.Count, v => v!);
            Filter(since, "started_at >= @p" + args.Count, v => DateTime.SpecifyKind(v!.Value, DateTimeKind.Utc));
            Filter(until, "started_at < @p" + args.Count, v => DateTime.SpecifyKind(v!.Value, DateTimeKind.Utc));
            sql.Append($" ORDER BY started_at DESC, id DESC LIMIT {Math.Clamp(parse.GetValue(limit), 1, 10_000)} OFFSET {Math.Max(0, parse.GetValue(offset))}");
            await using var db = settings.OpenDatabase();
            Rows.Print(await Rows.QueryAsync(db, sql.ToString(), ct, [.. args]), parse.GetValue(CliApp.Json), "History");
            return 0;
        });
        return command;
    }
}
