using Agensium.Analysis.Clean;

namespace Agensium.Analysis.Profile;

/// <summary>
/// The number notation drift-detector reads a shared column in: the one the values of both files show together
/// (<see cref="ColumnNotation"/>, type-fixer's rule), so that both sides are read the same way. An amount column
/// written "616,91" is compared as the numbers it holds, not as hundreds of categories. When each file on its own
/// says another notation (a baseline that writes decimal points, "1.5" or "1,234.56", beside a current file that writes
/// decimal commas, "1,5" or "1.234,56", or the other way round), each side is read in its own and the change is told
/// (<see cref="Apply"/> answers true): the amounts are compared as the numbers they are, and the switch of the feed's
/// notation, which breaks a consumer that parses the column, is its own finding.
/// </summary>
internal static class DriftColumnNotation
{
    /// <summary>
    /// Reads both samples again when their values show a notation other than plain numbers; true when the two files
    /// write the column in different notations (each sample is then read in its own). A ';'-delimited file leans to
    /// decimal commas (<see cref="CommaNotation.OnlyCommaFits"/>); the two files together when both are.
    /// </summary>
    public static bool Apply(DriftColumnSample baseline, DriftColumnSample current, bool baselineSemicolon = false, bool currentSemicolon = false)
    {
        if (baseline.NonNumeric == 0 && current.NonNumeric == 0)
        {
            return false; // every value read already: "0,5" or "1,200" are no plain numbers
        }

        bool identifier = IdentifierColumns.NameSaysIdentifier(current.Name);
        var b = TallyOf(baseline);
        var c = TallyOf(current);
        var (ownB, ownC) = (ColumnNotation.Of(b, identifier, baselineSemicolon), ColumnNotation.Of(c, identifier, currentSemicolon));
        if (ownB.DecimalComma != ownC.DecimalComma && SaysDecimalPoint(ownB.DecimalComma ? c : b, identifier))
        {
            baseline.ReadIn(ownB);
            current.ReadIn(ownC);
            return true;
        }

        var both = b; // a copy (a struct): the baseline's counts, then the current file's added
        foreach (var (text, count) in current.Counts)
        {
            both.Add(DriftColumnSample.NumberPart(text), count);
        }

        var notation = ColumnNotation.Of(both, identifier, baselineSemicolon && currentSemicolon);
        if (notation.DecimalComma || both.Counts.CommaGrouped + both.AmbiguousGroups > 0)
        {
            baseline.ReadIn(notation);
            current.ReadIn(notation);
        }

        return false;
    }

    // A side that writes decimal points by its own values (US groups, or '.' decimals in a number column), not one of
    // plain integers, which either notation reads alike.
    private static bool SaysDecimalPoint(in NotationTally tally, bool identifier) =>
        CommaNotation.Contradicts(tally.Counts, identifier, ColumnNotation.NumericThreshold);

    private static NotationTally TallyOf(DriftColumnSample sample)
    {
        var tally = new NotationTally();
        foreach (var (text, count) in sample.Counts)
        {
            tally.Add(DriftColumnSample.NumberPart(text), count);
        }

        return tally;
    }
}
