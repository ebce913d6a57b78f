using System.Text;

namespace Agensium.Analysis.Profile;

/// <summary>
/// The shape of a text value, for comparing columns whose values rarely repeat (ids, e-mails, names): each run of upper
/// case letters is "A", of other letters "a", of digits "9", of white space " ", other characters as they are, at most
/// <see cref="MaxLength"/> characters. "C000123" is "A9" and "CUST-000123" "A-9"; "ann.lee@example.com" is "a.a@a.a" and
/// "ANN.LEE@EXAMPLE.ORG" "A.A@A.A". Two months of such a column share almost no value, so their categories say nothing
/// (every value new either way); their shapes say whether the feed still writes them the same way.
/// </summary>
internal static class ValueShapes
{
    /// <summary>Characters of a shape kept; a longer one ends in "…".</summary>
    public const int MaxLength = 40;

    /// <summary>Categories a side needs before its shapes are compared too.</summary>
    public const int MinCategories = 100;

    public static string Of(string value)
    {
        var shape = new StringBuilder(Math.Min(value.Length, MaxLength + 1));
        char last = '\0';
        foreach (char ch in value.AsSpan().Trim())
        {
            char c = char.IsUpper(ch) ? 'A' : char.IsLetter(ch) ? 'a' : char.IsDigit(ch) ? '9' : char.IsWhiteSpace(ch) ? ' ' : ch;
            if (c == last && c is 'A' or 'a' or '9' or ' ')
            {
                continue;
            }

            if (shape.Length >= MaxLength && !char.IsLowSurrogate(c))
            {
                if (char.IsHighSurrogate(shape[^1]))
                {
                    shape.Length--; // never half a pair
                }

                shape.Append('…');
                break;
            }

            shape.Append(c);
            last = c;
        }

        return shape.ToString();
    }

    /// <summary>The counts of <paramref name="counts"/>' values by shape.</summary>
    public static Dictionary<string, long> CountsOf(IReadOnlyDictionary<string, long> counts)
    {
        var shapes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (text, count) in counts)
        {
            string shape = Of(text);
            shapes[shape] = shapes.GetValueOrDefault(shape) + count;
        }

        return shapes;
    }
}
