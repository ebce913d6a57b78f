using System.CommandLine;

namespace Agensium.Scheduler.Cli;

/// <summary>celery inspect registered|active|reserved|scheduled, plus nodes and stats, from the shared store.</summary>
public static class InspectCommand
{
    private static readonly Dictionary<string, (string Sql, string Title)> Views = new(StringComparer.Ordinal)
    {
        ["registered"] = (InspectQueries.Registered, "Registered jobs"),
        ["active"] = (InspectQueries.Active, "Running now"),
        ["reserved"] = (InspectQueries.Reserved, "Claimed and waiting"),
        ["scheduled"] = (InspectQueries.Scheduled, "Cron triggers and retries"),
        ["nodes"] = (InspectQueries.Nodes, "Scheduler nodes"),
        ["stats"] = (InspectQueries.Stats, "Statistics"),
    };

    public static Command Create(CliSettings settings)
    {
        var inspect = new Command("inspect", "Show the cluster's jobs, work and nodes");
        foreach (var (name, (sql, title)) in Views)
        {
            var command = new Command(name, title);
            command.SetAction(async (parse, ct) =>
            {
                await using var db = settings.OpenDatabase();
                Rows.Print(await Rows.QueryAsync(db, sql, ct, ("s", settings.SchedulerName),
                    ("cron", Jobs.SchedulerOptions.MaintenanceName(settings.SchedulerName))), parse.GetValue(CliApp.Json), title);
                return 0;
            });
            inspect.Subcommands.Add(command);
        }
        return inspect;
    }
}
