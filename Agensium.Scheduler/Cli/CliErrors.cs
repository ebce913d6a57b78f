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

    /// <summary>
    /// The one-line message, exit code and error code (for --json) for <paramref name="e"/>, or null when it is not an
    /// operator's matter.
    /// </summary>
    public static (string Message, int ExitCode, string ErrorCode)? Describe(Exception e) => e switch
    {
        CliException c => (c.Message, c.ExitCode, c.ErrorCode ?? (c.ExitCode == Interrupted ? "INTERRUPTED" : "INVALID_ARGUMENTS")),
        OperationCanceledException => ("Interrupted.", Interrupted, "INTERRUPTED"),
        HttpRequestException http => ($"Cannot reach a node's API ({http.Message}). Start a node (scripts/node.sh start 1) or point --url or AGENSIUM_URL at a running one.", 1, "NODE_UNREACHABLE"),
        UriFormatException => ($"--url must be a node's address such as http://127.0.0.1:5101 ({e.Message})", 1, "INVALID_ARGUMENTS"),
        JsonException => ("The server at --url did not answer as an Agensium node (its reply is not the API's JSON): is it a node's API address?", 1, "NODE_UNREACHABLE"),
        Npgsql.NpgsqlException or SocketException =>
            ($"Cannot reach PostgreSQL ({e.Message}). inspect and history read the cluster's database (ConnectionStrings:Postgres; with the scripts' stack, `source scripts/lib/stack-env.sh` first).", 1, "DATABASE_UNREACHABLE"),
        IOException or UnauthorizedAccessException => ($"Cannot write the output there: {e.Message}", 1, "OUTPUT_NOT_WRITABLE"),
        _ => null,
    };

    /// <summary>
    /// True when the command line asks for JSON (<c>--json</c> anywhere, as the option is recursive): a failure is then
    /// also printed as <see cref="ToJson"/> on standard output, where a script reads the command's result.
    /// </summary>
    public static bool WantsJson(IEnumerable<string> args) =>
        args.Any(a => a == "--json" || a.Equals("--json=true", StringComparison.OrdinalIgnoreCase) || a.Equals("--json:true", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A failure as the API answers one, <c>{"error_code": …, "message": …}</c> on one line; the message without the
    /// codes the one-line form starts with (<see cref="CliException.Reason"/>).
    /// </summary>
    public static string ToJson(Exception e, string errorCode, string message) =>
        new System.Text.Json.Nodes.JsonObject { ["error_code"] = errorCode, ["message"] = (e as CliException)?.Reason ?? message }.ToJsonString(CliJson.Compact);
}
