using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>The profile agents' names for the shared readers of <see cref="AgentParameters"/> (kept so their call sites stay put).</summary>
internal static class ParameterReader
{
    /// <summary>A string parameter that must be one of <paramref name="allowed"/> (any case; returned as spelled there, i.e. lower-case).</summary>
    public static string GetChoice(AgentParameters parameters, string name, string defaultValue, IReadOnlyList<string> allowed) =>
        parameters.GetString(name, defaultValue, [.. allowed]);

    /// <summary>A list of strings (a JSON array, or a single string taken as a one-item list); empty when absent.</summary>
    public static IReadOnlyList<string> GetStringList(AgentParameters parameters, string name) =>
        parameters.GetStringList(name, splitCommas: false);

    /// <summary>An object keyed by column name; empty when absent.</summary>
    public static JsonObject GetObject(AgentParameters parameters, string name) => parameters.GetObject(name);

    /// <summary>INVALID_PARAMETERS for agent.name.</summary>
    public static AnalysisException Invalid(AgentParameters parameters, string name, string what) => parameters.Invalid(name, what);

    /// <summary>{defaults, overrides, parameters} (see <see cref="AgentParameters.Describe"/>).</summary>
    public static void Echo(JsonObject data, JsonObject defaults, JsonObject effective, AgentParameters parameters) =>
        parameters.Describe(data, defaults, effective);
}
