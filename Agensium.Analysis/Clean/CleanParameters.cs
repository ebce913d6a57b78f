using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>Typed readers for the non-numeric parameters of clean agents (strings, booleans, lists, objects); a missing key yields the default.</summary>
internal static class CleanParameters
{
    public static string GetString(AgentParameters p, string name, string defaultValue, params string[] allowed)
    {
        var node = p.Supplied[name];
        if (node is null)
        {
            return defaultValue;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw Invalid(p, name, $"must be a string, got {node.ToJsonString()}");
        }

        string value = node.GetValue<string>().Trim();
        if (allowed.Length > 0 && !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            throw Invalid(p, name, $"must be one of {string.Join(", ", allowed)}, got '{value}'");
        }

        return allowed.Length > 0 ? allowed.First(a => a.Equals(value, StringComparison.OrdinalIgnoreCase)) : value;
    }

    public static bool GetBool(AgentParameters p, string name, bool defaultValue)
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
            _ => throw Invalid(p, name, $"must be true or false, got {node.ToJsonString()}"),
        };
    }

    /// <summary>A list of strings; a single string is taken as a one-element list (or a comma-separated list).</summary>
    public static IReadOnlyList<string> GetStringList(AgentParameters p, string name)
    {
        var node = p.Supplied[name];
        switch (node)
        {
            case null:
                return [];
            case JsonArray array:
                return [.. array.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String
                    ? v.GetValue<string>()
                    : throw Invalid(p, name, "must be a list of strings"))];
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return [.. v.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            default:
                throw Invalid(p, name, $"must be a list of strings, got {node.ToJsonString()}");
        }
    }

    public static JsonObject GetObject(AgentParameters p, string name)
    {
        var node = p.Supplied[name];
        return node switch
        {
            null => [],
            JsonObject obj => obj,
            _ => throw Invalid(p, name, $"must be a JSON object, got {node.ToJsonString()}"),
        };
    }

    public static JsonArray GetArray(AgentParameters p, string name)
    {
        var node = p.Supplied[name];
        return node switch
        {
            null => [],
            JsonArray array => array,
            _ => throw Invalid(p, name, $"must be a JSON list, got {node.ToJsonString()}"),
        };
    }

    /// <summary>Score weight: a number within [0, 1].</summary>
    public static double Weight(AgentParameters p, string name, double defaultValue) => p.GetDouble(name, defaultValue, 0, 1);

    /// <summary>Checks that every named column exists in the current file; an agent error (not a task error) otherwise, since an earlier agent may have dropped it.</summary>
    public static void RequireColumns(AgentParameters p, string name, IEnumerable<string> columns, IReadOnlyList<string> header)
    {
        var missing = columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Parameter {p.AgentId}.{name} names column(s) not in the file: {string.Join(", ", missing)}.");
        }
    }

    /// <summary>{defaults, overrides (supplied keys with their effective value), parameters (effective)} for an agent's data.</summary>
    public static void Describe(JsonObject data, JsonObject defaults, JsonObject effective, AgentParameters p)
    {
        var overrides = new JsonObject();
        foreach (var (key, _) in p.Supplied)
        {
            if (effective.ContainsKey(key))
            {
                overrides[key] = effective[key]?.DeepClone();
            }
        }

        data["defaults"] = defaults;
        data["overrides"] = overrides;
        data["parameters"] = effective;
    }

    public static AnalysisException Invalid(AgentParameters p, string name, string what) =>
        new(AnalysisErrorCodes.InvalidParameters, $"Parameter {p.AgentId}.{name} {what}.");

    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
