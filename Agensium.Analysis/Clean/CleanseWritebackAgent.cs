using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>
/// cleanse-writeback: integrity checks of the current (cleaned) file — types (no mixed text/number columns), nulls,
/// exact duplicate rows, row retention against the original — and a manifest of the chain. Writes no file.
/// Score = Σ check·weight (0.25 each); excellent ≥ 95, good ≥ 85.
/// </summary>
public sealed class CleanseWritebackAgent(TimeProvider timeProvider) : ICleanAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "cleanse-writeback";

    /// <inheritdoc/>
    public string Id => AgentId;

    /// <inheritdoc/>
    public string DisplayName => "Cleanse Writeback";

    private static readonly string[] WeightNames = ["types_weight", "nulls_weight", "duplicates_weight", "retention_weight"];

    /// <summary>The score weights (scaled to sum to 1: 0.1 each is 0.25 each; all 0 is refused) and status thresholds; read again by the tool before any agent runs.</summary>
    internal static (double[] Weights, double Excellent, double Good) Scoring(AgentParameters p) => (
        p.GetWeights([.. WeightNames.Select(n => (n, 0.25))]),
        p.GetDouble("excellent_threshold", 95, 0, 100),
        p.GetDouble("good_threshold", 85, 0, 100, notAbove: "excellent_threshold"));

    /// <inheritdoc/>
    public CleanAgentResult Run(CleanAgentContext context, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var report = new CleanReport(timeProvider, AgentId, DisplayName, "writeback");
        var effective = new JsonObject();
        var (weights, excellent, good) = Scoring(parameters);
        for (int i = 0; i < WeightNames.Length; i++)
        {
            effective[WeightNames[i]] = weights[i];
        }

        double typesW = weights[0], nullsW = weights[1], dupW = weights[2], retentionW = weights[3];
        effective["excellent_threshold"] = excellent;
        effective["good_threshold"] = good;

        var (header, stats, rows) = ColumnStats.Of(context, cancellationToken, keepValues: false);
        long duplicates = context.CurrentProfile?.ExactDuplicateRows ?? CountDuplicates(context.Current, header.Count, cancellationToken);
        // The chain knows the original's rows from the profile cleanse-previewer counted of it: no pass over the task's file then.
        var (originalHeader, originalRows) = context.OriginalRows is { } known ? (context.OriginalColumns(), known) : Shape(context.Original, cancellationToken);
        var mixed = stats.Where(s => s.InferredType == "string" && s.Numbers > 0).Select(s => s.Name).ToList();
        int nonEmpty = stats.Count(s => s.NonNull > 0);
        long nulls = stats.Sum(s => s.Blanks);
        var checks = new (string Name, double Score, string Detail)[]
        {
            ("types", nonEmpty == 0 ? 100 : 100 - Rounding.Share(mixed.Count, nonEmpty), $"{mixed.Count} mixed text/number column(s)"),
            ("nulls", 100 - Rounding.Share(nulls, rows * header.Count), $"{nulls} null cell(s)"),
            ("duplicates", 100 - Rounding.Share(duplicates, rows), $"{duplicates} exact duplicate row(s)"),
            ("retention", Math.Min(100, Rounding.Share(rows, originalRows)), $"{rows} of {originalRows} original rows kept"),
        };
        double score = CleanScore.Weighted((checks[0].Score, typesW), (checks[1].Score, nullsW), (checks[2].Score, dupW), (checks[3].Score, retentionW));
        string status = CleanScore.Status(score, excellent, good);
        foreach (var check in checks.Where(c => c.Score < excellent))
        {
            report.Findings.Issue(null, $"integrity_{check.Name}", check.Score < good ? "high" : "medium",
                $"Integrity check '{check.Name}' scored {Figures.F(check.Score)}: {check.Detail}", $"Review the {check.Name} of the cleaned file before writing it back.");
        }

        if (status == "needs_improvement")
        {
            report.Findings.Alert("integrity", "high", "integrity", checks.Count(c => c.Score < good), $"Integrity score {Figures.F(score)} is below {Figures.F(good)}",
                "Do not write the cleaned file back before the failed checks are resolved.");
        }

        var data = new JsonObject
        {
            ["integrity_checks"] = new JsonArray([.. checks.Select(c => (JsonNode)new JsonObject
            {
                ["check"] = c.Name,
                ["score"] = Rounding.Pct(c.Score),
                ["passed"] = c.Score >= excellent,
                ["detail"] = c.Detail,
            })]),
            ["mixed_type_columns"] = new JsonArray([.. mixed.Select(m => (JsonNode)m)]),
            ["manifest"] = Manifest(context, header, rows, originalHeader, originalRows),
            ["score"] = new JsonObject { ["value"] = score, ["status"] = status, ["formula"] = "Σ check score·weight over types, nulls, duplicates, retention" },
        };
        var defaults = new JsonObject { ["types_weight"] = 0.25, ["nulls_weight"] = 0.25, ["duplicates_weight"] = 0.25, ["retention_weight"] = 0.25, ["excellent_threshold"] = 95, ["good_threshold"] = 85 };
        parameters.Describe(data, defaults, effective);
        var metrics = new JsonObject
        {
            ["total_rows"] = rows,
            ["original_rows"] = originalRows,
            ["checks_passed"] = checks.Count(c => c.Score >= excellent),
            ["checks_total"] = checks.Length,
            ["integrity_score"] = score,
            ["status"] = status,
        };
        report.Card("checks", "Integrity Checks", $"{checks.Count(c => c.Score >= excellent)}/{checks.Length}", CleanScore.CardStatus(status), "Types, nulls, duplicates, retention.");
        // The file the user gets, not the chain's scratch file ("cleaned_cleaned_…_hr2.csv": one prefix per agent before).
        string text = $"Writeback integrity of {context.PublishedName ?? context.Current.Name}: {rows} rows × {header.Count} columns, {checks.Count(c => c.Score >= excellent)}/{checks.Length} checks passed; "
            + $"score {Figures.F(score)} ({status}).";
        return new CleanAgentResult(report.Build(metrics, data, score, status, text), null, 0, 0);
    }

    private JsonObject Manifest(CleanAgentContext context, IReadOnlyList<string> header, long rows, IReadOnlyList<string> originalHeader, long originalRows)
    {
        using var stream = File.OpenRead(context.Current.Path);
        return new JsonObject
        {
            ["source_file"] = context.Original.Name,
            ["source_rows"] = originalRows,
            ["source_columns"] = originalHeader.Count,
            ["output_file"] = context.PublishedName ?? context.Current.Name,
            ["output_rows"] = rows,
            ["output_columns"] = header.Count,
            ["columns_removed"] = new JsonArray([.. originalHeader.Except(header).Select(c => (JsonNode)c)]),
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(stream)),
            ["transformations"] = new JsonArray([.. context.History.Select(h => (JsonNode)new JsonObject
            {
                ["agent_id"] = h.AgentId,
                ["file_name"] = h.FileName,
                ["rows"] = h.Rows,
                ["columns"] = h.Columns,
            })]),
            ["generated_at"] = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
    }

    private static long CountDuplicates(InputFile file, int columns, CancellationToken ct)
    {
        int[] all = [.. Enumerable.Range(0, columns)];
        var seen = new HashSet<UInt128>();
        var rowKey = new RowKey();
        using var scan = RowScan.Open(file);
        return scan.Rows(ct).LongCount(r => !seen.Add(rowKey.Of(r.Fields, all, normalized: false)));
    }

    // Counts the rows without making strings of their fields.
    private static (IReadOnlyList<string> Header, long Rows) Shape(InputFile file, CancellationToken ct)
    {
        using var reader = CsvTableReader.Open(file);
        long rows = 0;
        while (reader.Read())
        {
            if (++rows % RowScan.CancellationCheckRows == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }

        return ([.. reader.Columns], rows);
    }
}
