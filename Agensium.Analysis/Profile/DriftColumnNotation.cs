using Agensium.Analysis.Clean;

namespace Agensium.Analysis.Profile;

/// <summary>
/// The number notation drift-detector reads a shared column in: the one the values of both files show together
/// (<see cref="ColumnNotation"/>, type-fixer's rule), so that both sides are read the same way. An amount column
/// written "616,91" is compared as the numbers it holds, not as hundreds of categories; a baseline written "616.91"
/// beside a current file written "616,91" is read with a decimal point, and the current file's values, no longer
/// numbers, make a type change.
/// </summary>
internal static class DriftColumnNotation
{
    /// <summary>Reads both samples again when their values show a notation other than plain numbers.</summary>
    public static void Apply(DriftColumnSample baseline, DriftColumnSample current)
    {
        if (baseline.NonNumeric == 0 && current.NonNumeric == 0)
        {
            return; // every value read already: "0,5" or "1,200" are no plain numbers
        }

        var tally = new NotationTally();
        foreach (var (text, count) in baseline.Counts)
        {
            tally.Add(text, count);
        }

        foreach (var (text, count) in current.Counts)
        {
            tally.Add(text, count);
        }

        var notation = ColumnNotation.Of(tally, IdentifierColumns.NameSaysIdentifier(current.Name));
        if (notation.DecimalComma || tally.Counts.CommaGrouped + tally.AmbiguousGroups > 0)
        {
            baseline.ReadIn(notation);
            current.ReadIn(notation);
        }
    }
}
