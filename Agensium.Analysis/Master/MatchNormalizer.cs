using System.Text;

namespace Agensium.Analysis.Master;

/// <summary>Normalises match-key values: lower case, trimmed, punctuation removed, spaces collapsed; phones digits only; street words dropped from addresses.</summary>
public static class MatchNormalizer
{
    private static readonly HashSet<string> StreetWords = new(StringComparer.Ordinal)
    {
        "road", "rd", "street", "st", "avenue", "ave", "av", "lane", "ln", "drive", "dr",
    };

    /// <summary>The comparable form of <paramref name="value"/> for a field of <paramref name="kind"/>.</summary>
    public static string Normalize(string value, MatchFieldKind kind)
    {
        if (kind == MatchFieldKind.Phone)
        {
            return new string([.. value.Where(char.IsAsciiDigit)]);
        }

        string text = Basic(value);
        if (kind == MatchFieldKind.Email)
        {
            return text.Replace(" ", "", StringComparison.Ordinal);
        }

        if (kind == MatchFieldKind.Address)
        {
            return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !StreetWords.Contains(t)));
        }

        return text;
    }

    /// <summary>Lower case, letters/digits/spaces only (punctuation dropped), single spaces, trimmed.</summary>
    public static string Basic(string value)
    {
        var sb = new StringBuilder(value.Length);
        bool space = false;
        foreach (char raw in value)
        {
            char c = char.ToLowerInvariant(raw);
            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(c);
                space = false;
            }
            else if (char.IsWhiteSpace(c))
            {
                space = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>AGENSIUM default weight of a field kind: email 40, phone 30, last name 35, first name 25, other 10.</summary>
    public static double DefaultWeight(MatchFieldKind kind) => kind switch
    {
        MatchFieldKind.Email => 40,
        MatchFieldKind.Phone => 30,
        MatchFieldKind.LastName => 35,
        MatchFieldKind.FirstName => 25,
        _ => 10,
    };
}
