namespace Agensium.Analysis.Master;

/// <summary>Cluster number of every row (clusters numbered by first appearance) and the number of clusters.</summary>
/// <param name="ClusterOf">Cluster number per row.</param>
/// <param name="Count">Number of clusters.</param>
public sealed record ClusterAssignment(int[] ClusterOf, int Count)
{
    /// <summary>Row indexes of each cluster, in row order.</summary>
    public ClusterMembers Members() => new(ClusterOf, Count);

    /// <summary>
    /// Exact clusters: rows with identical trimmed text in all key columns; rows whose keys are all blank stay singletons,
    /// and so do rows whose only key cells are places (address, zip, city) when other key columns name who a record is
    /// (names, e-mail, phone, birth date, an id): two rows that say only "London" are not one entity.
    /// Rows whose keys differ only where one leaves a cell blank join when they hold one e-mail mailbox and agree with
    /// every other row holding it (<see cref="SharedMailboxes"/>): an address alone and the address with a name are one record;
    /// rows whose keys differ only in how one mailbox is written (info@ / INFO@) are one record in any case.
    /// Rows of one key that differ in a global identifier (<see cref="EntityIdentifiers"/>: VAT, DUNS, GTIN, …) are
    /// two entities: each joins the first group of its key it does not contradict. So do rows whose key cells hold
    /// nothing but a phone when the rows name two people or organisations (<see cref="PhoneOnlyKeys"/>).
    /// Without key columns, only rows equal in every column (trimmed, the pipeline's own <c>__</c> columns aside) are one
    /// record: a copy of a row says nothing another row does not, so merging it needs no key (AGENSIUM's "none ⇒
    /// singletons" is kept for every row that differs from the others in any cell).
    /// </summary>
    public static ClusterAssignment Exact(MasterTable table, IReadOnlyList<int> keyColumns) =>
        Exact(table, keyColumns, EntityIdentifiers.Of(table).Identities);

    /// <summary>As <see cref="Exact(MasterTable, IReadOnlyList{int})"/> with the identities given (per kind, per row, −1 unknown).</summary>
    public static ClusterAssignment Exact(MasterTable table, IReadOnlyList<int> keyColumns, IReadOnlyList<int[]> identities)
    {
        if (keyColumns.Count == 0)
        {
            return WholeRowCopies(table, new ConstrainedClusters(table.RowCount, identities));
        }

        var sets = new ConstrainedClusters(table.RowCount, identities, PhoneOnlyKeys.Apart(table, keyColumns), linksChecked: false);

        var (keyOf, keys) = TrimmedCodes.RowIds(table, keyColumns);
        var who = WhoColumns(table, keyColumns);
        var first = new int[keys];
        Array.Fill(first, -1);
        Dictionary<int, List<int>>? more = null; // further anchors of a key, once two of its rows contradict
        for (int row = 0; row < table.RowCount; row++)
        {
            int key = keyOf[row];
            if (key == 0 || (who is not null && !Says(who, row)))
            {
                continue; // all key cells blank, or only a place given
            }

            if (first[key] < 0)
            {
                first[key] = row;
            }
            else if (!sets.TryUnion(first[key], row))
            {
                var anchors = (more ??= []).TryGetValue(key, out var list) ? list : more[key] = [];
                if (!anchors.Any(anchor => sets.TryUnion(anchor, row)))
                {
                    anchors.Add(row);
                }
            }
        }

        SharedMailboxes.Join(table, keyColumns, keyOf, sets);
        return sets.ToClusters();
    }

    // The trimmed-text ids (0 blank) of the key columns that name who a record is, with their columns' row codes; null
    // when the key has no place column or nothing but place columns (a key the user chose of places alone is theirs).
    private static (int[] Ids, MasterColumn Column)[]? WhoColumns(MasterTable table, IReadOnlyList<int> keyColumns)
    {
        var places = keyColumns.Where(c => ColumnNames.KindOf(table.Columns[c]) is MatchFieldKind.Address or MatchFieldKind.Zip or MatchFieldKind.City).ToList();
        if (places.Count == 0 || places.Count == keyColumns.Count)
        {
            return null;
        }

        return [.. keyColumns.Except(places).Select(c => (TrimmedCodes.Of(table.Column(c)), table.Column(c)))];
    }

    private static bool Says((int[] Ids, MasterColumn Column)[] who, int row)
    {
        foreach (var (ids, column) in who)
        {
            if (ids[column.CodeOf(row)] != 0)
            {
                return true;
            }
        }

        return false;
    }

    // Rows equal in every data column (trimmed; a row of blanks only stays alone) merged into the first of them.
    private static ClusterAssignment WholeRowCopies(MasterTable table, ConstrainedClusters sets)
    {
        int[] columns = [.. Enumerable.Range(0, table.Columns.Count).Where(c => !table.Columns[c].StartsWith("__", StringComparison.Ordinal))];
        if (columns.Length == 0)
        {
            return sets.ToClusters();
        }

        var (keyOf, keys) = TrimmedCodes.RowIds(table, columns);
        var first = new int[keys];
        Array.Fill(first, -1);
        for (int row = 0; row < table.RowCount; row++)
        {
            int key = keyOf[row];
            if (key == 0)
            {
                continue;
            }

            if (first[key] < 0)
            {
                first[key] = row;
            }
            else
            {
                sets.TryUnion(first[key], row);
            }
        }

        return sets.ToClusters();
    }
}
