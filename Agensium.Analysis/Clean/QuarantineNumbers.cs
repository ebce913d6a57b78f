using System.Globalization;

namespace Agensium.Analysis.Clean;

/// <summary>
/// The number quarantine-agent reads in a cell, for a range rule and for expected_schema's number types, read as
/// type-fixer reads the file's numbers: plain, with strict thousands groups ("1,200.00"), with a currency sign or code
/// ("$300.00"), an accounting negative ("(1,200.00)"), or with a decimal comma ("12,50"). In a file that writes decimal
/// commas (<see cref="DecimalCommaFile"/>) '.' groups thousands: "1.500" is 1500 there, not 1.5, in every column. A
/// leading typographic minus U+2212 is a minus ("−3" is −3).
/// </summary>
internal sealed class QuarantineNumbers
{
    private readonly bool _decimalCommaFile;

    private QuarantineNumbers(bool decimalCommaFile) => _decimalCommaFile = decimalCommaFile;

    /// <summary>True when the file was judged to write decimal commas.</summary>
    public bool DecimalCommaFile => _decimalCommaFile;

    /// <summary>The reader for a file whose notation is known: <paramref name="decimalCommaFile"/> as <see cref="Clean.DecimalCommaFile"/> judged it.</summary>
    public static QuarantineNumbers InNotation(bool decimalCommaFile) => new(decimalCommaFile);

    /// <summary>
    /// The reader for the context's current file; the file's notation is judged (one pass over it, or the profile an
    /// earlier agent handed over) only when <paramref name="needed"/>, i.e. when a rule reads numbers, with type-fixer's
    /// numeric_threshold for the run (<see cref="CleanAgentContext.TypeFixing"/>).
    /// </summary>
    public static QuarantineNumbers For(CleanAgentContext context, bool needed, CancellationToken ct)
    {
        if (!needed)
        {
            return new QuarantineNumbers(false);
        }

        var (_, stats, _) = ColumnStats.Of(context, ct, keepValues: false);
        return new QuarantineNumbers(Clean.DecimalCommaFile.Shows(stats, context.TypeFixing.NumericThreshold, context.OriginalDelimiter() == ';'));
    }

    /// <summary>Reads <paramref name="value"/> as a number of this file.</summary>
    public bool TryRead(string value, out double number)
    {
        value = AsciiMinus(value);
        // In a decimal-comma file "1.500" and "1.234,56" are read with '.' as thousands first: a decimal-point reading
        // would take them for 1.5 and fail "1.234,56".
        if (_decimalCommaFile && (CellValues.TryCommaAccountingNegative(value, out number)
            || CommaNotation.TryParse(value.AsSpan().Trim(), out number)
            || (!value.Contains('.') && CellValues.TryNumber(value, out number))))
        {
            return true;
        }

        return CellValues.TryNumber(value, out number) || CellValues.TryGroupedNumber(value, out number)
            || CellValues.TryCurrencyNumber(value, out number) || CommaNotation.TryParse(value.AsSpan().Trim(), out number)
            || CellValues.TryAccountingNegative(value, out number);
    }

    /// <summary>
    /// True when <paramref name="value"/> is a whole number: digits with an optional sign ("007", "-3", also past a
    /// double's 15 digits), or a number read by <see cref="TryRead"/> without a fraction ("1,200", "3.0", "1.500" in a
    /// decimal-comma file).
    /// </summary>
    public bool IsWhole(string value) =>
        long.TryParse(AsciiMinus(value).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        || (TryRead(value, out double number) && double.IsFinite(number) && Math.Floor(number) == number);

    // A leading typographic minus U+2212 ("−3", as word processors and web pages write it) read as '-': type-fixer keeps
    // such a number as written (ForeignNotation), so it reaches this agent, and the readers here take only '-'.
    private static string AsciiMinus(string value)
    {
        var text = value.AsSpan().Trim();
        return text.Length >= 2 && text[0] == '\u2212' ? string.Concat("-", text[1..]) : value;
    }
}
