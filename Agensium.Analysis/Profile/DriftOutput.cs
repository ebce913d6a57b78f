using System.Text.Json.Nodes;
using Agensium.Analysis.Input;
using static Agensium.Analysis.Profile.AgentReportFactory;

namespace Agensium.Analysis.Profile;

/// <summary>summary_metrics, data, findings, cards and narrative of the drift detector.</summary>
internal sealed class DriftOutput(DriftComparison c, DriftSettings settings, AgentParameters parameters)
{
    public const string KsMethodNote =
        "exact two-sided p-value (lattice-path count, as scipy.stats.ks_2samp's exact method) while neither sample exceeds 10,000 values (scipy's rule for method 'auto'; when n*m > 25,000,000 and the asymptotic p is below 1e-6, that value is kept); beyond, asymptotic: p = Q_KS(sqrt(n*m/(n+m)) * D), the limiting Kolmogorov distribution (scipy.stats.kstwobign.sf)";

    public JsonObject Metrics() => new()
    {
        ["baseline_rows"] = c.Baseline.Rows,
        ["current_rows"] = c.Current.Rows,
        ["shared_columns"] = c.Shared.Count,
        ["analysed_columns"] = c.Analysed.Count,
        ["skipped_columns"] = c.Skipped.Count,
        ["drifted_columns"] = c.Drifted.Count,
        ["missing_columns"] = c.Missing.Count,
        ["new_columns"] = c.New.Count,
        ["null_rate_changes"] = c.NullRateChanges.Count,
        ["type_changes"] = c.TypeChanges.Count,
        ["notation_changes"] = c.NotationChanges.Count,
        ["overall_drift_score"] = Rounding.Stat(c.OverallDriftScore),
        ["drift_status"] = c.Status,
    };

    public JsonObject Data()
    {
        var data = new JsonObject
        {
            ["baseline_file"] = c.Baseline.FileName,
            ["current_file"] = c.Current.FileName,
            ["overall_drift_score"] = Rounding.Stat(c.OverallDriftScore),
            ["drift_status"] = c.Status,
            ["columns"] = new JsonArray([.. c.Analysed.Select(r => (JsonNode)r.ToJson())]),
            ["skipped_columns"] = new JsonArray([.. c.Skipped.Select(s => (JsonNode)new JsonObject
            {
                ["column"] = s.Column,
                ["baseline_count"] = s.BaselineCount,
                ["current_count"] = s.CurrentCount,
                ["reason"] = $"fewer than min_sample_size ({settings.MinSampleSize}) non-null values on at least one side",
            })]),
            ["missing_columns"] = Names(c.Missing),
            ["new_columns"] = Names(c.New),
            ["null_rate_changes"] = new JsonArray([.. c.NullRateChanges.Select(n => (JsonNode)new JsonObject
            {
                ["column"] = n.Column,
                ["baseline_null_pct"] = Rounding.Pct(n.BaselineNullPct),
                ["current_null_pct"] = Rounding.Pct(n.CurrentNullPct),
            })]),
            ["type_changes"] = new JsonArray([.. c.TypeChanges.Select(t => (JsonNode)new JsonObject
            {
                ["column"] = t.Column,
                ["baseline_type"] = t.BaselineType,
                ["current_type"] = t.CurrentType,
            })]),
            ["notation_changes"] = new JsonArray([.. c.NotationChanges.Select(n => (JsonNode)new JsonObject
            {
                ["column"] = n.Column,
                ["baseline_notation"] = n.BaselineNotation,
                ["current_notation"] = n.CurrentNotation,
            })]),
            ["columns_matched_ignoring_case"] = new JsonArray([.. c.MatchedIgnoringCase.Select(m => (JsonNode)new JsonObject
            {
                ["baseline"] = m.Baseline,
                ["current"] = m.Current,
            })]),
            ["statistical_test"] = new JsonObject
            {
                ["method"] = settings.Method,
                ["implemented"] = settings.RunsKsTest,
                ["p_value_method"] = settings.RunsKsTest ? KsMethodNote : null,
                ["note"] = settings.RunsKsTest ? "numeric columns: two-sample KS test; drift if p < alpha or PSI > psi_threshold"
                    : "chi2 is accepted but not implemented: no p-value test was run; drift is decided by PSI > psi_threshold alone",
            },
            ["methods"] = new JsonObject
            {
                ["type"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"numeric when at least {DriftColumnSample.NumericShare * 100:0}% of the non-null values on each side are numbers (the others are left out of the figures and counted in non_numeric_values) and neither side writes a number with a leading zero (02134: identifiers, typed text by the profiler); categorical otherwise. Numbers are read in the notation both files' values of the column show together, as clean-my-data's type-fixer tells it: a decimal comma (616,91; 1.234,56; the column marked notation: decimal_comma) or a decimal point with optional US thousands groups (1,234.50); when each file's own values say another notation (1,234.56 in one, 1.234,56 in the other), each file is read in its own and the column is listed in notation_changes. A percentage is read as its number (12.5% is 12.5)"),
                ["psi"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"numeric: 10 equal-width bins over the baseline [min, max] (values outside go to the end bins), or, with psi_noise_guard on, when that range leaves more than {DriftBinRange.MostInOneBin * 100:0}% of the baseline in one bin because of values beyond the baseline's far-out fences (Q1 - {DriftBinRange.FenceIqr:0} IQR, Q3 + {DriftBinRange.FenceIqr:0} IQR), over the range of the baseline values within the fences, the values outside going to the end bins (the column's bins say which range and how many values lay outside); categorical: union of categories, each an exact text (' A' and 'A' are two; booleans written in another case are one); shares floored at 0.0001; sum (c - b) * ln(c / b)"),
                ["psi_threshold"] = settings.PsiNoiseGuard
                    ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bins or categories expecting fewer than {PsiGuard.MinExpected:0} values on the smaller side (at their pooled share; a quarter of the smaller side below 40 values) are first merged (bins with their neighbours, categories with each other, largest first) into cells that expect at least {PsiGuard.MinExpected:0}; their PSI (psi_noise_guard.psi_tested) is drift above max(0.1, (1/n + 1/m) * the 99th percentile of chi-square with k - 1 degrees of freedom + (1/n^2 + 1/m^2)/2 * sum of 1/p over the k merged cells, p their pooled share): what two samples of one distribution exceed by chance about once in a hundred, also where categories are sparse (a departure from AGENSIUM's PSI > 0.1, which resampled data passes at small sizes; psi_noise_guard false restores it). psi is the PSI over every bin or category, unmerged (AGENSIUM's, but over the fenced range when a numeric column's bins say tukey_fences)")
                    : "a PSI is drift above 0.1 (AGENSIUM; psi_noise_guard is off)",
                ["severity"] = settings.PsiNoiseGuard
                    ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"judged against the column's own threshold: high when the tested PSI (or the value shapes' PSI) exceeds {DriftColumnAnalyzer.HighRatio:0.#} times its psi_threshold, medium when it exceeds it (AGENSIUM's 0.25 and 0.1 where the threshold is 0.1); and by the KS distance at 95 % confidence (the statistic less {DriftColumnAnalyzer.KsNoiseCoefficient}·sqrt((n + m)/(n·m))): high from {DriftColumnAnalyzer.KsHighStatistic} (the KS statistic of a normal mean shift whose PSI is 0.25), medium from {DriftColumnAnalyzer.KsMediumStatistic} (PSI 0.1); the higher of the two, else low")
                    : "high when PSI > 0.25, medium when PSI > 0.1, low for drift found by the KS p-value alone (AGENSIUM)",
                ["categories"] = $"new_categories and missing_categories list the categories found only in the current file and only in the baseline, most frequent first, at most {DriftColumnAnalyzer.CategoryListCap} each; new_category_count and missing_category_count count them all",
                ["value_shapes"] = $"a categorical column with at least {ValueShapes.MinCategories} categories on each side is also compared by the shapes of its values (each run of capitals A, of other letters a, of digits 9, other characters kept, at most {ValueShapes.MaxLength}): PSI over the shapes (merged as categories are, with the noise guard) with the same threshold rule; the column drifted if either PSI passes its threshold",
                ["values"] = settings.PsiNoiseGuard
                    ? $"a numeric column of at most {DiscreteValueTest.MaxValues} distinct values (both files together) where some bin holds two or more of them (months 1-12 over 10 bins) is also compared value by value, as ordered categories with the same merge and threshold rule (values): a shift from one value to its neighbour in the same bin leaves the binned PSI at 0; the column drifted if either PSI passes its threshold or the KS p-value is below alpha; new_categories and missing_categories then list the values found only in one file"
                    : "not used with psi_noise_guard false: numeric columns are binned as AGENSIUM bins them",
                ["js_divergence"] = "Jensen-Shannon divergence in bits (0..1) over the same bins or categories, shares not floored",
                ["wasserstein_distance"] = "Wasserstein-1 distance between the empirical distributions (scipy.stats.wasserstein_distance)",
                ["deltas"] = "current minus baseline; std is the sample standard deviation (n - 1), null when a side has a single value",
                ["null_rate"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a shared column whose share of empty values moved by at least {DriftComparison.NullShiftPoints:0} percentage points is listed in null_rate_changes (it does not count in overall_drift_score, which AGENSIUM defines over the value distributions)"),
                ["type_change"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a shared column with at least {DriftComparison.TypeChangeMinValues} non-null values on each side that is numeric on one side and text on the other (by the rule of 'type') is listed in type_changes"),
                ["row_level_issues"] = $"drifted columns only, at most {DriftRowIssues.PerColumnCap} per column: values outside the baseline range, text in a numeric column, or categories unseen in the baseline",
            },
        };
        parameters.Describe(data, DriftSettings.Defaults().ToJson(), settings.ToJson());
        return data;
    }

    public AgentFindings Findings()
    {
        var f = new AgentFindings(DriftDetectorAgent.AgentId, "drift");
        if (c.Missing.Count > 0)
        {
            f.Alert("missing_columns", "critical", "schema_drift", c.Missing.Count,
                $"{c.Missing.Count} baseline column(s) are missing from the current file: {string.Join(", ", c.Missing)}",
                "Restore the missing columns or update downstream consumers.");
        }

        if (c.New.Count > 0)
        {
            f.Alert("new_columns", "medium", "schema_drift", c.New.Count,
                $"{c.New.Count} column(s) are new in the current file: {string.Join(", ", c.New)}", "Confirm the new columns are expected and documented.");
        }

        if (c.MatchedIgnoringCase.Count > 0)
        {
            f.Alert("renamed_columns", "low", "schema_drift", c.MatchedIgnoringCase.Count,
                $"{c.MatchedIgnoringCase.Count} column(s) were compared though their names differ in case or spaces: {string.Join(", ", c.MatchedIgnoringCase.Select(m => $"'{m.Baseline}' → '{m.Current}'"))}",
                "Use one spelling of the column names in both files.");
        }

        var drifted = c.Drifted;
        if (drifted.Count > 0)
        {
            f.Alert("data_drift", drifted.Any(r => r.Severity == "high") ? "high" : "medium", "data_drift", drifted.Count,
                $"{drifted.Count} of {c.Shared.Count} shared column(s) drifted (score {F(c.OverallDriftScore)}): {string.Join(", ", drifted.Select(r => r.Column))}",
                "Investigate the source of the shift and retrain or recalibrate dependent models.");
        }

        if (c.TypeChanges.Count > 0)
        {
            f.Alert("type_change", "high", "schema_drift", c.TypeChanges.Count,
                $"{c.TypeChanges.Count} shared column(s) changed the kind of their values: "
                + string.Join(", ", c.TypeChanges.Select(t => $"'{t.Column}' {t.BaselineType} → {t.CurrentType}")),
                "Check whether the source now fills these columns from another field or in another format.");
        }

        if (c.NotationChanges.Count > 0)
        {
            f.Alert("notation_change", "high", "schema_drift", c.NotationChanges.Count,
                $"{c.NotationChanges.Count} shared column(s) write their numbers in another notation than the baseline: "
                + string.Join(", ", c.NotationChanges.Select(n => $"'{n.Column}' {NotationText(n.BaselineNotation)} → {NotationText(n.CurrentNotation)}")),
                "Check the export settings of the source (locale, decimal separator): a consumer that parses these columns reads them wrong or not at all.");
        }

        if (c.NullRateChanges.Count > 0)
        {
            f.Alert("null_rate_change", "medium", "completeness", c.NullRateChanges.Count,
                $"{c.NullRateChanges.Count} shared column(s) changed their share of empty values by {DriftComparison.NullShiftPoints:0} points or more: "
                + string.Join(", ", c.NullRateChanges.Select(n => $"'{n.Column}' {F(Rounding.Pct(n.BaselineNullPct))}% → {F(Rounding.Pct(n.CurrentNullPct))}%")),
                "Check whether the source stopped (or started) filling these columns.");
        }

        if (c.Skipped.Count > 0)
        {
            f.Alert("skipped_columns", "low", "sample_size", c.Skipped.Count,
                $"{c.Skipped.Count} shared column(s) have fewer than {settings.MinSampleSize} non-null values on a side and were not analysed",
                "Provide more rows or lower min_sample_size.");
        }

        if (!settings.RunsKsTest)
        {
            f.Alert("method_not_implemented", "medium", "configuration", 0,
                $"Parameter {DriftDetectorAgent.AgentId}.method chi2 is not implemented; no statistical test was run and drift was decided by PSI alone",
                "Use method kolmogorov_smirnov.");
        }

        foreach (string column in c.Missing)
        {
            f.Issue(column, "missing_column", "critical", $"Column '{column}' is in the baseline but not in the current file", $"Restore column '{column}'.");
        }

        foreach (string column in c.New)
        {
            f.Issue(column, "new_column", "medium", $"Column '{column}' is new in the current file", $"Document column '{column}'.");
        }

        foreach (var t in c.TypeChanges)
        {
            f.Issue(t.Column, "type_change", "high",
                $"Column '{t.Column}' holds {(t.CurrentType == "numeric" ? "numbers" : "text")} in the current file, against {(t.BaselineType == "numeric" ? "numbers" : "text")} in the baseline",
                $"Check what the source now writes into '{t.Column}'.");
        }

        foreach (var n in c.NotationChanges)
        {
            f.Issue(n.Column, "notation_change", "high",
                $"Column '{n.Column}' writes its numbers with a {NotationText(n.CurrentNotation)} in the current file, against a {NotationText(n.BaselineNotation)} in the baseline (each file read in its own notation)",
                $"Check the locale or decimal separator the source exports '{n.Column}' with.");
        }

        foreach (var n in c.NullRateChanges)
        {
            f.Issue(n.Column, "null_rate_change", "medium",
                $"Column '{n.Column}' is empty in {F(Rounding.Pct(n.CurrentNullPct))}% of the rows, against {F(Rounding.Pct(n.BaselineNullPct))}% in the baseline",
                $"Check how '{n.Column}' is filled at the source.");
        }

        foreach (var r in drifted)
        {
            string p = r.PValue is { } pv ? $", KS p = {PValueText(pv)}" : "";
            string how = r.Shapes is { Drifted: true } shapes
                ? $"its values are written another way (shape PSI {F(Rounding.Stat(shapes.Psi))} above {F(Rounding.Stat(shapes.Threshold))}"
                    + (shapes.NewShapes.Count > 0 ? $"; new shapes {string.Join(", ", shapes.NewShapes.Select(s => $"'{s}'"))}" : "") + "); "
                : r.ByValue is { Test.Drifted: true } byValue
                    ? $"its {byValue.Values} values compared one by one: PSI {F(Rounding.Stat(byValue.Test.Tested))} above {F(Rounding.Stat(byValue.Test.Threshold))}; "
                    : "";
            string tested = r.NoiseGuard && r.Test.TestedCells != r.Test.Cells ? $", {F(Rounding.Stat(r.Test.Tested))} over {r.Test.TestedCells} merged cells" : "";
            string categories = (r.NewCategoryCount > 0 ? $"; {r.NewCategoryCount} new categor{(r.NewCategoryCount == 1 ? "y" : "ies")}" : "")
                + (r.MissingCategoryCount > 0 ? $"; {r.MissingCategoryCount} categor{(r.MissingCategoryCount == 1 ? "y" : "ies")} of the baseline gone ({string.Join(", ", r.MissingCategories.Take(5).Select(m => $"'{m}'"))}{(r.MissingCategoryCount > 5 ? ", …" : "")})" : "");
            f.Issue(r.Column, "data_drift", r.Severity, $"Column '{r.Column}' drifted ({how}PSI {F(Rounding.Stat(r.Psi))}{tested}, threshold {F(Rounding.Stat(r.PsiThreshold))}{p}{categories})",
                $"Review the distribution shift of '{r.Column}'.");
        }

        return f;
    }

    public JsonArray Cards() =>
    [
        ExecutiveCard.Create("drift_score", "Drift Score", F(c.OverallDriftScore), c.Status,
            $"{c.Drifted.Count} of {c.Shared.Count} shared column(s) drifted."),
        ExecutiveCard.Create("drift_schema", "Schema Changes", $"{c.Missing.Count} missing, {c.New.Count} new, {c.TypeChanges.Count} changed type"
            + (c.NotationChanges.Count > 0 ? $", {c.NotationChanges.Count} changed notation" : ""),
            c.Missing.Count > 0 ? "critical" : c.New.Count > 0 || c.TypeChanges.Count > 0 || c.NotationChanges.Count > 0 ? "warning" : "success",
            "Columns missing from, new in, of another type in, or written in another number notation in the current file."),
    ];

    public string Narrative() =>
        $"Compared {c.Current.FileName} ({c.Current.Rows} rows) with baseline {c.Baseline.FileName} ({c.Baseline.Rows} rows): "
        + $"{c.Analysed.Count} of {c.Shared.Count} shared column(s) analysed, {c.Drifted.Count} drifted, {c.Skipped.Count} skipped; "
        + $"{c.Missing.Count} missing and {c.New.Count} new column(s). Overall drift score {F(c.OverallDriftScore)} ({c.Status}).";

    private static string NotationText(string notation) => notation == "decimal_comma" ? "decimal comma" : "decimal point";

    // A p-value as a message shows it: a small one in scientific notation (1.25E-06), never rounded to "0".
    private static string PValueText(double p) =>
        p >= 0.001 || p == 0 ? F(Rounding.Stat(p)) : p.ToString("0.##E+00", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonArray Names(IEnumerable<string> names) => new([.. names.Select(n => (JsonNode)n)]);
}
