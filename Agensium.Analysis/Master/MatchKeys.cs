using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>
/// Resolves match_key_columns and match_key_weights into <see cref="MatchField"/>s (auto: ≤ 6 of the name/e-mail/phone/
/// birth-date columns, then address/zip/location ones, each in the file's order; in a file without person names its
/// organisation name first, when its values look like the entity's; none when nothing says who a row is and a column
/// numbers the rows, or only a city or postcode would be left: see <see cref="Automatic"/>).
/// </summary>
public static class MatchKeys
{
    /// <summary>
    /// An organisation-name column is an automatic key only when at least this share of its filled cells hold a value no
    /// earlier cell held: a file of organisations names each one once or a few times (duplicates are the exception),
    /// while a carrier, supplier or bank column of an orders file repeats a few names over many rows.
    /// </summary>
    public const double MinOrganizationDistinctShare = 0.5;

    /// <summary>The match fields of <paramref name="p"/> (named columns, or the automatic choice); names not in the table go to <paramref name="missing"/>.</summary>
    public static List<MatchField> Resolve(MasterTable table, AgentParameters p, List<string> missing) => Resolve(table, p, missing, out _);

    /// <summary>
    /// As <see cref="Resolve(MasterTable, AgentParameters, List{string})"/>; <paramref name="rowsNumberedBy"/> names the
    /// column that numbers the rows when the automatic choice found no key because of it (see <see cref="Automatic"/>).
    /// </summary>
    public static List<MatchField> Resolve(MasterTable table, AgentParameters p, List<string> missing, out string? rowsNumberedBy)
    {
        rowsNumberedBy = null;
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
            columns = Automatic(table, out rowsNumberedBy);
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

    /// <summary>
    /// The automatic match-key columns. Columns that say who a record is (names, e-mail, phone, birth date) come before
    /// those that say where (address, zip, city), each in the file's order, at most 6: a date of birth in the tenth column
    /// was left out for a city in the sixth, and with it the evidence that keeps namesakes apart. A file of organisations
    /// names them in a column of its own: without any person name, that name is a key (first: the one thing that tells two
    /// companies at one address and switchboard apart), when its values look like the entity's
    /// (<see cref="MinOrganizationDistinctShare"/>): 40 orders whose `company` is one of 3 carriers are not 3 entities.
    /// When no column then says who a row is, the rows are not matched on where alone unless an address is among the
    /// keys (a city or postcode is shared by thousands of entities), and not at all when a column numbers the rows
    /// (<paramref name="rowsNumberedBy"/>, see <see cref="NumbersTheRows"/>): an orders file with a unique order_id, a
    /// carrier and a ship-to address holds 40 orders, each its own record, not one record per carrier or address.
    /// </summary>
    public static List<int> Automatic(MasterTable table, out string? rowsNumberedBy)
    {
        rowsNumberedBy = null;
        var candidates = Enumerable.Range(0, table.Columns.Count)
            .Where(i => !table.Columns[i].StartsWith("__", StringComparison.Ordinal) && ColumnNames.KindOf(table.Columns[i]) != MatchFieldKind.Other)
            .ToList();
        var columns = candidates.Where(i => !IsPlace(ColumnNames.KindOf(table.Columns[i])))
            .Concat(candidates.Where(i => IsPlace(ColumnNames.KindOf(table.Columns[i]))))
            .Take(6).ToList();
        if (!columns.Any(c => RecordMatcher.IsName(ColumnNames.KindOf(table.Columns[c])))
            && Enumerable.Range(0, table.Columns.Count).FirstOrDefault(i => !table.Columns[i].StartsWith("__", StringComparison.Ordinal)
                && KindOf(table.Columns[i]) == MatchFieldKind.Organization, -1) is var organization and >= 0
            && DistinctShare(table.Column(organization)) >= MinOrganizationDistinctShare
            && !NumberedByAnotherThing(table, organization))
        {
            columns.Insert(0, organization);
            columns = [.. columns.Take(6)];
        }

        if (!columns.Any(c => !IsPlace(KindOf(table.Columns[c]))) && EntityIdentifiers.Of(table).Columns is [var identifier, ..]
            && !NumberedByAnotherThing(table, table.Find(identifier)))
        {
            // Not when the rows are transactions numbered by their own id (order lines with a product_gtin: 12 orders of
            // 3 products are 12 orders, not 3 records), as for an organisation column.
            // Nothing else says who, but a global identifier does (a product master's GTIN, a register's VAT number): rows
            // holding one identifier are one entity. Before, a product file of SKUs, GTINs and descriptions had no key at
            // all, and every row stayed its own record however many systems listed the product.
            columns.Insert(0, table.Find(identifier));
            columns = [.. columns.Take(6)];
        }

        if (columns.Any(c => !IsPlace(KindOf(table.Columns[c]))))
        {
            return columns; // something says who
        }

        if (Enumerable.Range(0, table.Columns.Count).FirstOrDefault(c => NumbersTheRows(table, c), -1) is var numbered and >= 0)
        {
            rowsNumberedBy = table.Columns[numbered];
            return [];
        }

        return columns.Any(c => KindOf(table.Columns[c]) == MatchFieldKind.Address) ? columns : [];
    }

    // Words of an id column's name that say its rows are transactions or documents, each a thing of its own whose
    // organisation column names a party to it (order_id, invoice_no, shipment_ref). Only these: an id of the party
    // itself (vendor_id, tax_id, duns_number, vat_no, phone_number) or a generic one (id, record_id) decides nothing.
    private static readonly HashSet<string> TransactionWords = new(StringComparer.Ordinal)
    {
        "order", "invoice", "transaction", "txn", "trx", "shipment", "shipping", "ticket", "payment", "booking", "reservation",
        "claim", "receipt", "purchase", "po", "sale", "sales", "delivery", "visit", "trip", "call", "event", "case", "request",
    };

    /// <summary>
    /// True when a column numbers the rows (<see cref="NumbersTheRows"/>) and its name says they are transactions or
    /// documents (<see cref="TransactionWords"/>: "order_id", "invoice_no", "shipment_ref"): the organisation column
    /// (<paramref name="organization"/>) then says whom each order is for or from, not what the row is, and is no entity
    /// key (20 orders of 10 customer companies, two each, are 20 orders). A generic id ("id", "record_id") or one of the
    /// party itself ("vendor_id", "tax_id", "duns_number") decides nothing: the organisation column's own distinctness does.
    /// </summary>
    private static bool NumberedByAnotherThing(MasterTable table, int organization)
    {
        for (int c = 0; c < table.Columns.Count; c++)
        {
            var tokens = ColumnNames.Tokens(table.Columns[c]);
            if (c != organization && tokens.Any(t => NumberWords.Contains(t)) && tokens.Any(TransactionWords.Contains) && NumbersTheRows(table, c))
            {
                return true;
            }
        }

        return false;
    }

    // Words that say a column numbers or names its rows ("order_id", "OrderNo", "invoice number", "ref").
    private static readonly string[] NumberWords = ["id", "no", "nr", "num", "number", "key", "code", "ref", "reference", "uuid", "guid"];

    /// <summary>
    /// True when column <paramref name="column"/> numbers the rows: a word of its name says it is an id ("order_id",
    /// "OrderID", "orderId", "invoice_no", "ref": a name token of <see cref="NumberWords"/>, camelCase split; not a word
    /// that merely ends in "id", such as amount_paid, valid, void or grid), every row holds a value of its own (filled,
    /// no value twice, trimmed), and its values are id-like (<see cref="IdValues"/>): digits or a code ("10017", "INV-0042",
    /// "12 345" in a column that groups every id so), not an amount or a decimal ("12.50", "$1,200", "12,5", "1 200" beside "350"). Then each row is a thing of its own (an order, an invoice, a record), unless
    /// other columns say who the rows describe.
    /// </summary>
    public static bool NumbersTheRows(MasterTable table, int column)
    {
        string name = table.Columns[column];
        if (name.StartsWith("__", StringComparison.Ordinal) || table.RowCount < 2)
        {
            return false;
        }

        var tokens = ColumnNames.Tokens(name);
        if (!tokens.Any(t => NumberWords.Contains(t)))
        {
            return false;
        }

        var col = table.Column(column);
        var ids = TrimmedCodes.Of(col);
        var counts = col.CodeCounts();
        var seen = new HashSet<int>();
        var values = new IdValues();
        for (int code = 0; code < counts.Length; code++)
        {
            if (counts[code] > 1 || (counts[code] == 1 && (ids[code] == 0 || !seen.Add(ids[code]) || !values.Add(col.Values[code]))))
            {
                return false;
            }
        }

        return values.AreIds;
    }

    /// <summary>True when <paramref name="values"/>, taken together, are those an id column writes (<see cref="IdValues"/>).</summary>
    public static bool IdLike(IEnumerable<string> values)
    {
        var ids = new IdValues();
        return values.All(ids.Add) && ids.AreIds;
    }

    // Distinct trimmed values over filled cells (0 when none is filled).
    private static double DistinctShare(MasterColumn column)
    {
        var ids = TrimmedCodes.Of(column);
        var counts = column.CodeCounts();
        long filled = 0;
        var distinct = new HashSet<int>();
        for (int code = 0; code < counts.Length; code++)
        {
            if (counts[code] > 0 && ids[code] != 0)
            {
                filled += counts[code];
                distinct.Add(ids[code]);
            }
        }

        return filled == 0 ? 0 : distinct.Count / (double)filled;
    }

    private static bool IsPlace(MatchFieldKind kind) => kind is MatchFieldKind.Address or MatchFieldKind.Zip or MatchFieldKind.City;

    /// <summary>The kind of a match-key column: <see cref="ColumnNames.KindOf"/>, or an organisation's name, or a global identifier (<see cref="EntityIdentifiers.NamesAnIdentifier"/>).</summary>
    public static MatchFieldKind KindOf(string column) =>
        ColumnNames.KindOf(column) is var kind && kind != MatchFieldKind.Other ? kind
        : ColumnNames.NamesAnOrganization(column) ? MatchFieldKind.Organization
        : EntityIdentifiers.NamesAnIdentifier(column) ? MatchFieldKind.Identifier
        : kind;

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
