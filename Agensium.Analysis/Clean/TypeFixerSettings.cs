using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>Parameters of type-fixer: the numeric and date thresholds (70%), whole-float → int, score weights.</summary>
public sealed record TypeFixerSettings(
    double NumericThreshold,
    double DateThreshold,
    bool ConvertWholeFloats,
    double SuccessWeight,
    double ConsistencyWeight,
    double ExcellentThreshold,
    double GoodThreshold)
{
    /// <summary>AGENSIUM's numeric_threshold: more than this share (%) of a column's values are numbers to make it numeric.</summary>
    public const double DefaultNumericThreshold = 70;

    /// <summary>AGENSIUM's defaults.</summary>
    public static TypeFixerSettings Defaults() => new(DefaultNumericThreshold, 70, true, 0.7, 0.3, 90, 75);

    /// <summary>Reads the settings from the agent's parameters; missing keys take the defaults.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for a value of the wrong type or out of range.</exception>
    public static TypeFixerSettings From(AgentParameters p)
    {
        var d = Defaults();
        var weights = p.GetWeights(("success_weight", d.SuccessWeight), ("consistency_weight", d.ConsistencyWeight));
        return new TypeFixerSettings(
            p.GetDouble("numeric_threshold", d.NumericThreshold, 0, 100),
            p.GetDouble("date_threshold", d.DateThreshold, 0, 100),
            p.GetBool("convert_whole_floats", d.ConvertWholeFloats),
            weights[0],
            weights[1],
            p.GetDouble("excellent_threshold", d.ExcellentThreshold, 0, 100),
            p.GetDouble("good_threshold", d.GoodThreshold, 0, 100, notAbove: "excellent_threshold"));
    }

    /// <summary>As a snake_case JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["numeric_threshold"] = NumericThreshold,
        ["date_threshold"] = DateThreshold,
        ["convert_whole_floats"] = ConvertWholeFloats,
        ["success_weight"] = SuccessWeight,
        ["consistency_weight"] = ConsistencyWeight,
        ["excellent_threshold"] = ExcellentThreshold,
        ["good_threshold"] = GoodThreshold,
    };
}
