using System.Globalization;
using Agensium.Analysis.Common;

namespace Agensium.Analysis.Profile;

/// <summary>The formats a non-null cell's text has.</summary>
[Flags]
internal enum CellKinds : byte
{
    None = 0,
    Number = 1,
    Integer = 2,
    Boolean = 4,
    Date = 8,
    Email = 16,
    Phone = 32,
}

/// <summary>
/// What a non-null cell's text is (number and its value, integer text, boolean, date, e-mail, phone): a function of
/// the text alone, so the profiler works it out once per distinct value of a column and reuses it for repeats.
/// </summary>
internal readonly record struct CellClass(CellKinds Kinds, double Number)
{
    public bool Is(CellKinds kind) => (Kinds & kind) != 0;

    /// <summary>Classifies <paramref name="value"/> (not empty, not white space). Boolean, date and e-mail are only looked for in non-numbers.</summary>
    public static CellClass Of(ReadOnlySpan<char> value)
    {
        var kinds = PatternValidators.IsPhone(value) ? CellKinds.Phone : CellKinds.None;
        if (NumberText.TryParse(value, out double number))
        {
            kinds |= CellKinds.Number;
            kinds |= long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? CellKinds.Integer : CellKinds.None;
            return new CellClass(kinds, number);
        }

        kinds |= PatternValidators.IsBoolean(value) ? CellKinds.Boolean : CellKinds.None;
        kinds |= PatternValidators.IsDate(value) ? CellKinds.Date : CellKinds.None;
        kinds |= PatternValidators.IsEmail(value) ? CellKinds.Email : CellKinds.None;
        return new CellClass(kinds, 0);
    }
}
