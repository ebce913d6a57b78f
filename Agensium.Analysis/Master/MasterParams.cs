using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>Typed readers for master agent parameters beyond numbers: strings, booleans, lists and maps.</summary>
internal static class MasterParams
{
    public static string Str(AgentParameters p, string name, string defaultValue)
    {
        var node = p.Supplied[name];
        return node is null ? defaultValue
            : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>().Trim()
            : throw Invalid(p, name, "must be a string");
    }

    public static string? OptStr(AgentParameters p, string name) =>
        p.Supplied[name] is null ? null : Str(p, name, "");

    public static bool Bool(AgentParameters p, string name, bool defaultValue)
    {
        var node = p.Supplied[name];
        if (node is null)
        {
            return defaultValue;
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(node.GetValue<string>(), out bool b) => b,
            _ => throw Invalid(p, name, "must be true or false"),
        };
    }

    /// <summary>A JSON list of strings, or one comma-separated string.</summary>
    public static List<string> List(AgentParameters p, string name)
    {
        var node = p.Supplied[name];
        return node switch
        {
            null => [],
            JsonArray array => [.. array.Select(n => Text(n) ?? throw Invalid(p, name, "must list strings"))],
            JsonValue when node.GetValueKind() == JsonValueKind.String =>
                [.. node.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            _ => throw Invalid(p, name, "must be a list of strings"),
        };
    }

    public static JsonObject? Obj(AgentParameters p, string name) => p.Supplied[name] switch
    {
        null => null,
        JsonObject obj => obj,
        _ => throw Invalid(p, name, "must be a JSON object"),
    };

    /// <summary>An object of name → number.</summary>
    public static Dictionary<string, double> NumberMap(AgentParameters p, string name)
    {
        var map = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in Obj(p, name) ?? [])
        {
            map[key] = Number(value) ?? throw Invalid(p, name, $"entry '{key}' must be a number");
        }

        return map;
    }

    /// <summary>An object of name → string.</summary>
    public static Dictionary<string, string> StringMap(AgentParameters p, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in Obj(p, name) ?? [])
        {
            map[key] = Text(value) ?? throw Invalid(p, name, $"entry '{key}' must be a string");
        }

        return map;
    }

    public static string? Text(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => node.ToJsonString(),
        _ => null,
    };

    public static double? Number(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => node.GetValue<double>(),
        JsonValueKind.String when double.TryParse(node.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
        _ => null,
    };

    public static AnalysisException Invalid(AgentParameters p, string name, string what) =>
        new(AnalysisErrorCodes.InvalidParameters, $"Parameter {p.AgentId}.{name} {what}.");
}
