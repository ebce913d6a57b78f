namespace Agensium.Analysis.Clean;

/// <summary>
/// Numeric columns that hold identifiers rather than measures (ZIP codes, ids, phone and account numbers): outlier
/// detection leaves them out unless they are named explicitly, since a ZIP code far from the others is no error and
/// removing its row would lose data. A column is one when its name says so (a token such as id, zip, postcode, phone,
/// code, sku, or a last token number/no/nr; a number after the word is allowed, phone1, zip5; or one word made of an
/// entity and an identifier word, userid, CUSTOMERID, accountnumber, homephone) or when a value is written with a
/// leading zero ("02134"), which no measure is.
/// </summary>
public static class IdentifierColumns
{
    private static readonly HashSet<string> Tokens = new(StringComparer.Ordinal)
    {
        "id", "ids", "uid", "uuid", "guid", "key", "zip", "zipcode", "postcode", "postal", "plz", "cep", "phone", "mobile",
        "cell", "fax", "tel", "telephone", "ssn", "sin", "nin", "code", "sku", "ean", "upc", "isbn", "iban", "swift", "bic",
    };

    private static readonly HashSet<string> LastTokens = new(StringComparer.Ordinal) { "number", "no", "num", "nr" };

    // Names written as one word ("userid", "CUSTOMERID", "accountnumber", "homephone"): an entity word followed by an
    // identifier word. Only these entity words, so that "paid" or "valid" are not read as "pa"/"val" + "id".
    private static readonly string[] CompoundEnds = ["id", "no", "num", "nr", "number", "code", "key"];

    private static readonly HashSet<string> EntityWords = new(StringComparer.Ordinal)
    {
        "user", "customer", "cust", "client", "account", "acct", "order", "product", "prod", "item", "employee", "emp",
        "member", "patient", "student", "vendor", "supplier", "invoice", "transaction", "txn", "trans", "record", "person",
        "contact", "company", "store", "shop", "device", "session", "ref", "reference", "serial", "part", "policy",
        "claim", "ticket", "case", "booking", "reservation", "shipment", "tracking", "parcel", "batch", "lot", "loan",
        "card", "registration", "reg", "license", "licence", "passport", "tax", "vat", "national", "social", "house",
        "unit", "building", "room", "phone", "postal", "zip", "area", "country", "region", "branch", "dept", "department",
        "org", "organization", "tenant", "lead", "campaign", "asset", "group", "site", "location", "vehicle", "bank",
        "routing", "voucher", "coupon", "promo", "model", "article", "catalog", "catalogue",
    };

    // Phone and postal words with anything before them ("homephone", "workphone", "billingzip").
    private static readonly string[] AnyPrefixEnds = ["phone", "zip", "zipcode", "postcode", "telephone"]; // not "mobile": "automobile"

    /// <summary>True when <paramref name="stats"/> describes an identifier column.</summary>
    internal static bool Holds(ColumnStats stats) => Common.LeadingZeros.MakeColumnText(stats.LeadingZeroNumbers) || NameSaysIdentifier(stats.Name);

    /// <summary>True when a token of <paramref name="name"/> (split at non-letters/digits and lower→upper case changes) names an identifier.</summary>
    public static bool NameSaysIdentifier(string name)
    {
        // A number after a word is a variant of it: phone1, zip5, address_line2.
        var tokens = Split(name).Select(t => t.TrimEnd("0123456789".ToCharArray())).Where(t => t.Length > 0).ToList();
        return tokens.Exists(t => Tokens.Contains(t) || IsCompound(t)) || (tokens.Count > 1 && LastTokens.Contains(tokens[^1]));
    }

    private static bool IsCompound(string token)
    {
        foreach (string end in CompoundEnds)
        {
            if (token.Length > end.Length && token.EndsWith(end, StringComparison.Ordinal) && EntityWords.Contains(token[..^end.Length]))
            {
                return true;
            }
        }

        foreach (string end in AnyPrefixEnds)
        {
            if (token.Length >= end.Length + 3 && token.EndsWith(end, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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
                tokens.Add(Common.SimpleCase.Lower(name[start..i]));
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
