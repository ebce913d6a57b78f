namespace Agensium.Analysis.Master;

/// <summary>
/// Whether a column's values bear out what its name suggests: the share of its non-blank cells that are e-mail
/// addresses, phone numbers or dates, each distinct value checked once. A name alone misleads ("email_opt_in" holds
/// yes/no, "hotel" holds hotel names), so guesses made from a name are checked against the values.
/// </summary>
internal static class ValueEvidence
{
    /// <summary>Share (0–1) of the non-blank cells of <paramref name="column"/> that fit <paramref name="format"/> (as stewardship checks it: "email", "phone", "date"); 0 without such cells.</summary>
    public static double Share(MasterColumn column, string format)
    {
        int[] counts = column.CodeCounts();
        long filled = 0;
        long fitting = 0;
        for (int code = 0; code < counts.Length; code++)
        {
            string value = column.Values[code];
            if (counts[code] == 0 || Clean.CellValues.IsMissing(value))
            {
                continue;
            }

            filled += counts[code];
            fitting += StewardshipRules.FitsFormat(value, format) ? counts[code] : 0;
        }

        return filled == 0 ? 0 : (double)fitting / filled;
    }
}
