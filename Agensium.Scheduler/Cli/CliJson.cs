using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Cli;

/// <summary>
/// How the CLI writes what it prints: JSON (--json) with letters, quotes and apostrophes as they are ("Input file
/// 'x.csv'", "données.csv", not "\u0027x.csv\u0027" or "donn\u00E9es.csv"): its output goes to a terminal, a file or a
/// JSON parser, never into HTML, so the default encoder's escaping for HTML only hid the text. In tables, text as
/// text: a value that is a list or an object is written as lines of words, never as JSON with its escapes.
/// </summary>
public static class CliJson
{
    /// <summary>Escapes only what JSON requires (and controls); other characters are written as themselves.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>For a command's result with --json.</summary>
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = Encoder };

    /// <summary>For one-line JSON (a failure's {error_code, message}, analyze's result).</summary>
    public static readonly JsonSerializerOptions Compact = new() { Encoder = Encoder };

    /// <summary>
    /// A JSON value as a table cell shows it: a string as its text, a number or true/false as written, null as "-",
    /// a list one item a line, an object as "key: value" pairs ("file_name: 😀.csv, size_bytes: 12, path: …").
    /// </summary>
    public static string Text(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "-",
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Array => string.Join("\n", value.AsArray().Select(Text)),
        JsonValueKind.Object => string.Join(", ", value.AsObject().Select(p => $"{p.Key}: {Inline(p.Value)}")),
        _ => value.ToJsonString(),
    };

    // Inside an object's line: a nested list on the same line.
    private static string Inline(JsonNode? value) =>
        value?.GetValueKind() == JsonValueKind.Array ? string.Join(", ", value.AsArray().Select(Inline)) : Text(value);
}
