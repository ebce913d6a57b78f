namespace Agensium.Analysis.Input;

/// <summary>
/// How a value is written, coarsely: the case of its letters and whether it holds a digit. A table's header is often
/// written in another shape than its column's values ("product" above "Widget", "Gadget"; "code" above "CDG", "FCO"),
/// where the items of a list are written alike ("red;green" above "blue;yellow").
/// </summary>
internal readonly record struct ValueShape(LetterCase Case, bool Digits)
{
    /// <summary>The shape of <paramref name="value"/> (white space around it aside).</summary>
    public static ValueShape Of(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        int letters = 0;
        int upper = 0;
        bool digits = false;
        bool firstUpper = false;
        foreach (char c in value)
        {
            digits |= char.IsDigit(c);
            if (char.IsLetter(c))
            {
                firstUpper = letters == 0 ? char.IsUpper(c) : firstUpper;
                letters++;
                upper += char.IsUpper(c) ? 1 : 0;
            }
        }

        var letterCase = letters == 0 ? LetterCase.None
            : upper == 0 ? LetterCase.Lower
            : upper == letters && letters > 1 ? LetterCase.Upper
            : firstUpper ? LetterCase.Capitalised
            : LetterCase.Mixed;
        return new ValueShape(letterCase, digits);
    }
}

/// <summary>The case of a value's letters.</summary>
internal enum LetterCase
{
    /// <summary>No letter.</summary>
    None,

    /// <summary>All lower case ("status").</summary>
    Lower,

    /// <summary>All upper case, two letters or more ("CDG").</summary>
    Upper,

    /// <summary>The first letter upper case, not all ("Widget", "Paris", "McDonald").</summary>
    Capitalised,

    /// <summary>Any other mix ("iPhone").</summary>
    Mixed,
}
