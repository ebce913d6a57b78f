using System.Globalization;

namespace Agensium.Analysis.Clean;

/// <summary>What one cell is, as <see cref="ColumnStats"/> counts it: blank, a number (whole, written as an integer, with a leading zero) or other text (boolean, date and which order a numeric date must be read in).</summary>
internal readonly record struct CellTraits(CellKind Kind, double Number, bool Whole, bool IntegerText, bool LeadingZero, bool Boolean, bool Date, DateOrder Order)
{
    public static CellTraits Of(string value)
    {
        if (CellValues.IsBlank(value))
        {
            return new CellTraits(CellKind.Blank, 0, false, false, false, false, false, DateOrder.Unknown);
        }

        if (CellValues.TryNumber(value, out double number))
        {
            var digits = value.AsSpan().Trim();
            return new CellTraits(CellKind.Number, number, Math.Floor(number) == number,
                long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                digits.Length > 1 && digits[0] == '0' && char.IsAsciiDigit(digits[1]), false, false, DateOrder.Unknown);
        }

        bool date = DateValues.IsDate(value);
        return new CellTraits(CellKind.Other, 0, false, false, false, PatternValidators.IsBoolean(value), date, date ? DateValues.OrderOf(value) : DateOrder.Unknown);
    }
}

/// <summary>The three kinds of cell <see cref="ColumnStats"/> tells apart.</summary>
internal enum CellKind : byte
{
    Blank,
    Number,
    Other,
}
