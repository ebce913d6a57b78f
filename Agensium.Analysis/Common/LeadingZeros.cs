namespace Agensium.Analysis.Common;

/// <summary>
/// When digits are an identifier's, not a quantity's: one rule for every tool (profile-my-data's profiler,
/// clean-my-data's type-fixer and the agents that skip identifier columns). A value is written with a leading zero
/// when it is digits only (white space around allowed), at least two of them, the first a 0: "02134", "007", "0150",
/// "01501234567". No quantity is written so, and as a number it would lose its zeros. "0" is the number zero; "0.5",
/// "00.5" and "1e05" have a decimal point or an exponent, "-0150" and "+0150" a sign: a quantity's notations (a signed
/// value padded to a width), read as numbers. A column of numbers holding any such value is a column of identifiers
/// (<see cref="MakeColumnText"/>): ZIP codes whose most values have no leading zero ("94105" beside "02134") are
/// still ZIP codes, and converting them would strip the zeros of the others.
/// </summary>
public static class LeadingZeros
{
    /// <summary>True when <paramref name="value"/> is digits only (white space around allowed), at least two, the first a 0.</summary>
    public static bool IsWritten(ReadOnlySpan<char> value)
    {
        var text = value.Trim();
        return text.Length > 1 && text[0] == '0' && !text.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>
    /// True when a column holding <paramref name="leadingZeroValues"/> values written with a leading zero is a column of
    /// identifiers: text, never numbers (no mean, no outliers, no conversion), whatever its other values are.
    /// </summary>
    public static bool MakeColumnText(long leadingZeroValues) => leadingZeroValues > 0;
}
