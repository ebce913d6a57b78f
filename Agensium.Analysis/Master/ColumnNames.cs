namespace Agensium.Analysis.Master;

/// <summary>Helpers to compare and classify column names.</summary>
public static class ColumnNames
{
    /// <summary>Lower-case letters and digits only: "First_Name" → "firstname".</summary>
    public static string Normalize(string name) =>
        new([.. name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    /// <summary>The match field kind a column name suggests (email, phone, zip, birth date, first/last/full name, address, city, other).</summary>
    public static MatchFieldKind KindOf(string name)
    {
        string n = Normalize(name);
        if (n.Contains("email") || n.Contains("mail"))
        {
            return MatchFieldKind.Email;
        }

        if (n.Contains("phone") || n.Contains("mobile") || n.Contains("tel") || n.Contains("cell"))
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

        if (n.Contains("name"))
        {
            return MatchFieldKind.FullName;
        }

        if (n.Contains("address") || n.Contains("street") || n.Contains("addr"))
        {
            return MatchFieldKind.Address;
        }

        return n.Contains("city") || n.Contains("location") || n.Contains("town") ? MatchFieldKind.City : MatchFieldKind.Other;
    }
}
