using Agensium.Analysis.Clean;

namespace Agensium.Analysis.Profile;

/// <summary>
/// When a column of five-digit numbers is no US ZIP code. AGENSIUM's us_zip pattern is any five digits, so order
/// references (50231, 50232, …) and salaries (45000, 52000, …) were "us_zip", high risk, while the same salaries at
/// six digits scored 0. A column is ruled out when its name says it holds something else: an identifier other than a
/// postal code (order_ref, customer_id, sku: <see cref="IdentifierColumns"/> and a few reference words) or a measure (amount, price, salary,
/// qty, …). A postal name (zip, postcode, plz, …) or a name that says neither (c5, region) keeps AGENSIUM's rule.
/// </summary>
public static class ZipNameRules
{
    private static readonly string[] PostalWords = ["zip", "zipcode", "postal", "postcode", "plz", "cep", "postleitzahl", "pincode"];

    // Words of identifiers IdentifierColumns does not read as such alone (it wants "order_id", "invoice_no").
    private static readonly HashSet<string> ReferenceWords = new(StringComparer.Ordinal)
    {
        "ref", "reference", "order", "invoice", "ticket", "account", "acct", "serial", "number", "nr", "no", "num",
    };

    private static readonly string[] MeasureWords =
    [
        "amount", "amt", "price", "cost", "total", "sum", "qty", "quantity", "count", "sales", "revenue", "balance",
        "salary", "income", "wage", "wages", "pay", "payment", "fee", "spend", "budget", "profit", "margin", "value",
        "score", "weight", "height", "volume", "units", "distance", "duration", "population", "views", "clicks",
    ];

    /// <summary>True when <paramref name="column"/> names an identifier other than a postal code, or a measure.</summary>
    public static bool RulesOutZip(string column)
    {
        string words = ColumnNameKeywords.Normalize(column);
        if (words.Length == 0 || PostalWords.Any(w => ColumnNameKeywords.Contains(words, w)))
        {
            return false;
        }

        return IdentifierColumns.NameSaysIdentifier(column) || words.Split('_').Any(w => ReferenceWords.Contains(w) || IsMeasureWord(w));
    }

    // A measure word is a word of the name or its end ("unitprice", "netamount", "discount"), not its start: the
    // "count" of "country".
    private static bool IsMeasureWord(string word) => MeasureWords.Any(m => word.EndsWith(m, StringComparison.Ordinal));
}
