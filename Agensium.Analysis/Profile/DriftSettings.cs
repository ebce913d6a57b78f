using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>Parameters of the drift-detector agent.</summary>
/// <param name="Method">kolmogorov_smirnov (default) or chi2 (accepted, not implemented: no p-value test is run).</param>
/// <param name="Alpha">Significance level of the KS test (default 0.05).</param>
/// <param name="MinSampleSize">Non-null values a shared column needs on both sides to be analysed (default 100).</param>
/// <param name="PsiNoiseGuard">
/// When true (default; a departure from AGENSIUM, whose rule is PSI &gt; 0.1 alone), a PSI counts as drift only above
/// what two samples of one distribution reach by chance about once in 100 (<see cref="PsiGuard"/>: sparse bins or
/// categories merged, χ²'s 99th percentile plus the small-count bias), and severity is judged against that threshold:
/// at 100 rows a side, resampled data passed 0.1 in most columns.
/// </param>
public sealed record DriftSettings(string Method, double Alpha, int MinSampleSize, bool PsiNoiseGuard = true)
{
    /// <summary>The methods parameters.json may name.</summary>
    public static readonly IReadOnlyList<string> Methods = ["kolmogorov_smirnov", "chi2"];

    /// <summary>AGENSIUM's defaults.</summary>
    public static DriftSettings Defaults() => new("kolmogorov_smirnov", 0.05, 100, PsiNoiseGuard: true);

    /// <summary>True when the KS test is run (method kolmogorov_smirnov).</summary>
    public bool RunsKsTest => Method == "kolmogorov_smirnov";

    /// <summary>Reads the settings; missing keys take the defaults.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for a value of the wrong type or out of range.</exception>
    public static DriftSettings From(AgentParameters parameters)
    {
        var d = Defaults();
        string method = parameters.GetString("method", d.Method, [.. Methods]);
        double alpha = parameters.GetDouble("alpha", d.Alpha, 0, 1);
        if (alpha is 0 or 1)
        {
            // p < 0 never holds and p < 1 nearly always: the KS test would never, or always, call a column drifted.
            throw parameters.Invalid("alpha", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"must be above 0 and below 1 (a significance level such as 0.05; {alpha} would make the KS test {(alpha == 0 ? "never" : "always")} report drift), got {alpha}"));
        }

        return new DriftSettings(
            method,
            alpha,
            parameters.GetInt("min_sample_size", d.MinSampleSize, 1, int.MaxValue),
            parameters.GetBool("psi_noise_guard", d.PsiNoiseGuard));
    }

    /// <summary>The settings as a snake_case JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["method"] = Method,
        ["alpha"] = Alpha,
        ["min_sample_size"] = MinSampleSize,
        ["psi_noise_guard"] = PsiNoiseGuard,
    };
}
