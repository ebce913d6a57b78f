using System.Text;

namespace Agensium.Analysis.Profile;

/// <summary>
/// Guesses PII only for well-known column names (email, phone, ssn, name, card): the column is suspected when more
/// than 70% (name: 80%) of its first 100 non-null values fit the matching pattern.
/// </summary>
public static class PiiGuesser
{
    private static readonly string[] NotPersonNames =
        ["product", "company", "file", "category", "brand", "item", "city", "country", "region", "street", "store", "project", "host", "table", "column"];

    /// <summary>The PII kind a column name points at, or null: email, phone, ssn, card or name.</summary>
    public static string? KindOf(string columnName)
    {
        var tokens = Tokens(columnName);
        if (tokens.Any(t => t.Contains("email", StringComparison.Ordinal)))
        {
            return "email";
        }

        if (tokens.Any(t => t.Contains("phone", StringComparison.Ordinal)))
        {
            return "phone";
        }

        if (tokens.Contains("ssn"))
        {
            return "ssn";
        }

        if (tokens.Contains("card"))
        {
            return "card";
        }

        return tokens.Contains("name") && !tokens.Any(NotPersonNames.Contains) ? "name" : null;
    }

    /// <summary>Percentage of <paramref name="sample"/> values that fit the pattern of <paramref name="kind"/>.</summary>
    public static double MatchPct(string kind, IReadOnlyList<string> sample)
    {
        if (sample.Count == 0)
        {
            return 0;
        }

        int hits = sample.Count(v => kind switch
        {
            "email" => PatternValidators.IsEmail(v),
            "phone" => PatternValidators.IsPhone(v),
            "ssn" => PatternValidators.IsSsn(v),
            "card" => PatternValidators.IsCardNumber(v),
            _ => PatternValidators.IsPersonName(v),
        });
        return 100.0 * hits / sample.Count;
    }

    /// <summary>More than 70% of the sample fits (more than 80% for names).</summary>
    public static bool IsSuspected(string kind, double matchPct) => matchPct > (kind == "name" ? 80 : 70);

    // "CustomerEmail", "customer_email", "Customer Email" → ["customer", "email"].
    private static List<string> Tokens(string name)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool boundary = !char.IsLetterOrDigit(c)
                || (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]));
            if (boundary && current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(SimpleCase.LowerChar(c));
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }
}
