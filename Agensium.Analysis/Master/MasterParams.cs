using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>The master agents' names for the shared readers of <see cref="AgentParameters"/> (kept so their call sites stay put).</summary>
internal static class MasterParams
{
    public static string Str(AgentParameters p, string name, string defaultValue) => p.GetString(name, defaultValue);

    public static string? OptStr(AgentParameters p, string name) => p.GetOptionalString(name);

    public static bool Bool(AgentParameters p, string name, bool defaultValue) => p.GetBool(name, defaultValue);

    /// <summary>A JSON list of strings (numbers and booleans as text), or one comma-separated string.</summary>
    public static List<string> List(AgentParameters p, string name) => p.GetStringList(name, splitCommas: true, scalarsAsText: true);

    public static JsonObject? Obj(AgentParameters p, string name) => p.GetOptionalObject(name);

    /// <summary>An object of name → number.</summary>
    public static Dictionary<string, double> NumberMap(AgentParameters p, string name) => p.GetNumberMap(name);

    /// <summary>An object of name → string.</summary>
    public static Dictionary<string, string> StringMap(AgentParameters p, string name) => p.GetStringMap(name);

    public static string? Text(JsonNode? node) => AgentParameters.ScalarText(node);

    public static double? Number(JsonNode? node) => AgentParameters.ScalarNumber(node);

    public static AnalysisException Invalid(AgentParameters p, string name, string what) => p.Invalid(name, what);
}
