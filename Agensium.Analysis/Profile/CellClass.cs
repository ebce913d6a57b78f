using System.Globalization;
using Agensium.Analysis.Common;

namespace Agensium.Analysis.Profile;

/// <summary>The formats a non-null cell's text has.</summary>
[Flags]
internal enum CellKinds : ushort
{
    None = 0,
    Number = 1,
    Integer = 2,
    Boolean = 4,
    Date = 8,
    Email = 16,
    Phone = 32,

    /// <summary>A number written d{1,3}(.ddd)+ ("1.234"): a decimal, or thousands in a decimal-comma file.</summary>
    DotGrouped = 64,

    /// <summary>A number with a '.' that can only be a decimal point ("1.5").</summary>
    PointDecimal = 128,

    /// <summary>Not a number, but one in decimal-comma notation ("0,5", "1.234,56"; <see cref="Clean.CommaNotation"/>).</summary>
    CommaNumber = 256,

    /// <summary>Such a number whose comma can only be a decimal comma ("0,5", not "1,234").</summary>
    CommaDecimal = 512,

    /// <summary>A number in US thousands groups ("1,200"), which double.Parse does not read.</summary>
    CommaGrouped = 1024,

    /// <summary>Such a number of one comma group that a decimal comma reads as well ("1,500", "48,331").</summary>
    AmbiguousGroup = 2048,

    /// <summary>
    /// A whole number with thousands grouped by a space or an apostrophe ("12 000", "1'234": <see cref="ThousandsGroups"/>),
    /// the same number in either notation; counted with <see cref="CommaNumber"/>, which reads it.
    /// </summary>
    GroupedWhole = 4096,

    /// <summary>A number written with a leading zero ("02134", "007": <see cref="LeadingZeros"/>), an identifier's digits.</summary>
    LeadingZero = 8192,
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
            kinds |= LeadingZeros.IsWritten(value) ? CellKinds.LeadingZero : CellKinds.None;
            if (value.Contains('.'))
            {
                kinds |= Clean.CommaNotation.IsDotGrouped(value) ? CellKinds.DotGrouped : CellKinds.PointDecimal;
            }

            return new CellClass(kinds, number);
        }

        if (Clean.CommaNotation.MayBeOne(value))
        {
            // "1,200" or "1 234.56": groups only a decimal point reads.
            if ((value.Contains(',') && Clean.CommaNotation.IsCommaGrouped(value)) || Clean.CommaNotation.IsGroupedPointDecimal(value))
            {
                kinds |= CellKinds.CommaGrouped | (Clean.CommaNotation.TryParse(value, out _) ? CellKinds.AmbiguousGroup : CellKinds.None);
            }
            else if (Clean.CommaNotation.TryParse(value, out _))
            {
                kinds |= CellKinds.CommaNumber | (Clean.CommaNotation.IsUnambiguousDecimal(value) ? CellKinds.CommaDecimal : CellKinds.None)
                    | (ThousandsGroups.TryRead(value, out var groups) && groups.DecimalMark == '\0' ? CellKinds.GroupedWhole : CellKinds.None);
            }
        }

        kinds |= PatternValidators.IsBoolean(value) ? CellKinds.Boolean : CellKinds.None;
        kinds |= PatternValidators.IsDate(value) ? CellKinds.Date : CellKinds.None;
        kinds |= PatternValidators.IsEmail(value) ? CellKinds.Email : CellKinds.None;
        return new CellClass(kinds, 0);
    }
}
