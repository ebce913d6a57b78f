using System.CommandLine;
using System.CommandLine.Parsing;
using Agensium.Analysis.Common;

namespace Agensium.Scheduler.Cli;

/// <summary>
/// What a refused command line is told, one useful line per problem. System.CommandLine says every unmatched word
/// ("Unrecognized command or argument 'x'" for a misspelt command and again for each word after it) and, before them,
/// "Required command was not provided." for a command line whose command it did not recognise, and prints its typo
/// suggestions on standard output, where a script reads JSON. Here: the first unknown word with the name it was probably
/// meant to be, then the refused values of options and arguments as the validators word them.
/// </summary>
public static class CliParseErrors
{
    public static IReadOnlyList<string> Lines(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        // A command of commands (the root, inspect) has no action of its own: without a known subcommand it is refused.
        bool needsSubcommand = command.Subcommands.Count > 0 && command.Action is null;
        var unmatched = parsed.UnmatchedTokens;
        var lines = new List<string>();
        if (unmatched.Count > 0)
        {
            lines.Add(Unrecognized(unmatched[0], command, needsSubcommand));
        }
        foreach (var error in parsed.Errors)
        {
            // The command's own errors are the ones said above: each unmatched word, and the missing subcommand.
            bool commandLevel = error.SymbolResult is CommandResult or null;
            if (commandLevel && (needsSubcommand || unmatched.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal))))
            {
                continue;
            }
            lines.Add(error.Message);
        }
        if (lines.Count == 0 && needsSubcommand)
        {
            lines.Add(command is RootCommand
                ? $"Give a command: {Names(command.Subcommands)} (--help says what each does)."
                : $"{command.Name} needs a command: {Names(command.Subcommands)}.");
        }
        return lines;
    }

    private static string Unrecognized(string token, Command command, bool needsSubcommand)
    {
        bool root = command is RootCommand;
        if (token.StartsWith('-'))
        {
            var options = Options(command).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct().ToList();
            return (root ? $"Unknown option '{token}'." : $"{command.Name} has no option '{token}'.") + Hint(token, options);
        }
        if (needsSubcommand)
        {
            var names = command.Subcommands.Select(c => c.Name).ToList();
            return (root ? $"Unknown command '{token}'." : $"{command.Name} has no command '{token}'.")
                + $"{Hint(token, names)} Commands: {Names(command.Subcommands)}.";
        }
        return root ? $"Unexpected argument '{token}'." : $"Unexpected argument '{token}' for {command.Name}.";
    }

    // The command's options and those of its parents that apply to it (--json, --url, --api-key, --help).
    private static IEnumerable<Option> Options(Command command)
    {
        for (Symbol? symbol = command; symbol is Command c; symbol = c.Parents.FirstOrDefault())
        {
            foreach (var option in c.Options.Where(o => ReferenceEquals(c, command) || o.Recursive))
            {
                yield return option;
            }
        }
    }

    private static string Hint(string token, IReadOnlyList<string> known) =>
        NameSuggestion.Closest(token, known) is { } closest ? $" Did you mean '{closest}'?" : "";

    private static string Names(IEnumerable<Command> commands) => string.Join(", ", commands.Select(c => c.Name));
}
