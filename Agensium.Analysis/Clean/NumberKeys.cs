namespace Agensium.Analysis.Clean;

/// <summary>
/// How duplicate keys read the cells of a file's number columns (<see cref="NumberColumns"/>): by value, as the rows
/// compare once type-fixer has rewritten them in the default chain. A number column is one whose every value is a
/// number as type-fixer reads numbers (<see cref="TypeFix.Decide"/> with the file's notation, <see cref="DecimalCommaFile"/>):
/// plain ("1.50" = "1.5"), or written with thousands groups ("1,234", "1 234", "1'234" = "1234",
/// <see cref="Common.ThousandsGroups"/>), or with a decimal comma in a file that writes them ("1,5" = "1.5",
/// "1.234" = "1234" there). Such a cell is read as type-fixer converts it, then keyed by its canonical text
/// (<see cref="NumberColumns.Canonical"/>), so duplicate-resolver run alone or first in a custom chain removes the rows
/// the default chain removes. Identifier and version columns are not number columns; nor is a column with a value
/// that is no number ("n/a price"): there "1.50" and "1.5" stay two texts.
/// </summary>
internal sealed class NumberKeys
{
    private readonly bool[] _byValue;

    // The conversion of a column whose values are not all plain numbers in decimal-point notation (groups, decimal
    // commas): read before the canonical text. Null where the canonical text of the cell as written is its value.
    private readonly TypeFix?[] _readings;

    private NumberKeys(bool[] byValue, TypeFix?[] readings)
    {
        _byValue = byValue;
        _readings = readings;
    }

    /// <summary>The columns <paramref name="byValue"/> marks compared by the canonical text of their cells as written (plain numbers).</summary>
    public static NumberKeys Plain(bool[] byValue) => new(byValue, new TypeFix?[byValue.Length]);

    /// <summary>The number columns of <paramref name="stats"/> and their reading.</summary>
    /// <param name="stats">Every column of the file, by index.</param>
    /// <param name="settings">type-fixer's settings for the run (<see cref="CleanAgentContext.TypeFixing"/>).</param>
    /// <param name="semicolonFile">True when the task's file is ';'-delimited (<see cref="CleanAgentContext.OriginalDelimiter"/>).</param>
    public static NumberKeys Of(IReadOnlyList<ColumnStats> stats, TypeFixerSettings settings, bool semicolonFile)
    {
        var (decimalComma, usGroups) = DecimalCommaFile.Judge(stats, settings.NumericThreshold, semicolonFile);
        var byValue = new bool[stats.Count];
        var readings = new TypeFix?[stats.Count];
        for (int c = 0; c < stats.Count; c++)
        {
            var s = stats[c];
            if (!NumberColumns.MayCompareByValue(s))
            {
                continue;
            }

            var fix = TypeFix.Decide(s, settings, decimalCommaFile: decimalComma, usGroupsFile: usGroups);
            bool converts = fix is { TrimOnly: false, Target: "integer" or "float" } && (fix.DecimalComma || !s.IsNumeric);
            bool allNumbers = s.IsNumeric
                || (converts && (fix!.DecimalComma ? AllCommaNumbers(s) : s.ReadableNumbersIn(usGroups) >= s.NonNull));
            byValue[c] = allNumbers;
            readings[c] = allNumbers && converts ? fix : null;
        }

        return new NumberKeys(byValue, readings);
    }

    /// <summary>True when column <paramref name="column"/>'s cells are keyed by value.</summary>
    public bool ByValue(int column) => _byValue[column];

    /// <summary>The columns keyed by value.</summary>
    public int[] Columns => [.. Enumerable.Range(0, _byValue.Length).Where(c => _byValue[c])];

    /// <summary>The text a cell of a by-value column is keyed by: its number's canonical text, or the cell trimmed when it is none.</summary>
    public ReadOnlySpan<char> Of(int column, string cell)
    {
        if (_readings[column] is { } fix && !CellValues.IsBlank(cell) && !CellValues.IsNullToken(cell) && fix.Convert(cell) is { Length: > 0 } read)
        {
            return NumberColumns.Canonical(read);
        }

        return NumberColumns.Canonical(cell);
    }

    // Every value a number once read with decimal commas ("1,5", "1.234", "12").
    private static bool AllCommaNumbers(ColumnStats s) => TypeFix.CommaReading(s) is var comma && comma.Numbers + comma.CommaNumbers >= s.NonNull;
}
