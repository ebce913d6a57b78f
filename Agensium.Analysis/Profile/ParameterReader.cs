using System.Text.Json;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>Readers for string, list and object parameters (numbers go through <see cref="AgentParameters"/>).</summary>
internal static class ParameterReader
{
    /// <summary>A string parameter that must be one of <paramref name="allowed"/> (case-insensitive, returned lower-case).</summary>
    public static string GetChoice(AgentParameters parameters, string name, string defaultValue, IReadOnlyList<string> allowed)
    {
        var node = parameters.Supplied[name];
        if (node is null)
        {
            return defaultValue;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw Invalid(parameters, name, $"must be a string, got {node.ToJsonString()}");
        }

        string value = node.GetValue<string>().Trim().ToLowerInvariant();
        return allowed.Contains(value) ? value
            : throw Invalid(parameters, name, $"must be one of {string.Join(", ", allowed)}, got '{value}'");
    }

    /// <summary>A list of strings (a JSON array, or a single string taken as a one-item list); empty when absent.</summary>
    public static IReadOnlyList<string> GetStringList(AgentParameters parameters, string name)
    {
        return parameters.Supplied[name] switch
        {
            null => [],
            JsonArray array when array.All(n => n?.GetValueKind() == JsonValueKind.String) => [.. array.Select(n => n!.GetValue<string>())],
            JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
            var other => throw Invalid(parameters, name, $"must be a list of column names, got {other.ToJsonString()}"),
        };
    }

    /// <summary>An object keyed by column name; empty when absent.</summary>
    public static JsonObject GetObject(AgentParameters parameters, string name) =>
        parameters.Supplied[name] switch
        {
            null => [],
            JsonObject obj => obj,
            var other => throw Invalid(parameters, name, $"must be an object keyed by column name, got {other.ToJsonString()}"),
        };

    /// <summary>INVALID_PARAMETERS for agent.name.</summary>
    public static AnalysisException Invalid(AgentParameters parameters, string name, string what) =>
        new(AnalysisErrorCodes.InvalidParameters, $"Parameter {parameters.AgentId}.{name} {what}.");

    /// <summary>{defaults, overrides, parameters}: overrides are the supplied keys the agent knows, with their effective values.</summary>
    public static void Echo(JsonObject data, JsonObject defaults, JsonObject effective, AgentParameters parameters)
    {
        var overrides = new JsonObject();
        foreach (var (key, _) in parameters.Supplied)
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
}
