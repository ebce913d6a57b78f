using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>
/// A master agent's score weights and status thresholds, read from its parameters (AGENSIUM §4: the score is
/// Σ part·weight and the weights are parameters; excellent_threshold and good_threshold set the status words).
/// Weights are 0–1 and scaled to sum 1 when they do not (said in data.weights_scaled); good may not exceed excellent.
/// </summary>
internal sealed class ScoreSettings
{
    private readonly (string Name, double Default)[] _weights;
    private readonly double[] _used;
    private readonly (double Excellent, double Good)? _defaults;

    private ScoreSettings((string Name, double Default)[] weights, double[] used, (double, double)? defaults, double excellent, double good)
    {
        _weights = weights;
        _used = used;
        _defaults = defaults;
        Excellent = excellent;
        Good = good;
    }

    /// <summary>The score at or above which the status is the best word ("excellent", "compliant").</summary>
    public double Excellent { get; }

    /// <summary>The score at or above which the status is the middle word ("good", "partially_compliant").</summary>
    public double Good { get; }

    /// <summary>Reads the weights and the two status thresholds.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for a weight outside 0–1, all weights 0, a threshold outside 0–100 or good above excellent.</exception>
    public static ScoreSettings Read(AgentParameters parameters, double excellent, double good, params (string Name, double Default)[] weights)
    {
        double[] used = parameters.GetWeights(weights);
        double e = parameters.GetDouble("excellent_threshold", excellent, 0, 100);
        double g = parameters.GetDouble("good_threshold", good, 0, 100, notAbove: "excellent_threshold");
        return new ScoreSettings(weights, used, (excellent, good), e, g);
    }

    /// <summary>Reads weights only, for a score that has no status words.</summary>
    public static ScoreSettings ReadWeights(AgentParameters parameters, params (string Name, double Default)[] weights) =>
        new(weights, parameters.GetWeights(weights), null, 100, 100);

    /// <summary>Σ part·weight, the parts in the order the weights were declared.</summary>
    public double Weigh(params double[] parts)
    {
        if (parts.Length != _used.Length)
        {
            throw new ArgumentException($"{_used.Length} parts expected, got {parts.Length}.", nameof(parts));
        }

        double sum = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            sum += parts[i] * _used[i];
        }

        return sum;
    }

    /// <summary>The status word of a score: <paramref name="best"/> at or above excellent_threshold, <paramref name="middle"/> at or above good_threshold.</summary>
    public string Status(double score, string best = "excellent", string middle = "good", string worst = "needs_improvement") =>
        score >= Excellent ? best : score >= Good ? middle : worst;

    /// <summary>Adds the defaults to the data.defaults block and the values used to the data.parameters block.</summary>
    public void AddTo(JsonObject defaults, JsonObject effective)
    {
        for (int i = 0; i < _weights.Length; i++)
        {
            defaults[_weights[i].Name] = _weights[i].Default;
            effective[_weights[i].Name] = Math.Round(_used[i], 6);
        }

        if (_defaults is { } d)
        {
            defaults["excellent_threshold"] = d.Excellent;
            defaults["good_threshold"] = d.Good;
            effective["excellent_threshold"] = Excellent;
            effective["good_threshold"] = Good;
        }
    }
}
