namespace Agensium.Analysis.Master;

/// <summary>Helpers to compare and classify column names.</summary>
public static class ColumnNames
{
    /// <summary>Lower-case letters and digits only: "First_Name" → "firstname".</summary>
    public static string Normalize(string name) =>
        new([.. name.Where(char.IsLetterOrDigit).Select(Common.SimpleCase.LowerChar)]);

    /// <summary>The match field kind a column name suggests (email, phone, zip, birth date, first/last/full name, address, city, other).</summary>
    public static MatchFieldKind KindOf(string name)
    {
        string n = Normalize(name);
        var tokens = Tokens(name);
        // Short fragments count as whole words only: "mailing_address" is no e-mail, "hotel" and "cancellation" no phone.
        if (n.Contains("email") || tokens.Contains("mail"))
        {
            return MatchFieldKind.Email;
        }

        if (n.Contains("phone") || n.Contains("mobile") || tokens.Any(t => t is "tel" or "telno" or "cell" or "cellno"))
        {
            return MatchFieldKind.Phone;
        }

        if (n.Contains("zip") || n.Contains("postal") || n.Contains("postcode"))
        {
            return MatchFieldKind.Zip;
        }

        if (n.Contains("birth") || n == "dob")
        {
            return MatchFieldKind.BirthDate;
        }

        if (n.Contains("first") || n.Contains("given") || n == "fname")
        {
            return MatchFieldKind.FirstName;
        }

        if (n.Contains("last") && n.Contains("name") || n.Contains("surname") || n.Contains("family") || n == "lname")
        {
            return MatchFieldKind.LastName;
        }

        if (n.Contains("name") && !NamesAThing(name))
        {
            return MatchFieldKind.FullName;
        }

        if (n.Contains("address") || n.Contains("street") || n.Contains("addr"))
        {
            return MatchFieldKind.Address;
        }

        return n.Contains("city") || n.Contains("location") || n.Contains("town") ? MatchFieldKind.City : MatchFieldKind.Other;
    }

    // Words of a column that names an organisation (NamesAnOrganization); each is a thing too, never a person.
    private static readonly string[] OrganizationWords =
    [
        "company", "business", "organization", "organisation", "org", "firm", "vendor", "supplier", "merchant", "manufacturer",
        "payee", "enterprise", "corporation", "institution",
    ];

    // Declared after OrganizationWords, which it includes (static fields are set in the order they are written).
    private static readonly string[] ThingWords =
    [
        .. OrganizationWords,
        "employer", "product", "item", "file", "user", "brand", "store", "shop", "bank", "hotel", "team", "project",
        "department", "dept", "street", "city", "country", "state", "school", "host", "domain", "app", "device", "server",
        "table", "column", "field", "event", "campaign", "category", "tag", "plan", "package", "model", "course", "account",
        "branch", "site", "region", "venue",
    ];

    /// <summary>
    /// True when a column holds an organisation's name: an organisation word with "name" ("vendor_name", "CompanyName",
    /// "supplier name") or alone ("company", "vendor"). In a file of organisations that name is the entity's own.
    /// </summary>
    public static bool NamesAnOrganization(string column)
    {
        var tokens = Tokens(column);
        bool organization = tokens.Any(t => OrganizationWords.Contains(t) || OrganizationWords.Any(w => t == w + "name"));
        return organization && (tokens.Count == 1 || tokens.Contains("name"));
    }

    /// <summary>
    /// True when a column name with "name" in it names a thing, not a person: one of its words is a thing
    /// ("company_name", "ProductName", "app name") or a thing glued to "name" ("username", "companyname").
    /// "applicant_name" and "customer_name" are people.
    /// </summary>
    public static bool NamesAThing(string column) =>
        Tokens(column).Any(t => ThingWords.Contains(t) || (t.EndsWith("name", StringComparison.Ordinal) && ThingWords.Any(w => t == w + "name")));

    /// <summary>The words of a column name, lower case: split at anything but letters and digits and at camelCase humps ("cellNo_2" → cell, no, 2).</summary>
    public static IReadOnlyList<string> Tokens(string name)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool hump = char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]);
            if (!char.IsLetterOrDigit(c) || hump)
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }

                if (!char.IsLetterOrDigit(c))
                {
                    continue;
                }
            }

            current.Append(Common.SimpleCase.LowerChar(c));
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }
}
