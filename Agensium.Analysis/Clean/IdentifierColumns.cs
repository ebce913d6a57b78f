namespace Agensium.Analysis.Clean;

/// <summary>
/// Numeric columns that hold identifiers rather than measures (ZIP codes, ids, phone and account numbers): outlier
/// detection leaves them out unless they are named explicitly, since a ZIP code far from the others is no error and
/// removing its row would lose data. A column is one when its name says so (a token such as id, zip, postcode, phone,
/// code, sku, or a last token number/no/nr) or when a value is written with a leading zero ("02134"), which no
/// measure is.
/// </summary>
public static class IdentifierColumns
{
    private static readonly HashSet<string> Tokens = new(StringComparer.Ordinal)
    {
        "id", "ids", "uid", "uuid", "guid", "key", "zip", "zipcode", "postcode", "postal", "plz", "cep", "phone", "mobile",
        "cell", "fax", "tel", "telephone", "ssn", "sin", "nin", "code", "sku", "ean", "upc", "isbn", "iban", "swift", "bic",
    };

    private static readonly HashSet<string> LastTokens = new(StringComparer.Ordinal) { "number", "no", "num", "nr" };

    /// <summary>True when <paramref name="stats"/> describes an identifier column.</summary>
    internal static bool Holds(ColumnStats stats) => stats.LeadingZeroNumbers > 0 || NameSaysIdentifier(stats.Name);

    /// <summary>True when a token of <paramref name="name"/> (split at non-letters/digits and lower→upper case changes) names an identifier.</summary>
    public static bool NameSaysIdentifier(string name)
    {
        var tokens = Split(name);
        return tokens.Exists(Tokens.Contains) || (tokens.Count > 1 && LastTokens.Contains(tokens[^1]));
    }

    private static List<string> Split(string name)
    {
        var tokens = new List<string>();
        int start = -1;
        for (int i = 0; i <= name.Length; i++)
        {
            bool boundary = i == name.Length || !char.IsLetterOrDigit(name[i])
                || (i > 0 && char.IsLower(name[i - 1]) && char.IsUpper(name[i]));
            if (boundary && start >= 0)
            {
                tokens.Add(name[start..i].ToLowerInvariant());
                start = -1;
            }

            if (i < name.Length && char.IsLetterOrDigit(name[i]) && start < 0)
            {
                start = i;
            }
        }

        return tokens;
    }
}
