using System.Text;

namespace Agensium.Analysis.Profile;

/// <summary>
/// Finds score-risk's sensitive keywords in a column name as parts of its words, not as any substring: a short keyword
/// counts where it starts or ends one of the name's words ("customer_name", "firstName", "surname", "ssn_last4"), a
/// longer one also inside a word ("telephone", "homephonenumber", "billingaddressline1"), so the "ssn" inside
/// "classname", the "name" inside "tournament", the "dob" inside "adobe_product" and the "phone" inside "headphones" no
/// longer make a column personal data. Words are split at
/// characters other than letters and digits and where a lower-case letter is followed by a capital; pandas'
/// "Unnamed: N" stand-in for an empty header is no word of a name.
/// </summary>
public static class ColumnNameKeywords
{
    /// <summary>The column name as lower-case words joined by '_': "CustomerEmail" and "Customer Email" → "customer_email".</summary>
    public static string Normalize(string columnName)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (int i = 0; i < columnName.Length; i++)
        {
            char c = columnName[i];
            bool boundary = !char.IsLetterOrDigit(c) || (char.IsUpper(c) && i > 0 && char.IsLower(columnName[i - 1]));
            if (boundary && current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(SimpleCase.LowerChar(c));
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return string.Join('_', words.Where(w => w != "unnamed"));
    }

    /// <summary>
    /// True when <paramref name="keyword"/> (lower-case words joined by '_') is in <paramref name="normalizedName"/>: a
    /// keyword of up to <see cref="ShortKeyword"/> letters ("ssn", "dob", "name", "iban") where it starts or ends a word;
    /// a longer one anywhere; neither inside a word of <see cref="NotPersonal"/>. Names written without separators hold them
    /// ("billingaddressline1", "homephonenumber": a review found them no longer flagged once every keyword needed an edge).
    /// </summary>
    public static bool Contains(string normalizedName, string keyword)
    {
        for (int at = normalizedName.IndexOf(keyword, StringComparison.Ordinal); at >= 0;
             at = normalizedName.IndexOf(keyword, at + 1, StringComparison.Ordinal))
        {
            int end = at + keyword.Length;
            bool atEdge = at == 0 || normalizedName[at - 1] == '_' || end == normalizedName.Length || normalizedName[end] == '_';
            if ((atEdge || keyword.Length > ShortKeyword) && !InsideAWordThatIsNotPersonal(normalizedName, at, end))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Keywords this long or shorter count only at a word's edge: inside words they are other words' letters.</summary>
    public const int ShortKeyword = 4;

    // Words that hold a longer keyword and name no person's data (a product's headphones, a studio's microphone).
    private static readonly string[] NotPersonal = ["headphone", "earphone", "microphone", "megaphone", "saxophone", "xylophone", "gramophone", "homophone"];

    private static bool InsideAWordThatIsNotPersonal(string name, int at, int end)
    {
        int start = name.LastIndexOf('_', at) + 1;
        int stop = name.IndexOf('_', end);
        var word = name.AsSpan(start, (stop < 0 ? name.Length : stop) - start);
        foreach (string other in NotPersonal)
        {
            if (word.Contains(other, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
