using System.Net.Sockets;
using System.Text.Json;

namespace Agensium.Scheduler.Cli;

/// <summary>
/// What an operator is told, in one line, when a CLI command fails for a reason outside the program: no node at
/// --url, PostgreSQL down, an --out that cannot be written, Ctrl-C. Anything else is a bug and keeps its stack trace.
/// </summary>
public static class CliErrors
{
    /// <summary>Exit code of a command interrupted by Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>The one-line message and exit code for <paramref name="e"/>, or null when it is not an operator's matter.</summary>
    public static (string Message, int ExitCode)? Describe(Exception e) => e switch
    {
        CliException c => (c.Message, c.ExitCode),
        OperationCanceledException => ("Interrupted.", Interrupted),
        HttpRequestException http => ($"Cannot reach a node's API ({http.Message}). Start a node (scripts/node.sh start 1) or point --url or AGENSIUM_URL at a running one.", 1),
        UriFormatException => ($"--url must be a node's address such as http://127.0.0.1:5101 ({e.Message})", 1),
        JsonException => ("The server at --url did not answer as an Agensium node (its reply is not the API's JSON): is it a node's API address?", 1),
        Npgsql.NpgsqlException or SocketException =>
            ($"Cannot reach PostgreSQL ({e.Message}). inspect and history read the cluster's database (ConnectionStrings:Postgres; with the scripts' stack, `source scripts/lib/stack-env.sh` first).", 1),
        IOException or UnauthorizedAccessException => ($"Cannot write the output there: {e.Message}", 1),
        _ => null,
    };
}
