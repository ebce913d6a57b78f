namespace Agensium.Analysis.Master;

/// <summary>
/// The standard column vocabulary of semantic-mapper: known variants (normalised names) map with confidence 0.95;
/// name fragments guess a mapping with 0.70–0.85; value maps standardise country, gender and status values.
/// </summary>
public static class SemanticVocabulary
{
    private static readonly (string Standard, string[] Variants)[] Standards =
    [
        ("customer_id", ["customerid", "custid", "customerno", "customernumber", "clientid", "custno"]),
        ("FirstName", ["firstname", "fname", "givenname", "forename"]),
        ("LastName", ["lastname", "lname", "surname", "familyname"]),
        ("FullName", ["fullname", "name", "customername", "clientname"]),
        ("Email", ["email", "emailaddress", "mail", "emailid", "contactemail"]),
        ("Phone", ["phone", "phonenumber", "telephone", "tel", "mobile", "mobilenumber", "cellphone", "contactnumber"]),
        ("Address", ["address", "streetaddress", "street", "address1", "addressline1"]),
        ("City", ["city", "town", "cityname"]),
        ("State", ["state", "province", "stateprovince", "region"]),
        ("ZipCode", ["zip", "zipcode", "postalcode", "postcode", "postal"]),
        ("Country", ["country", "countryname", "countrycode", "nation"]),
        ("Gender", ["gender", "sex"]),
        ("Status", ["status", "accountstatus", "customerstatus"]),
        ("DateOfBirth", ["dob", "dateofbirth", "birthdate", "birthday"]),
    ];

    // Fragment guesses: (fragment, standard, confidence).
    private static readonly (string Fragment, string Standard, double Confidence)[] Guesses =
    [
        ("email", "Email", 0.85), ("mail", "Email", 0.8), ("phone", "Phone", 0.85), ("mobile", "Phone", 0.8),
        ("zip", "ZipCode", 0.85), ("postal", "ZipCode", 0.85), ("country", "Country", 0.85), ("city", "City", 0.8),
        ("firstname", "FirstName", 0.85), ("lastname", "LastName", 0.85), ("surname", "LastName", 0.8),
        ("address", "Address", 0.75), ("street", "Address", 0.75), ("gender", "Gender", 0.8), ("birth", "DateOfBirth", 0.75),
        ("customerid", "customer_id", 0.8), ("custid", "customer_id", 0.75), ("name", "FullName", 0.7),
    ];

    private static readonly Dictionary<string, string> Countries = new(StringComparer.Ordinal)
    {
        ["usa"] = "USA", ["us"] = "USA", ["unitedstates"] = "USA", ["unitedstatesofamerica"] = "USA", ["america"] = "USA",
        ["uk"] = "UK", ["unitedkingdom"] = "UK", ["england"] = "UK", ["greatbritain"] = "UK", ["gb"] = "UK", ["britain"] = "UK",
        ["cn"] = "China", ["china"] = "China", ["prc"] = "China", ["espana"] = "Spain", ["españa"] = "Spain", ["spain"] = "Spain", ["es"] = "Spain",
        ["ca"] = "Canada", ["canada"] = "Canada", ["uae"] = "UAE", ["unitedarabemirates"] = "UAE", ["ae"] = "UAE",
        ["de"] = "Germany", ["germany"] = "Germany", ["deutschland"] = "Germany", ["fr"] = "France", ["france"] = "France",
        ["in"] = "India", ["india"] = "India",
    };

    private static readonly Dictionary<string, string> Genders = new(StringComparer.Ordinal)
    {
        ["m"] = "Male", ["male"] = "Male", ["man"] = "Male", ["f"] = "Female", ["female"] = "Female", ["woman"] = "Female",
    };

    private static readonly Dictionary<string, string> Statuses = new(StringComparer.Ordinal)
    {
        ["active"] = "Active", ["a"] = "Active", ["enabled"] = "Active", ["inactive"] = "Inactive", ["i"] = "Inactive", ["disabled"] = "Inactive",
        ["pending"] = "Pending", ["closed"] = "Closed",
    };

    /// <summary>The standard name and confidence for a column name, or null when none is found.</summary>
    public static (string Standard, double Confidence)? Map(string column)
    {
        string n = ColumnNames.Normalize(column);
        foreach (var (standard, variants) in Standards)
        {
            if (n == ColumnNames.Normalize(standard))
            {
                return (standard, 1.0);
            }

            if (variants.Contains(n))
            {
                return (standard, 0.95);
            }
        }

        foreach (var (fragment, standard, confidence) in Guesses)
        {
            // "company_name" and "product_name" name things: not a person's FullName.
            if (n.Contains(fragment, StringComparison.Ordinal) && !(standard == "FullName" && ColumnNames.NamesAThing(column)))
            {
                return (standard, confidence);
            }
        }

        return null;
    }

    /// <summary>The built-in value map of a standard column (Country, Gender, Status), keyed by lower-case letters only.</summary>
    public static IReadOnlyDictionary<string, string>? ValueMap(string standard) => standard switch
    {
        "Country" => Countries,
        "Gender" => Genders,
        "Status" => Statuses,
        _ => null,
    };

    /// <summary>
    /// Lower case letters only (dots, spaces and dashes dropped): "U.S.A" → "usa"; "" for a value holding a digit, which
    /// is a code of its own ("A1", "I-9", "M1"), never one of these words.
    /// </summary>
    public static string ValueKey(string value) =>
        value.Any(char.IsDigit) ? "" : new([.. value.Where(char.IsLetter).Select(Common.SimpleCase.LowerChar)]);
}
