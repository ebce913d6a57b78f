using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agensium.Analysis.Input;

/// <summary>One agent's parameter object with typed, range-checked readers; a missing key yields the default.</summary>
public sealed class AgentParameters(string agentId, JsonObject supplied)
{
    /// <summary>The agent these parameters belong to.</summary>
    public string AgentId { get; } = agentId;

    /// <summary>The keys and values as supplied in parameters.json (after JSON-string unwrapping).</summary>
    public JsonObject Supplied { get; } = supplied;

    /// <summary>Reads a number (a JSON number or a numeric string) within [min, max].</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS when the value is not a number or out of range.</exception>
    public double GetDouble(string name, double defaultValue, double min, double max)
    {
        var node = Supplied[name];
        if (node is null)
        {
            return defaultValue;
        }

        double value = node.GetValueKind() switch
        {
            JsonValueKind.Number => node.GetValue<double>(),
            JsonValueKind.String when double.TryParse(node.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
            _ => throw Invalid(name, $"must be a number, got {node.ToJsonString()}"),
        };
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw Invalid(name, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {value.ToString(CultureInfo.InvariantCulture)}");
        }

        return value;
    }

    /// <summary>Reads a whole number within [min, max].</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS when the value is not a whole number or out of range.</exception>
    public int GetInt(string name, int defaultValue, int min, int max)
    {
        double value = GetDouble(name, defaultValue, min, max);
        if (Math.Floor(value) != value)
        {
            throw Invalid(name, $"must be a whole number, got {value.ToString(CultureInfo.InvariantCulture)}");
        }

        return (int)value;
    }

    private AnalysisException Invalid(string name, string what) =>
        new(AnalysisErrorCodes.InvalidParameters, $"Parameter {AgentId}.{name} {what}.");
}
