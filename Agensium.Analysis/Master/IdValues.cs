namespace Agensium.Analysis.Master;

/// <summary>
/// Whether the values of one column, taken together, are those an id column writes (<see cref="MatchKeys.NumbersTheRows"/>):
/// digits ("10017", "00042") or codes that are no number ("INV-0042", "C01234567"), never an amount or a decimal
/// ("12.50", "$1,200", "12,5", "-3", "4%"). A digit string grouped by a space or an apostrophe ("12 345",
/// <see cref="Common.ThousandsGroups"/>) is an amount or an id depending on its column: ids written so are all grouped
/// alike (one separator, one length: "12 345", "12 346", "48 200"), while amounts are plain below a thousand and grouped
/// above it, in groups of every length ("350", "1 200", "12 500"). So grouped digits are ids only when every digit value of the
/// column is grouped with one separator to one length and no value is an amount; a value by itself cannot tell.
/// </summary>
internal sealed class IdValues
{
    private bool _amount;
    private bool _plainDigits;
    private bool _inconsistentGroups;
    private char _separator;
    private int _groupedLength = -1;

    /// <summary>True when the values seen are an id column's.</summary>
    public bool AreIds => !_amount && (_groupedLength < 0 || (!_plainDigits && !_inconsistentGroups));

    /// <summary>Counts one value of the column; false once a value is an amount (no later value can change that).</summary>
    public bool Add(string value)
    {
        var text = value.AsSpan().Trim();
        if (!text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9'))
        {
            _plainDigits = true;
        }
        else if (Common.ThousandsGroups.TryRead(text, out var groups) && groups.DecimalMark == '\0' && groups.Plain[0] != '-')
        {
            _inconsistentGroups |= (_groupedLength >= 0 && (groups.Separator != _separator || text.Length != _groupedLength));
            (_separator, _groupedLength) = (groups.Separator, text.Length);
        }
        else
        {
            _amount |= IsAmount(text);
        }

        return !_amount;
    }

    // A number as master-my-data reads amounts (a currency or percent sign, a decimal point or comma, US groups).
    private static bool IsAmount(ReadOnlySpan<char> text)
    {
        var number = Amounts.NumberPart(text);
        return Common.NumberText.TryParse(number, out _) || Clean.CommaNotation.TryParse(number, out _)
            || ((number.Contains(',') || Common.ThousandsGroups.MayBeOne(number)) && Clean.CellValues.TryGroupedNumber(number.ToString(), out _));
    }
}
