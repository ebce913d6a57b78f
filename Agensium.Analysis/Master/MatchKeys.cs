using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>Resolves match_key_columns and match_key_weights into <see cref="MatchField"/>s (auto: ≤ 6 of the name/e-mail/phone/birth-date columns, then address/zip/location ones, each in the file's order; in a file without person names its organisation name first).</summary>
public static class MatchKeys
{
    /// <summary>The match fields of <paramref name="p"/> (named columns, or the automatic choice); names not in the table go to <paramref name="missing"/>.</summary>
    public static List<MatchField> Resolve(MasterTable table, AgentParameters p, List<string> missing)
    {
        var names = p.GetStringList("match_key_columns", splitCommas: true, scalarsAsText: true);
        var weights = p.GetNumberMap("match_key_weights");
        foreach (var (key, w) in weights)
        {
            if (w is < 0 or > 100)
            {
                throw p.Invalid("match_key_weights", $"entry '{key}' must be between 0 and 100");
            }
        }

        if (weights.Count > 0 && weights.Values.All(w => w == 0))
        {
            throw p.Invalid("match_key_weights", "are all 0, so no two records could ever match; at least one must be above 0");
        }

        var columns = new List<int>();
        if (names.Count == 0)
        {
            // Columns that say who a record is (names, e-mail, phone, birth date) before those that say where (address,
            // zip, city), each in the file's order: a date of birth in the tenth column was left out for a city in the
            // sixth, and with it the evidence that keeps namesakes apart.
            var candidates = Enumerable.Range(0, table.Columns.Count)
                .Where(i => !table.Columns[i].StartsWith("__", StringComparison.Ordinal) && ColumnNames.KindOf(table.Columns[i]) != MatchFieldKind.Other)
                .ToList();
            columns.AddRange(candidates.Where(i => !IsPlace(ColumnNames.KindOf(table.Columns[i])))
                .Concat(candidates.Where(i => IsPlace(ColumnNames.KindOf(table.Columns[i]))))
                .Take(6));
            // A file of organisations names them in a column of its own: without any person name, that name is a key
            // (first, the one thing that tells two companies at one address and switchboard apart).
            if (!columns.Any(c => RecordMatcher.IsName(ColumnNames.KindOf(table.Columns[c])))
                && Enumerable.Range(0, table.Columns.Count).FirstOrDefault(i => !table.Columns[i].StartsWith("__", StringComparison.Ordinal)
                    && KindOf(table.Columns[i]) == MatchFieldKind.Organization, -1) is var organization and >= 0)
            {
                columns.Insert(0, organization);
                columns = [.. columns.Take(6)];
            }
        }
        else
        {
            foreach (string name in names)
            {
                int index = table.Find(name);
                if (index < 0)
                {
                    missing.Add(name);
                }
                else if (!columns.Contains(index))
                {
                    columns.Add(index);
                }
            }
        }

        return [.. columns.Select(c => Field(table, c, weights))];
    }

    private static bool IsPlace(MatchFieldKind kind) => kind is MatchFieldKind.Address or MatchFieldKind.Zip or MatchFieldKind.City;

    /// <summary>The kind of a match-key column: <see cref="ColumnNames.KindOf"/>, or an organisation's name.</summary>
    public static MatchFieldKind KindOf(string column) =>
        ColumnNames.KindOf(column) is var kind && kind == MatchFieldKind.Other && ColumnNames.NamesAnOrganization(column) ? MatchFieldKind.Organization : kind;

    // A weight's key names the column as MasterTable.Find does ("zip" finds the column semantic-mapper renamed ZipCode).
    private static MatchField Field(MasterTable table, int column, Dictionary<string, double> weights)
    {
        string name = table.Columns[column];
        var kind = KindOf(name);
        double weight = weights.TryGetValue(name, out double w) ? w
            : weights.FirstOrDefault(kv => table.Find(kv.Key) == column) is { Key: not null } hit ? hit.Value
            : MatchNormalizer.DefaultWeight(kind);
        return new MatchField(column, name, kind, weight);
    }
}
