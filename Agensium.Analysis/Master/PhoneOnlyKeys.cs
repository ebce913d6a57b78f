namespace Agensium.Analysis.Master;

/// <summary>
/// The pair check of exact clustering on key columns that leave the names out (survivorship-resolver's automatic keys:
/// id/e-mail/phone columns): two rows whose filled key cells are phones only, and whose names (first, last or full name,
/// or an organisation's name) are both given and differ, are two entities. A phone is a household's landline or a
/// building's switchboard: Jöran Ek and Lena Ek of one number, or Globex Corporation and Globex Holdings of one
/// switchboard, were one golden record whatever the names said. An e-mail, an id or a customer number stays the
/// evidence it was. Names compare as the fuzzy matcher prepares them (<see cref="MatchNormalizer.Normalize"/>: case,
/// punctuation, titles, "Last, First" aside); a blank name says nothing.
/// </summary>
internal static class PhoneOnlyKeys
{
    /// <summary>The pair check for <paramref name="keyColumns"/> of <paramref name="table"/>; null when no key column is a phone or no name lies outside the key.</summary>
    public static Func<int, int, bool>? Apart(MasterTable table, IReadOnlyList<int> keyColumns)
    {
        var phones = keyColumns.Where(c => ColumnNames.KindOf(table.Columns[c]) == MatchFieldKind.Phone).ToList();
        var names = Enumerable.Range(0, table.Columns.Count)
            .Where(c => !keyColumns.Contains(c) && !table.Columns[c].StartsWith("__", StringComparison.Ordinal) && NameKind(table.Columns[c]) is not null)
            .ToList();
        if (phones.Count == 0 || names.Count == 0)
        {
            return null;
        }

        var others = keyColumns.Except(phones).ToList();
        var phoneOnly = new bool[table.RowCount];
        for (int row = 0; row < table.RowCount; row++)
        {
            phoneOnly[row] = others.All(c => string.IsNullOrWhiteSpace(table[row, c]));
        }

        var columns = names.Select(c => (Column: table.Column(c), Kind: NameKind(table.Columns[c])!.Value, Normalized: new Dictionary<int, string>())).ToList();
        return (a, b) =>
        {
            if (!phoneOnly[a] || !phoneOnly[b])
            {
                return false;
            }

            foreach (var (column, kind, normalized) in columns)
            {
                string x = Normalized(column, kind, normalized, a), y = Normalized(column, kind, normalized, b);
                if (x.Length > 0 && y.Length > 0 && x != y)
                {
                    return true;
                }
            }

            return false;
        };
    }

    private static MatchFieldKind? NameKind(string column) =>
        ColumnNames.KindOf(column) switch
        {
            MatchFieldKind.FirstName => MatchFieldKind.FirstName,
            MatchFieldKind.LastName => MatchFieldKind.LastName,
            MatchFieldKind.FullName => MatchFieldKind.FullName,
            _ when ColumnNames.NamesAnOrganization(column) => MatchFieldKind.Organization,
            _ => null,
        };

    // The normalised name of a row, worked out once per distinct value of the column.
    private static string Normalized(MasterColumn column, MatchFieldKind kind, Dictionary<int, string> normalized, int row)
    {
        int code = column.CodeOf(row);
        if (!normalized.TryGetValue(code, out string? text))
        {
            text = MatchNormalizer.Normalize(column[row], kind);
            normalized[code] = text;
        }

        return text;
    }
}
