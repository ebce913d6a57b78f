using System.CommandLine;
using Agensium.Analysis;
using Agensium.Scheduler.Worker;
using Spectre.Console;

namespace Agensium.Scheduler.Cli;

/// <summary>
/// Local mode: <c>analyze FILE... --tool TOOL [--params parameters.json] [--out DIR]</c> runs a tool on local files
/// with no server (no PostgreSQL, Redis or S3), shows a progress bar and writes the same outputs to a folder.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Data files; a name containing 'baseline' is the baseline", Arity = ArgumentArity.OneOrMore };
        var tool = new Option<string>("--tool") { Description = "profile-my-data, clean-my-data or master-my-data", Required = true };
        var parameters = new Option<FileInfo?>("--params") { Description = "parameters.json keyed by agent id" };
        var output = new Option<DirectoryInfo>("--out") { DefaultValueFactory = _ => new DirectoryInfo("agensium-output") };
        var agents = new Option<string[]>("--agents") { Description = "Agents to run, separated by spaces or commas (default: the tool's chain)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("analyze", "Run a tool on local files, no server needed") { files, tool, parameters, output, agents };
        command.SetAction(async (parse, ct) =>
        {
            var registry = new ToolRegistry(new ToolCatalog(TimeProvider.System), faultInjection: false);
            var toolId = parse.GetValue(tool)!;
            if (!registry.TryGet(toolId, out var analysisTool))
            {
                throw new CliException(registry.IsKnown(toolId)
                    ? $"{toolId} is not available in this version."
                    : $"Unknown tool '{toolId}' for --tool (tool ids are exact). {Api.UnknownToolHint.Describe(toolId, registry.KnownToolIds)}");
            }
            var inputs = new List<InputFile>();
            foreach (var file in parse.GetValue(files)!)
            {
                if (inputs.Any(i => string.Equals(i.Name, file.Name, StringComparison.Ordinal)))
                {
                    // The tools pick their files by name (primary, baseline); one name twice would leave one unread.
                    throw new CliException($"{file.Name} is given twice (or two files share the name); give each data file once, under its own name.");
                }

                inputs.Add(file.Exists ? new InputFile(file.Name, file.FullName) : throw CliException.NoSuchFile(file));
            }
            // In name order, as a task's files are listed from S3: of several files of one role the last in name order is
            // analysed, so the same files give the same result here and in the cluster, whatever order they are given in.
            inputs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            if (parse.GetValue(parameters) is { } p)
            {
                inputs.Add(p.Exists ? new InputFile("parameters.json", p.FullName) : throw CliException.NoSuchParametersFile(p));
            }
            var outDir = OutputFolder.Prepare(parse.GetValue(output)!.FullName);
            var request = new AnalysisRequest(Guid.NewGuid().ToString(), inputs, AgentList(parse.GetValue(agents)), outDir);

            AnalysisResult? result = null;
            // The progress goes to standard error: standard output is the result (JSON with --json, for scripts).
            var progressConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            await progressConsole.Progress().StartAsync(async progress =>
            {
                var bar = progress.AddTask(toolId, maxValue: 100);
                var report = new InlineProgress<AnalysisProgress>(p =>
                {
                    // As a node shows it: 20 once the first agent runs (the seed's PROCESSING), never backwards.
                    bar.Value = Math.Max(bar.Value, Math.Max(20, p.Progress));
                    bar.Description = p.CurrentAgent ?? toolId;
                });
                result = await analysisTool.RunAsync(request, report, ct);
                bar.Value = 100;
            });
            if (result is not { Succeeded: true })
            {
                throw new CliException($"{result?.ErrorCode}: {result?.ErrorMessage}") { ErrorCode = result?.ErrorCode, Reason = result?.ErrorMessage };
            }
            var warnings = ReportWarnings.FromOutputs(result.Outputs);
            if (parse.GetValue(CliApp.Json))
            {
                // For scripts, as every command with --json: the files written, one object.
                Console.WriteLine(new System.Text.Json.Nodes.JsonObject
                {
                    ["tool_id"] = toolId,
                    ["execution_time_ms"] = result.ExecutionTimeMs,
                    ["outputs"] = new System.Text.Json.Nodes.JsonArray([.. result.Outputs.Select(f => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
                    {
                        ["name"] = f.Name,
                        ["path"] = f.Path,
                    })]),
                    ["warnings"] = new System.Text.Json.Nodes.JsonArray([.. warnings.Select(w => (System.Text.Json.Nodes.JsonNode)w)]),
                }.ToJsonString(CliJson.Compact));
                return 0;
            }

            foreach (var file in result.Outputs)
            {
                AnsiConsole.MarkupLine($"[green]wrote[/] {Markup.Escape(file.Path)}");
            }
            ReportWarnings.Print(warnings);
            return 0;
        });
        return command;
    }

    /// <summary>--agents a b, --agents a,b and --agents "a, b" all name the same two agents.</summary>
    public static string[]? AgentList(string[]? given) =>
        given?.SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}
