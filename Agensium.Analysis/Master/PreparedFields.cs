namespace Agensium.Analysis.Master;

/// <summary>
/// The normalised match-key values of every row (and Soundex codes for names), one dictionary per field: each row holds
/// an id per field, equal ids mean equal normalised values, and id 0 is the blank value. Values are normalised once per
/// distinct cell of the column, not once per row. How many rows hold each value is kept too (for frequency-based
/// evidence, see <see cref="RecordMatcher"/>); in an identifier field (e-mail, phone, birth date) a value held by far more
/// rows than the field's values usually are (see <see cref="IsPlaceholder"/>: "none", "000-000-0000", "1900-01-01") is
/// a placeholder, not an identifier, and is treated as blank.
/// </summary>
public sealed class PreparedFields
{
    private readonly int[][] _ids;
    private readonly string[][] _values;
    private readonly string[][] _codes;
    private readonly int[][] _counts;
    private readonly int[] _filled;
    private readonly int[] _blankMasks;
    private readonly int[][] _mailboxIds;
    private readonly int[][] _mailboxCounts;
    private readonly int[][] _solePartners;
    private readonly int[]?[] _ranks;
    private readonly int[] _rankBits;

    private readonly byte[]? _generations;

    private PreparedFields(int rowCount, int[][] ids, string[][] values, string[][] codes, int[][] counts, byte[]? generations, int[][] mailboxIds, int[][] mailboxCounts, int[]?[] ranks)
    {
        _mailboxIds = mailboxIds;
        _mailboxCounts = mailboxCounts;
        _solePartners = [.. mailboxIds.Select((m, f) => SolePartners(m, mailboxCounts[f]))];
        _ranks = ranks;
        // The leading ranked fields whose ranks fit side by side in 63 bits (RankKey).
        _rankBits = new int[ranks.Length];
        int bits = 0;
        while (LeadingRankedFields < ranks.Length && ranks[LeadingRankedFields] is { } r
            && bits + (_rankBits[LeadingRankedFields] = Math.Max(1, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)r.Length))) <= 63)
        {
            bits += _rankBits[LeadingRankedFields++];
        }
        RowCount = rowCount;
        _generations = generations;
        _ids = ids;
        _values = values;
        _codes = codes;
        _counts = counts;
        _filled = [.. counts.Select(c => rowCount - c[0])];
        _blankMasks = new int[ids.Length <= 31 ? rowCount : 0];
        for (int f = 0; f < ids.Length && f < 31; f++)
        {
            int[] column = ids[f];
            for (int row = 0; row < rowCount; row++)
            {
                if (column[row] == 0)
                {
                    _blankMasks[row] |= 1 << f;
                }
            }
        }
    }

    /// <summary>Bit f set when field f of row <paramref name="row"/> is blank (one read instead of one per field); −1 with more than 31 fields.</summary>
    public int BlankMask(int row) => _blankMasks.Length > 0 ? _blankMasks[row] : -1;

    /// <summary>
    /// A value of an identifier field held by more than this many times the field's mean rows per distinct value (and
    /// by more than <see cref="PlaceholderMinRows"/> rows) is a placeholder and counts as blank.
    /// </summary>
    public const int PlaceholderFactor = 50;

    /// <summary>See <see cref="PlaceholderFactor"/>: small files keep every value.</summary>
    public const int PlaceholderMinRows = 10;

    /// <summary>Number of rows whose value of field <paramref name="field"/> has id <paramref name="id"/>.</summary>
    public int Count(int field, int id) => _counts[field][id];

    /// <summary>Number of rows with field <paramref name="field"/> filled (not blank, not a placeholder).</summary>
    public int Filled(int field) => _filled[field];

    /// <summary>
    /// The id of row <paramref name="row"/>'s mailbox in e-mail field <paramref name="field"/>
    /// (<see cref="MatchNormalizer.MailboxKey"/>: stricter than <see cref="Id"/>, whose value drops all punctuation); 0
    /// when the field is blank (or a placeholder) or no e-mail field.
    /// </summary>
    public int MailboxId(int row, int field) => _mailboxIds[field].Length > 0 ? _mailboxIds[field][row] : 0;

    /// <summary>Number of rows holding mailbox <paramref name="id"/> (<see cref="MailboxId"/>) in field <paramref name="field"/>.</summary>
    public int MailboxCount(int field, int id) => _mailboxCounts[field][id];

    /// <summary>
    /// The row other than <paramref name="row"/> holding its mailbox (<see cref="MailboxId"/>) in field
    /// <paramref name="field"/> when exactly two rows hold it; −1 otherwise (blank, no e-mail field, or held by one row or
    /// by three or more). One read instead of two ids and a count (<see cref="RecordMatcher.SoleMailbox"/>).
    /// </summary>
    public int SolePartner(int row, int field) => _solePartners[field].Length > 0 ? _solePartners[field][row] : -1;

    /// <summary>
    /// The ordinal order (<see cref="string.CompareOrdinal(string, string)"/>'s sign) of the values of rows
    /// <paramref name="x"/> and <paramref name="y"/> in field <paramref name="field"/>: 0 for one id, else the values' ranks
    /// among the field's values where the field has at most <see cref="RankedValues"/> of them (ranked once), else the
    /// values compared.
    /// </summary>
    public int CompareValues(int x, int y, int field)
    {
        int ix = _ids[field][x], iy = _ids[field][y];
        if (ix == iy)
        {
            return 0;
        }

        return _ranks[field] is { } ranks ? ranks[ix].CompareTo(ranks[iy]) : string.CompareOrdinal(_values[field][ix], _values[field][iy]);
    }

    /// <summary>
    /// The value ranks of row <paramref name="row"/> in its first <paramref name="fields"/> fields (at most
    /// <see cref="LeadingRankedFields"/>), side by side in one number (the first field in the highest bits): two rows'
    /// keys compare as <see cref="CompareValues"/> over those fields, one after the other, does.
    /// </summary>
    public long RankKey(int row, int fields)
    {
        long key = 0;
        for (int f = 0; f < Math.Min(fields, LeadingRankedFields); f++)
        {
            key = (key << _rankBits[f]) | (long)_ranks[f]![_ids[f][row]];
        }

        return key;
    }

    /// <summary>The number of first fields whose ranks <see cref="RankKey"/> holds.</summary>
    public int LeadingRankedFields { get; }

    /// <summary>Fields with at most this many distinct values are ranked once for <see cref="CompareValues"/> (names, cities, dates; not e-mails or phones).</summary>
    public const int RankedValues = 1 << 18;

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>True when some row's name carries a generational suffix (see <see cref="Generation"/>).</summary>
    public bool HasGenerations => _generations is not null;

    /// <summary>
    /// The generation the suffix of row <paramref name="row"/>'s name gives (<see cref="MatchNormalizer.Generation"/>:
    /// sr 1, jr and ii 2, …; the first name field with one), 0 without one. The prepared names are compared without it.
    /// </summary>
    public int Generation(int row) => _generations is null ? 0 : _generations[row];

    /// <summary>The id of row <paramref name="row"/>'s value of field <paramref name="field"/> (0 = blank).</summary>
    public int Id(int row, int field) => _ids[field][row];

    /// <summary>The normalised value of row <paramref name="row"/>, field <paramref name="field"/> ("" when blank).</summary>
    public string Value(int row, int field) => _values[field][_ids[field][row]];

    /// <summary>The Soundex code of that value for names; for e-mails the first word of the address and the rest (<see cref="MatchNormalizer.EmailNameParts"/>); for organisation names their core and legal forms (<see cref="MatchNormalizer.OrganizationCode"/>); else "".</summary>
    public string Code(int row, int field) => _codes[field][_ids[field][row]];

    /// <summary>Prepares the match fields of every row of <paramref name="table"/>; fields are prepared in parallel.</summary>
    public static PreparedFields Of(MasterTable table, IReadOnlyList<MatchField> fields, CancellationToken ct)
    {
        var ids = new int[fields.Count][];
        var values = new string[fields.Count][];
        var codes = new string[fields.Count][];
        var counts = new int[fields.Count][];
        var generations = new byte[fields.Count][];
        var mailboxIds = new int[fields.Count][];
        var mailboxCounts = new int[fields.Count][];
        var mailboxCodes = new (int[] ByCode, int Count)?[fields.Count];
        var ranks = new int[]?[fields.Count];
        // The mailboxes of an e-mail field are worked out as a task of their own beside the fields (they read only the
        // column's cells), so that the e-mail field and its mailboxes run on two cores.
        var emails = Enumerable.Range(0, fields.Count).Where(f => fields[f].Kind == MatchFieldKind.Email).ToArray();
        Parallel.For(0, fields.Count + emails.Length, new ParallelOptions { CancellationToken = ct }, task =>
        {
            if (task >= fields.Count)
            {
                int e = emails[task - fields.Count];
                mailboxCodes[e] = MailboxCodes.Of(table.Column(fields[e].Column));
                return;
            }

            int f = task;
            (ids[f], values[f], codes[f]) = Field(table.Column(fields[f].Column), fields[f].Kind, ct);
            counts[f] = Counts(ids[f], values[f].Length, IsIdentifier(fields[f].Kind));
            generations[f] = Generations(table.Column(fields[f].Column), fields[f].Kind);
            ranks[f] = values[f].Length <= RankedValues ? Ranks(values[f]) : null;
        });
        for (int f = 0; f < fields.Count; f++)
        {
            (mailboxIds[f], mailboxCounts[f]) = mailboxCodes[f] is { } mailboxes ? Mailboxes(table.Column(fields[f].Column), ids[f], mailboxes) : ([], [0]);
        }

        return new PreparedFields(table.RowCount, ids, values, codes, counts, FirstGenerations(generations, table.RowCount), mailboxIds, mailboxCounts, ranks);
    }

    // Per id, the rank of its value in ordinal order (the values are distinct).
    private static int[] Ranks(string[] values)
    {
        var order = new int[values.Length];
        for (int id = 0; id < order.Length; id++)
        {
            order[id] = id;
        }

        Array.Sort(order, (x, y) => string.CompareOrdinal(values[x], values[y]));
        var ranks = new int[values.Length];
        for (int rank = 0; rank < order.Length; rank++)
        {
            ranks[order[rank]] = rank;
        }

        return ranks;
    }

    // Per row, the other row of its mailbox when exactly two rows hold it, else −1; empty without mailboxes.
    private static int[] SolePartners(int[] mailboxIds, int[] mailboxCounts)
    {
        if (mailboxIds.Length == 0)
        {
            return [];
        }

        var first = new int[mailboxCounts.Length]; // per mailbox held by two rows, its first row + 1
        var partners = new int[mailboxIds.Length];
        for (int row = 0; row < partners.Length; row++)
        {
            partners[row] = -1;
            int id = mailboxIds[row];
            if (id == 0 || mailboxCounts[id] != 2)
            {
                continue;
            }

            if (first[id] == 0)
            {
                first[id] = row + 1;
            }
            else
            {
                partners[row] = first[id] - 1;
                partners[first[id] - 1] = row;
            }
        }

        return partners;
    }

    // Per row, the generation of the first name field whose value carries a suffix; null when no row has one.
    private static byte[]? FirstGenerations(byte[][] perField, int rows)
    {
        byte[]? result = null;
        foreach (var field in perField)
        {
            if (field.Length == 0)
            {
                continue;
            }

            if (result is null)
            {
                result = field;
                continue;
            }

            for (int row = 0; row < rows; row++)
            {
                result[row] = result[row] != 0 ? result[row] : field[row];
            }
        }

        return result;
    }

    // Per row, the generation of a name field's value (MatchNormalizer.Generation; read once per distinct cell); empty
    // when no value has a suffix or the field is no name.
    private static byte[] Generations(MasterColumn column, MatchFieldKind kind)
    {
        if (!RecordMatcher.IsName(kind))
        {
            return [];
        }

        var byCode = new byte[column.Values.Count];
        bool any = false;
        for (int code = 0; code < byCode.Length; code++)
        {
            byCode[code] = (byte)MatchNormalizer.Generation(column.Values[code], kind);
            any |= byCode[code] != 0;
        }

        if (!any)
        {
            return [];
        }

        var rows = new byte[column.Count];
        for (int row = 0; row < rows.Length; row++)
        {
            rows[row] = byCode[column.CodeOf(row)];
        }

        return rows;
    }

    /// <summary>True for the kinds whose values should each belong to one person: e-mail, phone, birth date.</summary>
    public static bool IsIdentifier(MatchFieldKind kind) => kind is MatchFieldKind.Email or MatchFieldKind.Phone or MatchFieldKind.BirthDate;

    /// <summary>
    /// True when a value held by <paramref name="rows"/> rows is a placeholder in a field where <paramref name="filled"/>
    /// rows hold <paramref name="distinct"/> distinct values (see <see cref="PlaceholderFactor"/>).
    /// </summary>
    public static bool IsPlaceholder(int rows, int filled, int distinct) =>
        rows > PlaceholderMinRows && distinct > 0 && rows > PlaceholderFactor * (double)filled / distinct;

    // Rows per id; in an identifier field, rows holding a placeholder are set to blank (id 0) first.
    private static int[] Counts(int[] ids, int distinct, bool identifier)
    {
        var counts = new int[distinct];
        foreach (int id in ids)
        {
            counts[id]++;
        }

        if (!identifier)
        {
            return counts;
        }

        int filled = ids.Length - counts[0];
        int values = counts.Skip(1).Count(c => c > 0);
        var placeholder = new bool[distinct];
        bool any = false;
        for (int id = 1; id < distinct; id++)
        {
            placeholder[id] = IsPlaceholder(counts[id], filled, values);
            any |= placeholder[id];
        }

        if (!any)
        {
            return counts;
        }

        for (int row = 0; row < ids.Length; row++)
        {
            if (placeholder[ids[row]])
            {
                counts[ids[row]]--;
                counts[0]++;
                ids[row] = 0;
            }
        }

        return counts;
    }

    // One field: each distinct cell normalised once, equal results given one id.
    private static (int[] Ids, string[] Values, string[] Codes) Field(MasterColumn column, MatchFieldKind kind, CancellationToken ct)
    {
        int capacity = column.Values.Count + 1; // at most one value per distinct cell, and blank: no regrowth
        var idOf = new Dictionary<string, int>(capacity, StringComparer.Ordinal) { [""] = 0 };
        var values = new List<string>(capacity) { "" };
        var raw = new List<string>(capacity) { "" }; // the first cell seen for each id
        var byCode = new int[column.Values.Count];
        for (int code = 0; code < byCode.Length; code++)
        {
            if (code % 65536 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            string cell = Common.ComposedText.Of(column.Values[code]); // a precomposed é and e + combining acute are one letter
            string value = Normalize(cell, kind);
            if (!idOf.TryGetValue(value, out int id))
            {
                id = values.Count;
                idOf.Add(value, id);
                values.Add(value);
                raw.Add(cell);
            }

            byCode[code] = id;
        }

        var ids = new int[column.Count];
        for (int row = 0; row < ids.Length; row++)
        {
            ids[row] = byCode[column.CodeOf(row)];
        }

        string[] codes = [.. values.Select((v, id) => RecordMatcher.IsName(kind) ? Soundex.Encode(v)
            : kind == MatchFieldKind.Email && id > 0 ? EmailCode(raw[id])
            : kind == MatchFieldKind.Organization ? MatchNormalizer.OrganizationCode(v) : "")];
        return (ids, [.. values], codes);
    }

    // Per row, the id of the mailbox its e-mail delivers to (MailboxCodes), 0 where the prepared value is blank (empty,
    // a null token, a placeholder); and rows per id.
    private static (int[] Ids, int[] Counts) Mailboxes(MasterColumn column, int[] valueIds, (int[] ByCode, int Count) mailboxes)
    {
        var byCode = mailboxes.ByCode;
        var ids = new int[valueIds.Length];
        var counts = new int[mailboxes.Count];
        for (int row = 0; row < ids.Length; row++)
        {
            ids[row] = valueIds[row] == 0 ? 0 : byCode[column.CodeOf(row)];
            counts[ids[row]]++;
        }

        return (ids, counts);
    }

    // An address's first word (empty when it starts with a digit) and the rest, joined by a unit separator
    // (RecordMatcher.EmailsNameTwoPeople, OtherProviders and OtherNumberAtOneProvider read them); "" without an '@'. Of
    // the mailbox the address delivers to (no +tag, googlemail.com as gmail.com), as the value is: the rules that compare
    // providers see one provider where the value does.
    private static string EmailCode(string raw)
    {
        var (word, rest) = MatchNormalizer.EmailNameParts(MatchNormalizer.EmailMailbox(raw));
        return rest.Length == 0 ? "" : word + "\u001f" + rest;
    }

    // A null token (N/A, NULL, none, …) is no evidence: blank, like an empty cell.
    private static string Normalize(string cell, MatchFieldKind kind)
    {
        if (Clean.CellValues.IsNullToken(cell))
        {
            return "";
        }

        string value = MatchNormalizer.Normalize(cell, kind);
        return kind is MatchFieldKind.Address or MatchFieldKind.Organization ? StringSimilarity.SortTokens(value) : value; // token-sort ratio = Indel ratio of sorted tokens
    }
}
