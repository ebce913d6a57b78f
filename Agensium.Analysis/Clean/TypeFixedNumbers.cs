namespace Agensium.Analysis.Clean;

/// <summary>
/// A file's numbers as the agents after type-fixer read them, for cleanse-previewer, whose predictions are of what the
/// chain does: each cell is taken as type-fixer writes it (its column's <see cref="TypeFix"/>, decided with the file's
/// notation, <see cref="DecimalCommaFile"/>) and then read as outlier-remover reads a cell. In a decimal-comma file
/// "1,99" is 1.99 and "1.500" is 1500, as type-fixer rewrites them, not 1.5 and not a text.
/// </summary>
internal sealed class TypeFixedNumbers
{
    private readonly TypeFix?[] _fixes;

    private TypeFixedNumbers(TypeFix?[] fixes, QuarantineNumbers reader)
    {
        _fixes = fixes;
        Reader = reader;
    }

    /// <summary>Reads a number in the file's notation, as type-fixer converts one (for a cell of any column).</summary>
    public QuarantineNumbers Reader { get; }

    /// <summary>The conversions type-fixer, with <paramref name="settings"/>, would apply to the columns of <paramref name="stats"/>.</summary>
    /// <param name="stats">Every column of the file, by index.</param>
    /// <param name="settings">type-fixer's settings for the run (<see cref="CleanAgentContext.TypeFixing"/>).</param>
    /// <param name="semicolonFile">True when the task's file is ';'-delimited (<see cref="CleanAgentContext.OriginalDelimiter"/>).</param>
    public static TypeFixedNumbers Of(IReadOnlyList<ColumnStats> stats, TypeFixerSettings settings, bool semicolonFile)
    {
        // As TypeFixerAgent.Run decides its conversions.
        var (decimalComma, usGroups) = DecimalCommaFile.Judge(stats, settings.NumericThreshold, semicolonFile);
        return new TypeFixedNumbers([.. stats.Select(s => TypeFix.Decide(s, settings, decimalCommaFile: decimalComma, usGroupsFile: usGroups))],
            QuarantineNumbers.InNotation(decimalComma));
    }

    /// <summary>
    /// The text type-fixer writes for <paramref name="cell"/> of column <paramref name="column"/>, as TypeFixerAgent.Run
    /// writes it: blanks and null tokens left, a value in another notation kept as written, one that does not convert blank.
    /// </summary>
    public string Written(int column, string cell)
    {
        var fix = _fixes[column];
        if (fix is null || CellValues.IsBlank(cell) || (CellValues.IsNullToken(cell) && !fix.TrimOnly))
        {
            return cell;
        }

        return fix.Convert(cell) ?? (ForeignNotation.WorthKeeping(cell, fix.Target) ? cell : "");
    }
}
