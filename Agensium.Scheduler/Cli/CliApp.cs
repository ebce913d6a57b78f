using System.CommandLine;

namespace Agensium.Scheduler.Cli;

/// <summary>
/// The operator CLI in the service executable: <c>inspect</c> and <c>history</c> read the cluster state from
/// PostgreSQL; <c>submit</c>, <c>status</c>, <c>tasks</c>, <c>download</c>, <c>cancel</c>, <c>retry</c>, <c>remove-input</c> and <c>debug</c> go
/// through a node's API; <c>analyze</c> runs a tool
/// on local files with no server at all.
/// </summary>
public static class CliApp
{
    private static readonly IReadOnlySet<string> HelpTokens = new HashSet<string> { "--help", "-h", "-?", "--version" };

    /// <summary>
    /// True when the command line is for the CLI, not the service: its first word is a command (known or not: a
    /// misspelt one gets the CLI's "Unrecognized command", not a node started by mistake) or asks for help. The service
    /// takes no arguments but host settings (--urls …, /key value, key=value).
    /// </summary>
    public static bool IsCommand(string first) =>
        HelpTokens.Contains(first) || (first.Length > 0 && first[0] is not ('-' or '/') && !first.Contains('='));

    private static readonly IReadOnlySet<string> GlobalOptions = new HashSet<string>(StringComparer.Ordinal) { "--json", "--url", "--api-key" };

    /// <summary>
    /// True when <paramref name="args"/> are for the CLI: a command first (<see cref="IsCommand"/>), or one of the CLI's
    /// own options (--json, --url, --api-key) before it, as in <c>--json tasks</c>; such a line started a whole service
    /// node before, which joined the cluster and never exited.
    /// </summary>
    public static bool IsCommandLine(IReadOnlyList<string> args) =>
        args.Count > 0 && (IsCommand(args[0]) || GlobalOptions.Contains(args[0].Split('=', 2)[0]));

    public static readonly Option<bool> Json = new("--json") { Description = "Print JSON for scripts instead of tables", Recursive = true };
    public static readonly Option<string?> Url = new("--url") { Description = "Node API to use (default AGENSIUM_URL or http://127.0.0.1:5101)", Recursive = true };
    public static readonly Option<string?> ApiKey = new("--api-key") { Description = "API key (default AGENSIUM_API_KEY or the first configured key)", Recursive = true };

    /// <summary>Columns assumed when standard output is not a terminal: wide enough that no line is wrapped.</summary>
    public const int PipedWidth = 4096;

    public static Task<int> RunAsync(string[] args)
    {
        // Piped into a script or a file, Spectre would wrap lines at 80 columns (a long path split over two lines).
        if (Console.IsOutputRedirected)
        {
            Spectre.Console.AnsiConsole.Profile.Width = PipedWidth;
        }

        var settings = CliSettings.Load();
        var root = new RootCommand("Agensium.Scheduler: run the service (no arguments) or operate a cluster");
        root.Options.Add(Json);
        root.Options.Add(Url);
        root.Options.Add(ApiKey);
        root.Subcommands.Add(InspectCommand.Create(settings));
        root.Subcommands.Add(HistoryCommand.Create(settings));
        root.Subcommands.Add(TaskCommands.Submit(settings));
        root.Subcommands.Add(TaskQueryCommands.Status(settings));
        root.Subcommands.Add(TaskQueryCommands.List(settings));
        root.Subcommands.Add(TaskCommands.Cancel(settings));
        root.Subcommands.Add(TaskQueryCommands.Retry(settings));
        root.Subcommands.Add(TaskCommands.RemoveInput(settings));
        root.Subcommands.Add(DownloadCommand.Create(settings));
        root.Subcommands.Add(TaskCommands.Debug(settings));
        root.Subcommands.Add(AnalyzeCommand.Create());
        // Refusals (CliException) propagate to Program, which prints them as one line.
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A refused command line is said here, one useful line per problem, not under the whole help text nor with
            // System.CommandLine's "Required command was not provided." before "Unrecognized command".
            return Task.FromResult(Refuse(CliParseErrors.Lines(parsed), args));
        }

        return parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static int Refuse(IReadOnlyList<string> lines, string[] args)
    {
        foreach (var line in lines)
        {
            Console.Error.WriteLine(line);
        }
        if (CliErrors.WantsJson(args))
        {
            // A script reading JSON gets it too, on standard output.
            string message = string.Join(" ", lines);
            Console.WriteLine(CliErrors.ToJson(new CliException(message), "INVALID_ARGUMENTS", message));
        }
        return 1;
    }
}
