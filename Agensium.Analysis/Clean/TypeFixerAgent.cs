using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>
/// type-fixer: a text column with more than 70% numbers becomes float (integer when all are whole), one with more than
/// 70% date-like values becomes datetime (yyyy-MM-dd, with HH:mm:ss when a time is present); a float column of whole
/// numbers becomes int. Values that do not convert become null (pandas' errors="coerce"), except numbers and dates in a
/// notation this tool does not read (<see cref="ForeignNotation"/>: "12,50", "200-", "3. März 2024"), which are
/// information, not noise: kept as written and reported. Writes the CSV.
/// Score = success_weight·(100 − unconverted% of cells in converted columns) + consistency_weight·single-type columns%.
/// </summary>
public sealed class TypeFixerAgent(TimeProvider timeProvider) : ICleanAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "type-fixer";

    /// <inheritdoc/>
    public string Id => AgentId;

    /// <inheritdoc/>
    public string DisplayName => "Type Fixer";

    // The type of a column left as it was: whole numbers some of which are written as floats ("1.0", kept so with
    // convert_whole_floats false) are a float column in the file written.
    // A column of digits with leading zeros ("00042", "09779") is text: as a number it would lose them (the file keeps them).
    private static string WrittenType(ColumnStats s) =>
        KeepsLeadingZeros(s) ? "string"
        : s.InferredType == "integer" && s.IntegerTexts < s.Numbers ? "float" : s.InferredType;

    // What a column says of the file's notation (DecimalCommaFile.ColumnCounts).
    private static NotationCounts FileNotation(ColumnStats s, TypeFixerSettings settings, bool semicolonFile) =>
        DecimalCommaFile.ColumnCounts(s, settings.NumericThreshold, semicolonFile);

    // "'amount_usd' (US thousands groups such as 1,200) and 'weight' ('.' decimals such as 1.5) say": the columns that
    // contradict decimal commas, each with why.
    private static string PointColumns(List<ColumnStats> columns) =>
        string.Join(" and ", columns.Select(c => $"'{c.Name}' ({(c.Notation.CommaGrouped == 0 ? "'.' decimals such as 1.5"
            : c.GroupedNumbers + c.AmbiguousGroupedNumbers > 0 ? "US thousands groups such as 1,200" : "thousands groups before a '.' decimal such as 1 234.50")})"))
        + (columns.Count == 1 ? " says" : " say");

    private static bool KeepsLeadingZeros(ColumnStats s) => LeadingZeros.MakeColumnText(s.LeadingZeroNumbers) && s.InferredType is "integer" or "float";

    /// <inheritdoc/>
    public CleanAgentResult Run(CleanAgentContext context, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var report = new CleanReport(timeProvider, AgentId, DisplayName, "type_fixer");
        var settings = TypeFixerSettings.From(parameters);
        var (header, stats, rows) = ColumnStats.Of(context, cancellationToken, keepValues: false);
        // A file whose number columns write decimal commas ("0,5", "12,50") has its '.' as a thousands separator too.
        // A ';'-delimited file (the task's own: the chain writes ',') leans to decimal commas (CommaNotation.OnlyCommaFits).
        bool semicolon = context.OriginalDelimiter() == ';';
        // A file that writes US groups somewhere ("42,866.56") writes "1,500" as fifteen hundred everywhere.
        var (decimalComma, usGroups) = DecimalCommaFile.Judge(stats, settings.NumericThreshold, semicolon);
        var commaEvidence = decimalComma ? stats.First(s => CommaNotation.Shows(FileNotation(s, settings, semicolon), IdentifierColumns.Holds(s), settings.NumericThreshold, semicolon)) : null;
        // Columns that write decimal commas in a file that another column says writes points or US groups: told, not silent.
        var commaShown = decimalComma ? [] : stats.Where(s => CommaNotation.Shows(FileNotation(s, settings, semicolon), IdentifierColumns.Holds(s), settings.NumericThreshold, semicolon)).ToList();
        var pointShown = commaShown.Count == 0 ? [] : stats.Where(s => CommaNotation.Contradicts(FileNotation(s, settings, semicolon), IdentifierColumns.Holds(s), settings.NumericThreshold)).ToList();
        var fixes = stats.Select(s => TypeFix.Decide(s, settings, decimalCommaFile: decimalComma, usGroupsFile: usGroups)).OfType<TypeFix>().ToList();
        var identifiers = stats.Where(s => KeepsLeadingZeros(s) || (TypeFix.Decide(s, settings, decimalCommaFile: decimalComma, usGroupsFile: usGroups) is null or { TrimOnly: true }
                && TypeFix.Decide(s, settings, numbersForIdentifiers: true, decimalCommaFile: decimalComma, usGroupsFile: usGroups) is { TrimOnly: false }))
            .Select(s => s.Name).ToList();
        long written;
        FileProfile profile;
        using (var scan = RowScan.Open(context.Current))
        using (var writer = CsvFileWriter.Over(context, scan))
        {
            foreach (var (row, fields) in scan.Rows(cancellationToken))
            {
                foreach (var fix in fixes)
                {
                    string before = fields[fix.Stats.Index];
                    if (CellValues.IsBlank(before))
                    {
                        continue;
                    }

                    if (CellValues.IsNullToken(before) && !fix.TrimOnly)
                    {
                        // "N/A" is a null, not a value that failed to convert: null-handler normalises it.
                        fix.NullTokens++;
                        continue;
                    }

                    string? after = fix.Convert(before);
                    if (after is null && ForeignNotation.WorthKeeping(before, fix.Target))
                    {
                        // A number or date in another notation ("12,50", "200-", "3. März 2024") still says
                        // something: it is kept as written and reported, never replaced by null.
                        fix.Kept++;
                        after = before;
                        report.RowIssue(row, fix.Stats.Name, "unconverted_value", "warning", $"'{before}' is not {fix.Target}; kept as written", before);
                    }
                    else if (after is null)
                    {
                        fix.Coerced++;
                        report.RowIssue(row, fix.Stats.Name, "type_coercion", "warning", $"'{before}' is not {fix.Target}; set to null", before);
                    }

                    if (!string.Equals(before, after, StringComparison.Ordinal))
                    {
                        if (after is not null && fix.Target != "datetime")
                        {
                            fix.NoteGroups(before); // "1 234,56": the space is said in the report
                        }

                        fix.Converted += after is null ? 0 : 1;
                        fields[fix.Stats.Index] = after ?? "";
                    }
                }

                writer.WriteRow(fields);
            }

            written = writer.RowsWritten;
            profile = writer.Profile;
        }

        // A column whose numbers only had white space around them is trimmed, not converted: reported apart.
        var conversions = fixes.Where(f => !f.TrimOnly).ToList();
        var trims = fixes.Where(f => f.TrimOnly && f.Converted > 0).ToList();
        long convertedCells = conversions.Sum(f => f.Stats.NonNull);
        long coerced = conversions.Sum(f => f.Coerced);
        long kept = conversions.Sum(f => f.Kept);
        var fixedColumns = conversions.Select(f => f.Stats.Index).ToHashSet();
        var nonEmpty = stats.Where(s => s.NonNull > 0).ToList();
        var mixed = nonEmpty.Where(s => !fixedColumns.Contains(s.Index) && s.InferredType == "string" && s.ReadableNumbersIn(usGroups) > 0).ToList();
        double success = 100 - Rounding.Share(coerced + kept, convertedCells);
        double consistency = nonEmpty.Count == 0 ? 100 : 100 - Rounding.Share(mixed.Count, nonEmpty.Count);
        double score = CleanScore.Weighted((success, settings.SuccessWeight), (consistency, settings.ConsistencyWeight));
        string status = CleanScore.Status(score, settings.ExcellentThreshold, settings.GoodThreshold);
        foreach (var fix in conversions.Where(f => f.Coerced > 0))
        {
            report.Findings.Issue(fix.Stats.Name, "type_coercion", "medium", $"{fix.Coerced} value(s) of '{fix.Stats.Name}' are not {fix.Target} and were set to null",
                $"Correct the non-{fix.Target} values of '{fix.Stats.Name}' at the source.");
        }

        foreach (var fix in conversions.Where(f => f.Target == "datetime"))
        {
            DateOrderFindings.Report(report, fix.Stats);
        }

        foreach (var fix in conversions.Where(f => f.Kept > 0))
        {
            report.Findings.Issue(fix.Stats.Name, "unconverted_values", "medium",
                $"{fix.Kept} value(s) of '{fix.Stats.Name}' look like a {fix.Target} in a notation this tool does not read (a decimal comma, a trailing minus, a month name in another language); they were kept as written, so the column still holds text",
                $"Write the values of '{fix.Stats.Name}' in one format (numbers with a decimal point, dates as yyyy-MM-dd) at the source, or fix them by hand.");
        }

        foreach (var s in mixed)
        {
            // An identifier column is kept as text above the threshold too: say so rather than "below the threshold".
            string why = identifiers.Contains(s.Name)
                ? "it is kept as text because it holds identifiers (its name or a leading zero says so), which a number would change"
                : commaShown.Contains(s)
                    ? $"its decimal commas are not read because {PointColumns(pointShown)} the file writes numbers otherwise (see the notation_conflict alert)"
                    : $"below the {Figures.F(settings.NumericThreshold)}% needed to convert it";
            report.Findings.Issue(s.Name, "mixed_types", "low", $"Text column '{s.Name}' has {s.ReadableNumbersIn(usGroups)} numeric value(s) ({Figures.F(s.ReadableNumberPctIn(usGroups))}%); {why}",
                $"Decide one type for '{s.Name}' (e.g. a common ID format).");
        }

        var commaColumns = conversions.Where(f => f.DecimalComma).Select(f => f.Stats.Name).ToList();
        if (commaColumns.Count > 0)
        {
            report.Findings.Alert("decimal_comma", "medium", "validity", commaColumns.Count,
                $"This file writes numbers with a decimal comma (e.g. '{commaEvidence!.Name}'): {string.Join(", ", commaColumns)} were read so (1.234,56 = 1234.56, 1.234 = 1234) and written with a decimal point",
                "Check the converted columns; export numbers with a decimal point (or ISO settings) to avoid the ambiguity of '1.234'.");
        }

        var spaced = conversions.Where(f => f.Separators.Count > 0).ToList();
        if (spaced.Count > 0)
        {
            report.Findings.Alert("thousands_separators", "medium", "validity", spaced.Count,
                $"{string.Join(", ", spaced.Select(f => $"{f.Stats.Name} ({string.Join(", ", f.Separators.Select(ThousandsGroups.NameOf).Distinct())})"))} "
                + "write thousands groups with a space or an apostrophe (1 234,56; 1'234.50): read as numbers (1234.56, 1234.5) and written without groups",
                "Check the converted columns (a code written in groups of three digits, such as 75 001, is read as a number too); export numbers without thousands separators.");
        }

        if (commaShown.Count > 0)
        {
            report.Findings.Alert("notation_conflict", "medium", "validity", commaShown.Count,
                $"{string.Join(", ", commaShown.Select(c => $"'{c.Name}'"))} write(s) numbers with a decimal comma, but {PointColumns(pointShown)} the file writes them otherwise: "
                + "with two notations in one file, '1.234' and '1,500' cannot be told apart, so every column was read with a decimal point and the decimal-comma values were left as written",
                "Export every number column with one notation (decimal point, or decimal comma throughout), or clean the columns of each notation in a file of their own.");
        }

        if (conversions.Count > 0)
        {
            report.Findings.Alert("conversions", coerced + kept > 0 ? "medium" : "low", "validity", conversions.Count,
                $"{conversions.Count} column(s) converted: {string.Join(", ", conversions.Select(f => $"{f.Stats.Name} → {f.Target}"))}", "Store these columns with their proper types at the source.");
        }

        var data = new JsonObject
        {
            ["conversions"] = new JsonArray([.. conversions.Select(f => (JsonNode)f.ToJson())]),
            ["column_types"] = new JsonObject([.. stats.Select(s => KeyValuePair.Create(s.Name, (JsonNode?)(fixes.FirstOrDefault(f => f.Stats.Index == s.Index)?.Target ?? WrittenType(s))))]),
            ["mixed_type_columns"] = new JsonArray([.. mixed.Select(s => (JsonNode)s.Name)]),
            ["trimmed_columns"] = new JsonObject([.. trims.Select(f => KeyValuePair.Create(f.Stats.Name, (JsonNode?)f.Converted))]),
            ["identifier_columns_kept_as_text"] = new JsonArray([.. identifiers.Select(c => (JsonNode)c)]),
            ["note"] = "identifier columns (by name: id, zip, postcode, phone, code, …; or a value with a leading zero) are never made numbers, which would drop leading zeros and null the codes that are not numbers; AGENSIUM's original only applies the text rules to columns whose dtype name is \"Utf8\" (newer Polars says \"String\"), so there they may never fire; here they do",
            ["score"] = new JsonObject { ["value"] = score, ["status"] = status, ["formula"] = "success_weight·(100 − unconverted% of cells in converted columns, set to null or kept) + consistency_weight·single-type columns%" },
        };
        if (commaShown.Count > 0)
        {
            data["notation_conflict"] = new JsonObject
            {
                ["decimal_comma_columns"] = new JsonArray([.. commaShown.Select(c => (JsonNode)c.Name)]),
                ["decimal_point_columns"] = new JsonArray([.. pointShown.Select(c => (JsonNode)c.Name)]),
            };
        }

        parameters.Describe(data, TypeFixerSettings.Defaults().ToJson(), settings.ToJson());
        var metrics = new JsonObject
        {
            ["total_rows"] = rows,
            ["columns_converted"] = conversions.Count,
            ["values_converted"] = conversions.Sum(f => f.Converted),
            ["values_coerced_to_null"] = coerced,
            ["values_kept_unconverted"] = kept,
            ["values_trimmed"] = trims.Sum(f => f.Converted),
            ["type_fix_score"] = score,
            ["status"] = status,
        };
        report.Card("columns", "Columns Type-Fixed", conversions.Count.ToString(CultureInfo.InvariantCulture), coerced + kept == 0 ? "success" : "warning",
            $"{coerced} value(s) could not be converted and were set to null; {kept} in another notation were kept as written.");
        string text = $"Type fixing converted {conversions.Count} column(s) ({conversions.Sum(f => f.Converted)} value(s) rewritten, {coerced} set to null, {kept} kept as written); "
            + $"{mixed.Count} mixed-type column(s) left; score {Figures.F(score)} ({status}).";
        return new CleanAgentResult(report.Build(metrics, data, score, status, text), context.OutputPath, written, header.Count) { OutputProfile = profile };
    }
}
