namespace Agensium.Analysis.Master;

/// <summary>
/// Columns holding a global identifier of the entity a row describes (VAT or tax number, EIN, DUNS, LEI, GTIN/EAN/UPC,
/// ISBN, SSN, passport): two rows that both have one and differ in it are two entities, whatever else they share
/// (two companies in one building with one switchboard number, a T-shirt in sizes M and L). Entity resolution and exact
/// clustering never join them (a cannot-link constraint, as a birth date is for people). A system's own ids
/// (customer_id, sku) are not such identifiers: one entity has several across systems. A column counts when its name
/// says so and its values look like identifiers (at least 6 letters or digits with a digit, no decimal point or comma,
/// in 90 % of its filled cells), so a "vat" column of amounts is not one. Values compare without spaces, dashes, slashes
/// and case ("DE 123-456" = "de123456"), a two-letter country prefix before digits (DE123456789 = 123456789) and an
/// all-digit value's leading zeros; a masked value ("***-**-0206", "XXXXX2103"), a placeholder ("PENDING1",
/// "TEMP-000002") or a value without a digit ("exempt") is no evidence either way, and is not counted when the column's
/// values are judged. A typo in an identifier keeps two true duplicates apart: the safer error.
/// </summary>
public static class EntityIdentifiers
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "vat", "vatid", "vatno", "vatnr", "vatnumber", "ustid", "ustidnr", "taxid", "taxno", "taxnumber", "tin", "ein", "fein",
        "duns", "dunsnumber", "lei", "gtin", "ean", "ean13", "upc", "isbn", "ssn", "passport", "passportno", "passportnumber",
        "nationalid", "siren", "siret", "crn", "companynumber", "registrationnumber", "regno",
    };

    // Words that may stand beside an identifier's name: "company_vat_id", "supplier_duns_number", "product_gtin".
    private static readonly HashSet<string> Companions = new(StringComparer.Ordinal)
    {
        "id", "no", "nr", "num", "number", "code", "the", "of", "company", "customer", "client", "supplier", "vendor",
        "product", "item", "person", "business", "entity", "org", "organisation", "organization", "tax", "registration",
    };

    /// <summary>
    /// True when the column's name is a global identifier's ("vat_id", "DUNS Number", "product_gtin"), not merely holds
    /// one's word ("duns_last_verified", "passport_expiry", "vat_amount_cents" and "salariu_lei" are not identifiers).
    /// </summary>
    public static bool NamesAnIdentifier(string column)
    {
        if (Words.Contains(ColumnNames.Normalize(column)))
        {
            return true;
        }

        var tokens = ColumnNames.Tokens(column);
        return tokens.Any(Words.Contains) && tokens.All(t => Words.Contains(t) || Companions.Contains(t));
    }

    /// <summary>
    /// The identifier columns of <paramref name="table"/> and, per column, each row's identifier id (−1 when blank), for
    /// <see cref="ConstrainedClusters"/>.
    /// </summary>
    public static (List<string> Columns, List<int[]> Identities) Of(MasterTable table)
    {
        var names = new List<string>();
        var identities = new List<int[]>();
        for (int c = 0; c < table.Columns.Count; c++)
        {
            if (table.Columns[c].StartsWith("__", StringComparison.Ordinal) || !NamesAnIdentifier(table.Columns[c]))
            {
                continue;
            }

            if (Identities(table.Column(c), table.RowCount) is { } ids)
            {
                names.Add(table.Columns[c]);
                identities.Add(ids);
            }
        }

        return (names, identities);
    }

    private static int[]? Identities(MasterColumn column, int rows)
    {
        var idOfCode = new int[column.Values.Count];
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int filled = 0;
        int alike = 0;
        for (int code = 0; code < idOfCode.Length; code++)
        {
            string value = column.Values[code];
            string key = Clean.CellValues.IsMissing(value) ? "" : Normalize(value);
            if (key.Length == 0)
            {
                idOfCode[code] = -1;
                continue;
            }

            if (IsMasked(key) || IsPlaceholder(key) || !key.Any(char.IsAsciiDigit))
            {
                // "***-**-0206": the same identifier may be behind it, so it tells nothing apart; nor does a word in
                // place of a number ("PENDING", "exempt"), which also says nothing about what the column holds (one
                // such cell among three turned the column off, and two companies merged).
                idOfCode[code] = -1;
                continue;
            }

            filled++;
            alike += LooksLikeAnIdentifier(value, key) ? 1 : 0;

            if (!ids.TryGetValue(key, out int id))
            {
                id = ids.Count;
                ids.Add(key, id);
            }

            idOfCode[code] = id;
        }

        // Judged on distinct values: a column of amounts repeats few values, an identifier column is mostly distinct.
        if (filled < 2 || alike < 0.9 * filled)
        {
            return null;
        }

        var result = new int[rows];
        for (int row = 0; row < rows; row++)
        {
            result[row] = idOfCode[column.CodeOf(row)];
        }

        return result;
    }

    /// <summary>
    /// The identifier as values compare (<see cref="Normalize"/>), or "" for a value that is no evidence (blank, masked,
    /// a placeholder, or without a digit).
    /// </summary>
    public static string Comparable(string value)
    {
        // The country prefix stays: as a match key, DE123456789 and GB123456789 (two firms whose numbers happen to share
        // their digits: DE, GB, PT, EL and EE numbers all have 9) must not join.
        string key = Clean.CellValues.IsMissing(value) ? "" : Normalize(value, keepCountry: true);
        return key.Length == 0 || IsMasked(key) || IsPlaceholder(key) || !key.Any(char.IsAsciiDigit) ? "" : key;
    }

    private static bool LooksLikeAnIdentifier(string value, string key) =>
        key.Length >= 6 && key.Any(char.IsAsciiDigit) && value.AsSpan().IndexOfAny('.', ',') < 0 && !Common.PatternValidators.IsDate(value);

    // A stand-in until the real number is known ("PENDING1", "TEMP-000002", "UNKNOWN"): says nothing about the entity.
    private static readonly string[] Placeholders = ["PENDING", "TEMP", "TMP", "UNKNOWN", "TBD", "DUMMY", "NONE", "TEST"];

    private static bool IsPlaceholder(string key) => Placeholders.Any(p => key.StartsWith(p, StringComparison.Ordinal));

    // Masked for display: '*' or '#', or a run of three X ("XXXXX2103").
    private static bool IsMasked(string key) => key.AsSpan().IndexOfAny('*', '#') >= 0 || key.Contains("XXX", StringComparison.Ordinal);

    /// <summary>
    /// Upper case, without white space, dashes and slashes, a country prefix before digits (unless
    /// <paramref name="keepCountry"/>), and an all-digit value's leading zeros.
    /// </summary>
    public static string Normalize(string value, bool keepCountry = false)
    {
        var chars = new char[value.Length];
        int n = 0;
        foreach (char c in value)
        {
            if (!char.IsWhiteSpace(c) && c is not ('-' or '/' or '\u2010' or '\u2011' or '\u2013'))
            {
                chars[n++] = Common.SimpleCase.UpperChar(c);
            }
        }

        var key = chars.AsSpan(0, n);
        if (!keepCountry && key.Length > 2 && char.IsAsciiLetterUpper(key[0]) && char.IsAsciiLetterUpper(key[1]) && !key[2..].ContainsAnyExceptInRange('0', '9'))
        {
            key = key[2..]; // a VAT number's country prefix: DE123456789 is 123456789 written for abroad
        }

        // An all-digit identifier compares without its leading zeros: a GTIN-13 padded to 14 digits, a DUNS whose zero a
        // spreadsheet dropped.
        if (key.Length > 0 && !key.ContainsAnyExceptInRange('0', '9'))
        {
            key = key.TrimStart('0');
        }

        return new string(key);
    }
}
