using System.Globalization;
using System.Text.Json.Nodes;

namespace Agensium.Analysis.Profile;

/// <summary>Alerts, issues and recommendations of the unified profiler, derived from the finished column profiles.</summary>
internal sealed class ProfilerFindings
{
    private const string AgentId = UnifiedProfilerAgent.AgentId;
    private const double HighNullPct = 80;
    private const double OutlierAlertPct = 5;
    private const double DecimalCommaShare = 70; // as type-fixer's numeric threshold

    public JsonArray Alerts { get; } = [];
    public JsonArray Issues { get; } = [];
    public JsonArray Recommendations { get; } = [];

    public static ProfilerFindings Build(IReadOnlyList<ColumnProfile> columns, DatasetShape shape, UnifiedProfilerSettings settings, double overall)
    {
        var f = new ProfilerFindings();
        var highNulls = columns.Where(c => c.NullPct > settings.NullAlertThreshold).ToList();
        f.Alert("high_nulls", highNulls.Any(c => c.NullPct >= HighNullPct) ? "high" : "medium", "completeness", highNulls,
            $"{highNulls.Count} column(s) exceed {F(settings.NullAlertThreshold)}% nulls: {Names(highNulls)}",
            "Impute the missing values or drop the columns before using them.");
        var outliers = columns.Where(c => c.Numeric?.OutlierPct > OutlierAlertPct).ToList();
        f.Alert("outliers", "medium", "validity", outliers,
            $"{outliers.Count} numeric column(s) have more than {F(OutlierAlertPct)}% IQR outliers: {Names(outliers)}",
            "Review the outliers; cap, impute or remove them if they are errors.");
        var pii = columns.Where(c => c.PiiSuspected).ToList();
        f.Alert("pii", "high", "privacy", pii, $"{pii.Count} column(s) look like personal data: {Names(pii)}",
            "Mask, encrypt or drop personal data before sharing the file.");
        var constant = columns.Where(c => c.DistinctWithNull <= 1).ToList();
        var empty = constant.Where(c => c.Acc.NonNullCount == 0).ToList();
        f.Alert("constant_columns", "low", "consistency", constant,
            $"{constant.Count} column(s) hold a single value" + (empty.Count > 0 ? $" or none (empty: {Names(empty)})" : "") + $": {Names(constant)}",
            "Drop columns that carry no information.");
        if (overall < 70)
        {
            f.Alert("low_quality", overall < 60 ? "high" : "medium", "data_quality", columns.Where(c => c.Score < 70).ToList(),
                $"Overall data quality is {F(overall)} (grade {QualityScoring.Grade(overall)})", "Clean the data (clean-my-data) before analysis.");
        }

        f.NotationFindings(columns, shape.Delimiter == ';');
        f.DatasetFindings(shape);
        foreach (var column in columns)
        {
            f.ColumnFindings(column, settings);
        }

        return f;
    }

    // A file whose number columns write decimal commas ("0,5": no US thousands group) is profiled with a decimal
    // point all the same; say which columns that misreads: numbers left as text, and "1.234" taken for 1.234 where it
    // is most likely 1234. (clean-my-data's type-fixer reads such a file's numbers so and writes them with a point.)
    private void NotationFindings(IReadOnlyList<ColumnProfile> columns, bool semicolonFile)
    {
        // A column of "48,331" (US thousands or three decimals) beside "18,31" is read as decimal commas when that
        // makes it a column of numbers, as type-fixer judges it (CommaNotation.CommaReading, OnlyCommaFits).
        var counts = columns.ToDictionary(c => c, c => Clean.CommaNotation.CommaReading(c.Acc.Notation, c.Acc.AmbiguousGroupCount) is var comma
            && Clean.CommaNotation.Shows(comma, Clean.IdentifierColumns.NameSaysIdentifier(c.Name), DecimalCommaShare, semicolonFile) ? comma : c.Acc.Notation);
        var notation = columns.Select(c => (counts[c], Clean.IdentifierColumns.NameSaysIdentifier(c.Name))).ToList();
        if (!Clean.CommaNotation.FileShows(notation, DecimalCommaShare, semicolonFile))
        {
            GroupedNumberFindings(columns);
            return;
        }

        var evidence = columns.First(c => Clean.CommaNotation.Shows(counts[c], Clean.IdentifierColumns.NameSaysIdentifier(c.Name), DecimalCommaShare, semicolonFile));
        bool MostlyCommaNumbers(ColumnProfile c) => counts[c].CommaNumbers > 0 && Clean.CommaNotation.Reads(counts[c], DecimalCommaShare);
        const string Advice = "Read the file with its decimal comma (clean-my-data's type-fixer does) or export numbers with a decimal point.";
        var asText = columns.Where(MostlyCommaNumbers).ToList();
        NotationAlert(asText, "decimal_comma_numbers", "medium",
            $"{asText.Count} column(s) hold numbers written with a decimal comma (such as 0,5 or 1 234,56), which this profile does not read as numbers: {Names(asText)}",
            c => $"Column '{c.Name}' holds {counts[c].CommaNumbers} number(s) written with a decimal comma, not read as numbers here (no numeric statistics of them)", Advice);
        var grouped = columns.Where(c => c.Acc.DotGroupedCount > 0 && Clean.CommaNotation.Reads(counts[c], DecimalCommaShare)).ToList();
        NotationAlert(grouped, "dot_thousands_suspected", "high",
            $"{grouped.Count} column(s) have numbers such as 1.234 read as decimals, while this file writes decimal commas (see '{evidence.Name}'): most likely thousands (1234), so their statistics and outliers are doubtful: {Names(grouped)}",
            c => $"Column '{c.Name}' has {c.Acc.DotGroupedCount} number(s) written like 1.234, read as decimals; in this decimal-comma file they are most likely thousands", Advice);
    }

    // Amounts written with US thousands groups ("1,234.50", "12,345") or space and apostrophe ones ("1 234.50",
    // "12 000", "1'234.50") are text to this profile as to pandas' read_csv, so a column of them had no statistics and
    // no word of why (as decimal commas have, above). Said for a column whose values are mostly numbers once such groups
    // count as numbers; the counts come from the pass, nothing per value.
    private void GroupedNumberFindings(IReadOnlyList<ColumnProfile> columns)
    {
        static long Grouped(ColumnProfile c) => c.Acc.CommaGroupedCount + c.Acc.GroupedWholeCount;
        var grouped = columns.Where(c => Grouped(c) > 0 && c.Acc.NonNullCount > 0
            && 100.0 * (c.Acc.NumberCount + Grouped(c)) / c.Acc.NonNullCount > DecimalCommaShare).ToList();
        NotationAlert(grouped, "grouped_numbers", "medium",
            $"{grouped.Count} column(s) hold numbers written with thousands separators (such as 1,234.50 or 1 234.50), which this profile does not read as numbers: {Names(grouped)}",
            c => $"Column '{c.Name}' holds {Grouped(c)} number(s) written with thousands separators, not read as numbers here (no numeric statistics of them)",
            "Export numbers without thousands separators, or convert the column (clean-my-data's type-fixer reads 1,234.50 and 1 234.50 as 1234.5).");
    }

    private void NotationAlert(List<ColumnProfile> columns, string key, string severity, string message, Func<ColumnProfile, string> issue, string recommendation)
    {
        Alert(key, severity, "validity", columns, message, recommendation);
        foreach (var c in columns)
        {
            AddIssue(c.Name, key, severity, issue(c), recommendation);
        }
    }

    private void DatasetFindings(DatasetShape shape)
    {
        if (shape.RaggedRows > 0)
        {
            string message = $"{shape.RaggedRows} row(s) have a field count different from the header ({shape.ShortRows} short, padded with nulls; {shape.LongRows} long, extra fields ignored)";
            AddAlert("ragged_rows", "medium", "structure", shape.Columns, message, "Fix the export so every row has as many fields as the header.");
            AddIssue(null, "ragged_rows", "medium", message, "Re-export the file with consistent quoting and delimiters.");
        }

        if (shape.TitleLines.Count > 0)
        {
            // '#' comment lines are listed with the titles; said apart, and shown up to ten (a block of notes can be long).
            int comments = shape.TitleLines.Count(t => t.StartsWith('#'));
            int titles = shape.TitleLines.Count - comments;
            string what = (comments, titles) switch
            {
                (0, _) => $"{titles} line(s) above the header were taken for a title and skipped",
                (_, 0) => $"{comments} '#' comment line(s) above the header were skipped",
                _ => $"{comments} '#' comment line(s) and {titles} line(s) taken for a title above the header were skipped",
            };
            string message = $"{what}: " + string.Join(" / ", shape.TitleLines.Take(10).Select(t => $"'{Shorten(t)}'"))
                + (shape.TitleLines.Count > 10 ? $" / … {shape.TitleLines.Count - 10} more" : "");
            AddAlert("title_lines_skipped", "medium", "structure", 0, message,
                "Check that the header found is the table's; export the table without the lines above it.");
        }

        if (shape.TrailingLines.Count > 0)
        {
            AddAlert("footer_lines_skipped", "medium", "structure", 0,
                $"{shape.TrailingLines.Count} line(s) below the table (notes without its delimiter, or a row of its columns' totals; in a sheet, notes of one cell) were taken for notes and skipped: "
                + string.Join(" / ", shape.TrailingLines.Select(t => $"'{Shorten(t)}'")),
                "Check that no row of the table was left out; export the table without the lines below it.");
        }

        if (shape.UnsplitRows is { } unsplit)
        {
            // A table under a title, or under a header of one name, that was not recognised as one: said, not read as one column silently.
            AddAlert("one_column_rows_hold_delimiter", "medium", "structure", 1,
                $"The header is one field, so the file was read as one column, but every sampled row holds {unsplit.Fields - 1} {DatasetShape.NameOf(unsplit.Delimiter)}(s) outside quotes ({unsplit.Fields} fields each)",
                "If the file is a table, check the lines above its header (a title, a header cell left empty) or give it a sep= line naming the delimiter.");
        }

        foreach (var rename in shape.HeaderRenames)
        {
            AddIssue(rename.Name, "renamed_header", "low",
                $"Header {rename.Index + 1} ('{rename.Original}') is {rename.Reason}; it was renamed to '{rename.Name}'",
                "Give every column a unique, non-empty name.");
        }

        if (shape.HeaderRenames.Count > 0)
        {
            AddAlert("renamed_headers", "low", "structure", shape.HeaderRenames.Count,
                $"{shape.HeaderRenames.Count} empty or duplicate header name(s) were renamed", "Give every column a unique, non-empty name.");
        }
    }

    private void ColumnFindings(ColumnProfile c, UnifiedProfilerSettings settings)
    {
        if (c.Acc.NonNullCount == 0)
        {
            AddIssue(c.Name, "empty_column", "high", $"Column '{c.Name}' has no values", $"Drop column '{c.Name}' or fill it at the source.");
        }
        else if (c.NullPct > settings.NullAlertThreshold)
        {
            AddIssue(c.Name, "high_null_rate", c.NullPct >= HighNullPct ? "high" : "medium", $"Column '{c.Name}' is {F(c.NullPct)}% null",
                $"Impute the missing values of '{c.Name}' or drop the column.");
        }

        if (c.Numeric is { OutlierCount: > 0 } n)
        {
            AddIssue(c.Name, "outliers", n.OutlierPct > OutlierAlertPct ? "medium" : "low",
                $"Column '{c.Name}' has {n.OutlierCount} value(s) outside [{F(n.LowerFence)}, {F(n.UpperFence)}] ({F(n.OutlierPct)}%)",
                $"Review the outliers of '{c.Name}'; cap or remove them if they are errors.");
        }

        if (c.Acc.NonNullCount > 0 && c.DistinctWithNull == 1)
        {
            AddIssue(c.Name, "constant_column", "low", $"Column '{c.Name}' holds a single value", $"Drop column '{c.Name}' if it carries no information.");
        }

        if (c.HasNumericText)
        {
            AddIssue(c.Name, "mixed_types", "low", $"Text column '{c.Name}' has {c.Acc.NumberCount} numeric-looking value(s)",
                $"Standardise the type of '{c.Name}' (clean-my-data type-fixer).");
        }

        if (c.PiiSuspected)
        {
            AddIssue(c.Name, "pii_detected", "high", $"Column '{c.Name}' looks like {c.PiiKind} data ({F(c.PiiMatchPct)}% of sampled values match)",
                $"Mask or encrypt '{c.Name}'.");
        }
    }

    private void Alert(string key, string severity, string category, IReadOnlyList<ColumnProfile> columns, string message, string recommendation)
    {
        if (columns.Count > 0)
        {
            AddAlert(key, severity, category, columns.Count, message, recommendation);
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private void AddAlert(string key, string severity, string category, int fields, string message, string recommendation) =>
        Alerts.Add(new JsonObject
        {
            ["alert_id"] = $"alert_profiler_{key}",
            ["severity"] = severity,
            ["category"] = category,
            ["message"] = message,
            ["affected_fields_count"] = fields,
            ["recommendation"] = recommendation,
        });

    private void AddIssue(string? field, string type, string severity, string message, string recommendation)
    {
        Issues.Add(new JsonObject
        {
            ["issue_id"] = $"issue_profiler_{Issues.Count + 1}",
            ["agent_id"] = AgentId,
            ["field_name"] = field,
            ["issue_type"] = type,
            ["severity"] = severity,
            ["message"] = message,
        });
        Recommendations.Add(new JsonObject
        {
            ["recommendation_id"] = $"rec_profiler_{Recommendations.Count + 1}",
            ["agent_id"] = AgentId,
            ["field_name"] = field,
            ["priority"] = severity,
            ["recommendation"] = recommendation,
            ["timeline"] = severity switch { "high" => "immediate", "medium" => "1-2 weeks", _ => "1 month" },
        });
    }

    private static string Names(IEnumerable<ColumnProfile> columns) => string.Join(", ", columns.Select(c => c.Name));

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
