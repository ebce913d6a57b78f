using System.Text.Json.Nodes;
using Agensium.Analysis.Common;

namespace Agensium.Analysis.Clean;

/// <summary>
/// The conversion type-fixer applies to one column: text → float (integer when every number is whole) when more than
/// the numeric threshold of its values are numbers; text → datetime above the date threshold; whole-number floats → int.
/// Values that do not convert become null (pandas' errors="coerce"), except numbers and dates in another notation, which type-fixer keeps.
/// </summary>
internal sealed class TypeFix(ColumnStats stats, string target, string reason)
{
    /// <summary>2^53: every whole number below it has its exact digits in a double.</summary>
    private const double ExactWholeLimit = 9007199254740992d;

    public ColumnStats Stats { get; } = stats;

    /// <summary>float, integer or datetime.</summary>
    public string Target { get; } = target;

    public string Reason { get; } = reason;

    public long Converted { get; set; }

    public long Coerced { get; set; }

    /// <summary>True when the column is read in decimal-comma notation ("1.234,56" = 1234.56, "1.234" = 1234).</summary>
    public bool DecimalComma { get; init; }

    /// <summary>Values in a notation the tool does not read (<see cref="ForeignNotation"/>), kept as written.</summary>
    public long Kept { get; set; }

    /// <summary>Null tokens ("N/A", "-") of the column: nulls, left for null-handler to normalise, never a failed conversion.</summary>
    public long NullTokens { get; set; }

    private readonly SortedSet<char> _separators = [];

    /// <summary>
    /// The thousands separators, other than the comma of US groups and the dot of decimal-comma ones, of the values
    /// this conversion read (<see cref="ThousandsGroups"/>: "1 234,56", "1'234.50"), noted by <see cref="NoteGroups"/>.
    /// </summary>
    public IReadOnlyCollection<char> Separators => _separators;

    /// <summary>
    /// Notes the space or apostrophe thousands separator of <paramref name="value"/>, a value this conversion read,
    /// for the report ("1 234,56", "(1 234,56)", "€ 1 234.50": a space).
    /// </summary>
    public void NoteGroups(string value)
    {
        var text = CellValues.TryParenthesized(value, out var inner) ? inner : value.AsSpan().Trim();
        if (text.Length > 1 && char.GetUnicodeCategory(text[0]) == System.Globalization.UnicodeCategory.CurrencySymbol)
        {
            text = text[1..];
        }
        else if (text.Length > 1 && char.GetUnicodeCategory(text[^1]) == System.Globalization.UnicodeCategory.CurrencySymbol)
        {
            text = text[..^1];
        }

        if (ThousandsGroups.TryRead(text, out var groups))
        {
            _separators.Add(groups.Separator);
        }
    }

    /// <summary>
    /// True for a number column whose only fault is white space around some numbers (" 10 "): its values are trimmed,
    /// never rewritten ("1.50" stays "1.50").
    /// </summary>
    public bool TrimOnly { get; init; }

    /// <summary>
    /// The conversion of a column, or null. An identifier column (ZIP codes, ids, phone numbers: <see cref="IdentifierColumns"/>)
    /// is never made a number unless <paramref name="numbersForIdentifiers"/>: "02134" would lose its zero and
    /// "A7E 7R8" its value.
    /// </summary>
    public static TypeFix? Decide(ColumnStats s, TypeFixerSettings settings, bool numbersForIdentifiers = false, bool decimalCommaFile = false,
        bool usGroupsFile = false)
    {
        if (s.NonNull == 0)
        {
            return null;
        }

        if (!numbersForIdentifiers && IdentifierColumns.Holds(s))
        {
            return s.DatePct > settings.DateThreshold ? new TypeFix(s, "datetime", $"{Figures.F(s.DatePct)}% of the values are dates") : Trimmed(s);
        }

        if (decimalCommaFile && CommaReading(s) is var comma && CommaNotation.Reads(comma, settings.NumericThreshold))
        {
            // Whole unless a comma has a fraction: d{1,3}(.ddd)+ is a number of thousands here, always whole.
            double share = 100.0 * (comma.Numbers + comma.CommaNumbers) / s.NonNull;
            // "1,500" read as a decimal comma in such a column (TypeFixerAgent.FileNotation) is 1.5: no integer column.
            return new TypeFix(s, s.CommaFractions == 0 && s.AmbiguousGroupedNumbers == 0 && s.Wholes + s.DotGroupedNumbers >= s.Numbers ? "integer" : "float",
                $"{Figures.F(share)}% of the values are numbers written with a decimal comma{(s.DotGroupedNumbers > 0 ? " and '.' thousands groups" : "")}, the notation of this file")
            { DecimalComma = true };
        }

        if (s.IsNumeric)
        {
            bool wholeFloats = s.Wholes == s.Numbers && s.IntegerTexts < s.Numbers;
            return settings.ConvertWholeFloats && wholeFloats ? new TypeFix(s, "integer", "every number is whole but some are written as floats") : Trimmed(s);
        }

        double readable = s.ReadableNumberPctIn(usGroupsFile);
        if (readable > settings.NumericThreshold)
        {
            long grouped = s.ReadableNumbersIn(usGroupsFile) - s.Numbers - s.AccountingNegatives;
            string example = s.SpaceGroupedNumbers > 0 && s.GroupedNumbers == 0 ? "1 234.50" : "1,234.50";
            string[] formatted = [.. new[] { grouped > 0 ? $"{grouped} written with thousands groups, e.g. {example}" : null,
                s.AccountingNegatives > 0 ? $"{s.AccountingNegatives} accounting negative(s) in parentheses, e.g. (75.25)" : null }.OfType<string>()];
            return new TypeFix(s, s.Wholes == s.Numbers && s.FormattedFractions == 0 ? "integer" : "float", formatted.Length == 0
                ? $"{Figures.F(s.NumericPct)}% of the values are numbers"
                : $"{Figures.F(readable)}% of the values are numbers ({string.Join("; ", formatted)})");
        }

        return s.DatePct > settings.DateThreshold ? new TypeFix(s, "datetime", $"{Figures.F(s.DatePct)}% of the values are dates") : null;
    }

    // A number column ("integer" or "float" as it stands; leading-zero ids stay "string") with white space around some
    // of its numbers, which no other agent trims (field-standardization leaves number columns alone).
    private static TypeFix? Trimmed(ColumnStats s) =>
        s.IsNumeric && s.PaddedNumbers > 0
            ? new TypeFix(s, LeadingZeros.MakeColumnText(s.LeadingZeroNumbers) ? "string" : s.InferredType, $"{s.PaddedNumbers} number(s) have white space around them") { TrimOnly = true }
            : null;

    /// <summary>
    /// What a column's values say when it is read with decimal commas: "1,500" (one group of three digits) counts as a
    /// decimal-comma number in a column that also writes ones that can only be ("1,5", "2,25"), as master-my-data and
    /// drift-detector read a column; a column of "1,500"s alone keeps it as a possible US group (left as written).
    /// </summary>
    public static NotationCounts CommaReading(ColumnStats s) => CommaNotation.CommaReading(s.Notation, s.AmbiguousGroupedNumbers);

    /// <summary>The converted text of a non-blank cell, or null when it does not convert.</summary>
    public string? Convert(string value)
    {
        if (TrimOnly)
        {
            return value.Trim();
        }

        if (Target == "datetime")
        {
            return DateValues.TryRewrite(value, Stats.DayFirst, withTime: Stats.TimedDates > 0, out string? date) ? date : null;
        }

        if (NumberText.IsTooLongForADouble(value))
        {
            // A whole number with more digits than a double holds (an account or card number): its digits are its
            // value, so it is kept as written, never rounded or set to null.
            return value.Trim();
        }

        double number;
        if (DecimalComma)
        {
            if (CellValues.TryCommaAccountingNegative(value, out number))
            {
                return Formatted(number);
            }

            if (!CommaNotation.TryParse(value, out number) && !(CellValues.TryNumber(value, out number) && !value.Contains('.')))
            {
                return null;
            }
        }
        else if (CellValues.TryAccountingNegative(value, out number))
        {
            // "(75.25)" is -75.25 in a ledger: its digits are read as they are, the parentheses as the sign.
            return Formatted(number);
        }
        else if (!CellValues.TryNumber(value, out number) && !CellValues.TryGroupedNumber(value, out number)
            && !CellValues.TryCurrencyNumber(value, out number))
        {
            // "$1,234,567,890,123,456.50" has more digits than a double holds: its digits, never null.
            return CellValues.TryLongFormattedNumber(value, out string? digits) ? digits : null;
        }

        // More significant digits than a double keeps ("1001.123456789012345678"): the text's own digits, never rounded.
        string? exact = NumberText.ExactText(value, number < 0, DecimalComma ? ',' : '.', out bool keepAsWritten);
        if (exact is not null || keepAsWritten)
        {
            return exact ?? value.Trim();
        }

        if (Target == "integer" && Math.Abs(number) >= ExactWholeLimit)
        {
            // Beyond 2^53 a double's whole digits are not the value's: "5E99" written out would be 100 digits that
            // were never in the data. Such a number is kept as written.
            return value.Trim();
        }

        // An integer column keeps any amount with cents that only a formatted value ("$1,234.50") carried.
        return Target == "integer" && Math.Floor(number) == number ? CellValues.FormatWhole(number) : CellValues.FormatNumber(number);
    }

    // An accounting negative's number as the column writes numbers: whole in an integer column (below 2^53), else shortest.
    private string Formatted(double number) =>
        Target == "integer" && Math.Floor(number) == number && Math.Abs(number) < ExactWholeLimit ? CellValues.FormatWhole(number) : CellValues.FormatNumber(number);

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["column"] = Stats.Name,
            ["from"] = TrimOnly ? Target : Stats.IsNumeric ? "float" : "string",
            ["to"] = Target,
            ["reason"] = Reason,
            ["values_changed"] = Converted,
            ["coerced_to_null"] = Coerced,
            ["kept_unconverted"] = Kept,
        };
        if (NullTokens > 0)
        {
            json["null_tokens_left"] = NullTokens;
        }
        if (Target == "datetime")
        {
            if (Stats.DateOrderRead is { } order)
            {
                json["date_order"] = order; // none for ISO dates: no order was read
            }

            if (Stats.DottedDateOrder is { } dotted)
            {
                // d.M.yyyy dates are read day-first whatever the order of the column's x/y/yyyy dates.
                json["dotted_date_order"] = dotted;
            }
        }

        if (DecimalComma)
        {
            json["notation"] = "decimal_comma";
        }

        if (_separators.Count > 0)
        {
            json["thousands_separators"] = new JsonArray([.. _separators.Select(ThousandsGroups.NameOf).Distinct().Select(n => (JsonNode)n)]);
        }

        return json;
    }
}
