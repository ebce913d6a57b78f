using System.Runtime.InteropServices;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Duplicate detection of duplicate-resolver, one row at a time: exact duplicates (raw text of every column), case
/// variations (equal only after lower+trim+NFC), number-format variations (equal only once the numbers of
/// <see cref="NumberColumns"/> are read by value: "1.50" for "1.5"), e-mail case variants, conflicting rows (same key,
/// other values differ) and the removal groups on the <see cref="DuplicateKey"/> of the key columns (all columns when none are given).
/// </summary>
internal sealed class DuplicateScan
{
    private const int EmailKeysAt = 4;

    private readonly RowKey _rowKey = new();
    private readonly int[] _all;
    private readonly DuplicateKey _key;
    private readonly bool _keyed;
    private readonly HashSet<UInt128> _exact;
    private readonly HashSet<UInt128> _normalized;
    private readonly Dictionary<UInt128, UInt128> _fullByKey;
    private readonly (int Index, string Column, Dictionary<UInt128, UInt128> Seen)[] _emails;

    // The columns whose numbers are compared by value, and the normalised rows with those numbers as written (null
    // when there are none): a row equal to an earlier one only by value is a number-format variation, not a case one.
    private readonly int[] _numberColumns;
    private readonly HashSet<UInt128>? _asWritten;

    /// <param name="columns">The file's columns.</param>
    /// <param name="keyColumns">The removal key's columns (all of them for whole-row groups).</param>
    /// <param name="expectedRows">The file's rows when known (its profile), so the tables of whole rows are sized once
    /// instead of growing by doubling through the pass (each growth rehashes every key and leaves a large array behind).</param>
    /// <param name="byValue">Columns whose numbers the normalised keys compare by value (<see cref="NumberColumns"/>); none when null.</param>
    public DuplicateScan(IReadOnlyList<string> columns, IReadOnlyList<int> keyColumns, long? expectedRows = null, bool[]? byValue = null)
    {
        int capacity = (int)Math.Clamp(expectedRows ?? 0, 0, 1 << 26);
        _all = [.. Enumerable.Range(0, columns.Count)];
        _key = new DuplicateKey(columns.Count, keyColumns, byValue);
        _keyed = _key.Keyed;
        _numberColumns = byValue is null ? [] : [.. _all.Where(i => byValue[i])];
        _asWritten = _numberColumns.Length == 0 ? null : new HashSet<UInt128>(capacity);
        // Only the tables of whole rows, which hold about one entry per row; those of key columns and e-mails hold one
        // per distinct value, which may be a handful (a country key, an email_opt_in flag).
        _exact = new HashSet<UInt128>(capacity);
        _normalized = new HashSet<UInt128>(_keyed ? capacity : 0);
        _fullByKey = [];
        Groups = new Dictionary<UInt128, (int First, int Count)>(_keyed ? 0 : capacity);
        _emails = [.. _all.Where(i => columns[i].Contains("email", StringComparison.OrdinalIgnoreCase)).Select(i => (i, columns[i], new Dictionary<UInt128, UInt128>()))];
        foreach (var (_, column, _) in _emails)
        {
            EmailCaseVariants[column] = 0;
        }
    }

    public long Rows { get; private set; }

    public long ExactDuplicates { get; private set; }

    /// <summary>Rows equal to an earlier row only after lower+trim+NFC, their numbers written as an earlier such row writes them.</summary>
    public long CaseVariations { get; private set; }

    /// <summary>Rows equal to an earlier row only once numbers are read by value: no earlier such row writes their numbers so ("1.50" for "1.5").</summary>
    public long NumberFormatVariations { get; private set; }

    public long ConflictingRows { get; private set; }

    /// <summary>E-mail column → values that repeat an earlier value in another casing.</summary>
    public Dictionary<string, long> EmailCaseVariants { get; } = new(StringComparer.Ordinal);

    /// <summary>Removal key → (first row, rows in the group).</summary>
    public Dictionary<UInt128, (int First, int Count)> Groups { get; }

    /// <summary>Scans every row of <paramref name="file"/>.</summary>
    public static DuplicateScan Run(InputFile file, IReadOnlyList<int> keyColumns, long? expectedRows, bool[]? byValue, CancellationToken ct)
    {
        using var rows = RowScan.Open(file);
        var scan = new DuplicateScan(rows.Columns, keyColumns, expectedRows, byValue);
        rows.Keyer = scan.Keyer();
        foreach (var (row, _) in rows.Rows(ct))
        {
            scan.See(row, rows.CurrentKeys);
        }

        return scan;
    }

    /// <summary>Rows whose key columns are not all filled (blank or a null token such as N/A): grouped only with identical rows.</summary>
    public long RowsWithoutCompleteKey { get; private set; }

    /// <summary>The removal key of a row (<see cref="DuplicateKey"/>).</summary>
    public UInt128 KeyOf(string[] fields) => _key.Of(fields, _key.Full(fields, _rowKey), _rowKey);

    /// <summary>The keys <see cref="See(int, ReadOnlySpan{UInt128})"/> takes, computed where the rows are parsed (<see cref="RowScan.Keyer"/>).</summary>
    public IRowKeyer Keyer() => new Keys(this);

    /// <summary>Counts one row (rows in order) from its <see cref="Keyer"/> keys and returns the first row of its removal group: itself when it is the first.</summary>
    public int See(int row, ReadOnlySpan<UInt128> keys)
    {
        Rows++;
        var (exact, full, key) = (keys[0], keys[1], keys[2]);
        bool newExact = _exact.Add(exact);
        ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(Groups, key, out bool known);

        // Without key columns the removal groups are the normalised rows themselves.
        bool newNormalized = _keyed ? _normalized.Add(full) : !known;
        // The normalised row with its numbers as written (the two keys combined): new for a row whose numbers no earlier
        // row of its normalised text writes so.
        bool newAsWritten = _asWritten?.Add(full ^ keys[3]) ?? newNormalized;
        ExactDuplicates += newExact ? 0 : 1;
        bool variation = newExact && !newNormalized;
        CaseVariations += variation && !newAsWritten ? 1 : 0;
        NumberFormatVariations += variation && newAsWritten ? 1 : 0;
        for (int e = 0; e < _emails.Length; e++)
        {
            var (_, column, seen) = _emails[e];
            CountEmail(column, seen, keys.Slice(EmailKeysAt + (3 * e), 3));
        }

        RowsWithoutCompleteKey += _keyed && key == full ? 1 : 0;
        if (known)
        {
            group = (group.First, group.Count + 1);
            ConflictingRows += _keyed && _fullByKey[key] != full ? 1 : 0;
            return group.First;
        }

        group = (row, 1);
        if (_keyed)
        {
            _fullByKey[key] = full;
        }

        return row;
    }

    // Keys of the lower-cased and of the trimmed text stand for the strings themselves, so no e-mail is kept:
    // (present, lower-cased, as written), present 0 for a blank cell or a null token.
    private void CountEmail(string column, Dictionary<UInt128, UInt128> seen, ReadOnlySpan<UInt128> email)
    {
        if (email[0] == 0)
        {
            return;
        }

        var (lower, asWritten) = (email[1], email[2]);
        if (!seen.TryAdd(lower, asWritten) && seen[lower] != asWritten)
        {
            EmailCaseVariants[column]++;
        }
    }

    // A row's keys: exact (raw text), full (normalised row), removal key, the number columns as written (normalised, not
    // by value; 0 without number columns), then (present, lower, as written) per e-mail column. Its own RowKey: it runs
    // on the parsing thread while the scan's KeyOf may run on the caller's.
    private sealed class Keys(DuplicateScan scan) : IRowKeyer
    {
        private readonly RowKey _rowKey = new();

        public int Width => EmailKeysAt + (3 * scan._emails.Length);

        void IRowKeyer.Keys(string[] fields, Span<UInt128> keys)
        {
            keys[0] = _rowKey.Of(fields, scan._all, normalized: false);
            keys[1] = scan._key.Full(fields, _rowKey);
            keys[2] = scan._key.Of(fields, keys[1], _rowKey);
            keys[3] = scan._numberColumns.Length == 0 ? 0 : _rowKey.Of(fields, scan._numberColumns, normalized: true);
            for (int e = 0; e < scan._emails.Length; e++)
            {
                var trimmed = fields[scan._emails[e].Index].AsSpan().Trim();
                var email = keys.Slice(EmailKeysAt + (3 * e), 3);
                // A null token is no e-mail: N/A beside n/a is not one address in two casings.
                if (trimmed.Length == 0 || CellValues.IsNullToken(trimmed))
                {
                    email.Clear();
                    continue;
                }

                email[0] = 1;
                email[1] = _rowKey.OfText(trimmed, lower: true);
                email[2] = _rowKey.OfText(trimmed, lower: false);
            }
        }
    }
}
