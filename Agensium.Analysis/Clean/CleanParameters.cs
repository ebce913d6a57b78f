using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>The clean agents' names for the shared readers of <see cref="AgentParameters"/> (kept so their call sites stay put), plus clean-only helpers.</summary>
internal static class CleanParameters
{
    public static string GetString(AgentParameters p, string name, string defaultValue, params string[] allowed) =>
        p.GetString(name, defaultValue, allowed);

    public static bool GetBool(AgentParameters p, string name, bool defaultValue) => p.GetBool(name, defaultValue);

    /// <summary>A list of strings; a single string is taken as a one-element list (or a comma-separated list).</summary>
    public static IReadOnlyList<string> GetStringList(AgentParameters p, string name) => p.GetStringList(name, splitCommas: true);

    public static JsonObject GetObject(AgentParameters p, string name) => p.GetObject(name);

    public static JsonArray GetArray(AgentParameters p, string name) => p.GetArray(name);

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

    /// <summary>{defaults, overrides, parameters} (see <see cref="AgentParameters.Describe"/>).</summary>
    public static void Describe(JsonObject data, JsonObject defaults, JsonObject effective, AgentParameters p) => p.Describe(data, defaults, effective);

    public static AnalysisException Invalid(AgentParameters p, string name, string what) => p.Invalid(name, what);

    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
