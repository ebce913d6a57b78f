using Agensium.Analysis.Common;

namespace Agensium.Analysis.Clean;

/// <summary>
/// How one column writes its numbers, told from its own values (<see cref="NotationTally"/>) by type-fixer's rule
/// (<see cref="CommaNotation"/>): with a decimal comma when the column shows one (<see cref="CommaNotation.Shows"/>: at
/// least three values, and three in ten, whose comma can only be a decimal comma, such as "0,5", "12,50", "1.234,56",
/// or one in ten (in a ';' file four and one in fifty) when read so every value is a number, <see cref="CommaNotation.OnlyCommaFits"/>;
/// more than 70 % numbers so read; no identifier column) and nothing in it says otherwise
/// (<see cref="CommaNotation.Contradicts"/>: US groups such as "1,234.50", '.' decimals such as "1.5"); else with a
/// decimal point and optional strict US thousands groups ("1,234.50"). So "1,500" is 1.5 in a column of "12,50"s and
/// 1500 in a column of "2,000.00"s or on its own. For the agents that compare or measure a column's values
/// (master-my-data's min/max, business rules and ranges; drift-detector); type-fixer, which rewrites them, judges the
/// notation over its whole file.
/// </summary>
internal sealed class ColumnNotation
{
    /// <summary>type-fixer's default numeric_threshold: the share (%) of a column's values that must be numbers so read.</summary>
    public const double NumericThreshold = TypeFixerSettings.DefaultNumericThreshold;

    private ColumnNotation(bool decimalComma) => DecimalComma = decimalComma;

    /// <summary>A decimal point, with optional strict US thousands groups ("1,234.50") or space or apostrophe ones ("1 234.50").</summary>
    public static ColumnNotation DecimalPoint { get; } = new(false);

    /// <summary>A decimal comma, with optional '.', space or apostrophe thousands groups ("1.234,56", "1 234,56"; "1.234" is 1234).</summary>
    public static ColumnNotation Comma { get; } = new(true);

    /// <summary>True for <see cref="Comma"/>.</summary>
    public bool DecimalComma { get; }

    /// <summary>
    /// The notation of a column holding <paramref name="tally"/>'s values (an identifier column is never read with a
    /// decimal comma), in a ';'-delimited file when <paramref name="semicolonFile"/>.
    /// </summary>
    public static ColumnNotation Of(in NotationTally tally, bool identifierName = false, bool semicolonFile = false)
    {
        bool identifier = identifierName || LeadingZeros.MakeColumnText(tally.LeadingZeroNumbers);
        var counts = tally.Counts;
        return CommaNotation.Shows(counts, identifier, NumericThreshold, semicolonFile) && !CommaNotation.Contradicts(counts, identifier, NumericThreshold)
            ? Comma : DecimalPoint;
    }

    /// <summary>Reads <paramref name="text"/> (white space around allowed) as a number written in this notation.</summary>
    public bool TryRead(ReadOnlySpan<char> text, out double number)
    {
        text = text.Trim();
        if (DecimalComma)
        {
            // "12,50", "1.234,56", "1.234" (thousands); a plain "12" or "1e3" too, but never a '.' decimal.
            return CommaNotation.TryParse(text, out number) || (NumberText.TryParse(text, out number) && !text.Contains('.'));
        }

        // "1,234.50", "1 234.50", "12 000": grouped for reading.
        return NumberText.TryParse(text, out number)
            || ((text.Contains(',') || ThousandsGroups.MayBeOne(text)) && CellValues.TryGroupedNumber(text.ToString(), out number));
    }
}
