using System.Text.Json.Nodes;

namespace Agensium.Analysis.Profile;

/// <summary>The drift figures of one analysed shared column.</summary>
internal sealed record DriftColumnResult(
    string Column,
    string Kind,
    long BaselineCount,
    long CurrentCount,
    double Psi,
    double? KsStatistic,
    double? PValue,
    double? JsDivergence,
    double? Wasserstein,
    double? DeltaMean,
    double? DeltaStd,
    double? DeltaMedian,
    IReadOnlyList<string> NewCategories,
    bool Drifted,
    string Severity,
    long BaselineNonNumeric = 0,
    long CurrentNonNumeric = 0,
    bool BaselineDecimalComma = false,
    bool CurrentDecimalComma = false)
{
    /// <summary>The PSI test of the column's bins or categories (<see cref="PsiGuard"/>).</summary>
    public PsiTest Test { get; init; } = new(Psi, Psi, DriftColumnAnalyzer.DriftPsi, 0, 0);

    /// <summary>The PSI above which the column drifted.</summary>
    public double PsiThreshold => Test.Threshold;

    /// <summary>True when the noise guard was on (the tested PSI and its cells are reported).</summary>
    public bool NoiseGuard { get; init; }

    /// <summary>For a numeric column, the range its bins were laid over (<see cref="DriftBinRange"/>), and the values outside it on each side.</summary>
    public DriftBinRange? BinRange { get; init; }

    public (long Baseline, long Current) OutsideBinRange { get; init; }

    /// <summary>For a numeric column of few distinct values whose bins hold several of them, its values tested one by one; null otherwise.</summary>
    public DiscreteValueTest? ByValue { get; init; }

    /// <summary>Categories the current file has and the baseline lacks (all of them; <see cref="NewCategories"/> lists the first).</summary>
    public long NewCategoryCount { get; init; }

    /// <summary>Categories the baseline has and the current file lacks, most frequent first, at most <see cref="DriftColumnAnalyzer.CategoryListCap"/>.</summary>
    public IReadOnlyList<string> MissingCategories { get; init; } = [];

    public long MissingCategoryCount { get; init; }

    /// <summary>For a categorical column of many values a side, its value shapes compared; null otherwise.</summary>
    public ShapeDrift? Shapes { get; init; }

    public JsonObject ToJson()
    {
        var json = Figures();
        if (BaselineDecimalComma && CurrentDecimalComma)
        {
            // Both files' values were read with a decimal comma ("616,91" = 616.91), as they are written.
            json["notation"] = "decimal_comma";
        }
        else if (BaselineDecimalComma != CurrentDecimalComma)
        {
            // Each file's values were read in the notation it writes them in (DriftComparison.NotationChanges).
            json["notation_change"] = new JsonObject
            {
                ["baseline"] = BaselineDecimalComma ? "decimal_comma" : "decimal_point",
                ["current"] = CurrentDecimalComma ? "decimal_comma" : "decimal_point",
            };
        }

        if (NoiseGuard)
        {
            // The PSI compared with psi_threshold: over the cells left once those expecting fewer than
            // PsiGuard.MinExpected values were merged (equal to psi when none were).
            json["psi_noise_guard"] = new JsonObject
            {
                ["psi_tested"] = Rounding.Stat(Test.Tested),
                ["cells"] = Test.Cells,
                ["cells_tested"] = Test.TestedCells,
            };
        }

        if (BinRange is { } range)
        {
            json["bins"] = new JsonObject
            {
                ["count"] = DistributionDistance.Bins,
                ["range"] = range.Fenced ? "tukey_fences" : "baseline_min_max",
                ["low"] = Rounding.Stat(range.Low),
                ["high"] = Rounding.Stat(range.High),
                ["baseline_outside"] = OutsideBinRange.Baseline,
                ["current_outside"] = OutsideBinRange.Current,
            };
        }

        if (ByValue is { } byValue)
        {
            // Few distinct values, several in one bin: compared value by value too (DiscreteValueTest).
            json["values"] = new JsonObject
            {
                ["count"] = byValue.Values,
                ["psi"] = Rounding.Stat(byValue.Test.Psi),
                ["psi_tested"] = Rounding.Stat(byValue.Test.Tested),
                ["psi_threshold"] = Rounding.Stat(byValue.Test.Threshold),
                ["drift_detected"] = byValue.Test.Drifted,
            };
        }

        if (Shapes is { } shapes)
        {
            // Values that rarely repeat are compared by how they are written as well (ValueShapes).
            json["value_shapes"] = new JsonObject
            {
                ["psi"] = Rounding.Stat(shapes.Psi),
                ["psi_threshold"] = Rounding.Stat(shapes.Threshold),
                ["drift_detected"] = shapes.Drifted,
                ["new_shapes"] = new JsonArray([.. shapes.NewShapes.Select(s => (JsonNode)s)]),
            };
        }

        if (Kind == "numeric" && BaselineNonNumeric + CurrentNonNumeric > 0)
        {
            // Compared as numbers; the few values that are not were left out of the figures (counted here).
            json["non_numeric_values"] = new JsonObject { ["baseline"] = BaselineNonNumeric, ["current"] = CurrentNonNumeric };
        }

        return json;
    }

    private JsonObject Figures() => new()
    {
        ["column"] = Column,
        ["type"] = Kind,
        ["baseline_count"] = BaselineCount,
        ["current_count"] = CurrentCount,
        ["psi"] = Rounding.Stat(Psi),
        ["psi_threshold"] = Rounding.Stat(PsiThreshold),
        ["ks_statistic"] = Rounding.Stat(KsStatistic),
        ["p_value"] = Rounding.Stat(PValue),
        ["js_divergence"] = Rounding.Stat(JsDivergence),
        ["wasserstein_distance"] = Rounding.Stat(Wasserstein),
        ["delta_mean"] = Rounding.Stat(DeltaMean),
        ["delta_std"] = Rounding.Stat(DeltaStd),
        ["delta_median"] = Rounding.Stat(DeltaMedian),
        ["new_categories"] = new JsonArray([.. NewCategories.Select(c => (JsonNode)c)]),
        ["new_category_count"] = NewCategoryCount,
        ["missing_categories"] = new JsonArray([.. MissingCategories.Select(c => (JsonNode)c)]),
        ["missing_category_count"] = MissingCategoryCount,
        ["drift_detected"] = Drifted,
        ["severity"] = Severity,
    };
}
