using System.Runtime.InteropServices;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Duplicate detection of duplicate-resolver, one row at a time: exact duplicates (raw text of every column), case
/// variations (equal only after lower+trim+NFC), number-format variations (equal only once the numbers of
/// <see cref="NumberKeys"/> are read by value: "1.50" for "1.5", "1,234" for "1234"), e-mail case variants, conflicting rows (same key,
/// other values differ) and the removal groups on the <see cref="DuplicateKey"/> of the key columns (all columns when none are given).
/// </summary>
internal sealed class DuplicateScan
{
    private const int EmailKeysAt = 4;

    // Rows read before the e-mail tables are sized for the file (see SizeEmailTables).
    private const int EmailProbeRows = 1 << 14;

    private readonly int[] _all;
    private readonly DuplicateKey _key;
    private readonly bool _keyed;
    private readonly long _expectedRows;

    // With key columns, the first forms of each normalised row (without them the removal groups are the normalised
    // rows and hold their forms), and the normalised row of each key's first row.
    private readonly Dictionary<UInt128, RowForms>? _formsByFull;
    private readonly Dictionary<UInt128, UInt128> _fullByKey;
    private readonly LaterForms _later = new();
    private readonly (int Index, string Column, Dictionary<UInt128, UInt128> Seen)[] _emails;

    // The columns whose numbers are compared by value: a row equal to an earlier one only by value is a number-format
    // variation, not a case one (its numbers as written, keys[3], are 0 when there are none).
    private readonly int[] _numberColumns;

    // Odd, so multiplying by it is a one-to-one map of the 128-bit keys (SplitMix64's and XXH's 64-bit primes).
    private static readonly UInt128 AsWrittenMix = new(0x9E3779B97F4A7C15UL, 0xC2B2AE3D27D4EB4FUL);

    /// <param name="columns">The file's columns.</param>
    /// <param name="keyColumns">The removal key's columns (all of them for whole-row groups).</param>
    /// <param name="expectedRows">The file's rows when known (its profile), so the tables of whole rows are sized once
    /// instead of growing by doubling through the pass (each growth rehashes every key and leaves a large array behind).</param>
    /// <param name="numbers">Columns whose numbers the normalised keys compare by value and their reading (<see cref="NumberKeys"/>); none when null.</param>
    public DuplicateScan(IReadOnlyList<string> columns, IReadOnlyList<int> keyColumns, long? expectedRows = null, NumberKeys? numbers = null)
    {
        _expectedRows = expectedRows ?? 0;
        int capacity = (int)Math.Clamp(_expectedRows, 0, 1 << 26);
        _all = [.. Enumerable.Range(0, columns.Count)];
        _key = new DuplicateKey(columns.Count, keyColumns, numbers);
        _keyed = _key.Keyed;
        _numberColumns = numbers is null ? [] : numbers.Columns;
        // Only the tables of whole rows, which hold about one entry per row; those of key columns and e-mails hold one
        // per distinct value, which may be a handful (a country key, an email_opt_in flag).
        _formsByFull = _keyed ? new Dictionary<UInt128, RowForms>(capacity) : null;
        _fullByKey = [];
        Groups = new Dictionary<UInt128, DuplicateGroup>(_keyed ? 0 : capacity);
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

    /// <summary>Removal key → its group (first row, rows).</summary>
    public Dictionary<UInt128, DuplicateGroup> Groups { get; }

    /// <summary>Rows whose key columns are not all filled (blank or a null token such as N/A): grouped only with identical rows.</summary>
    public long RowsWithoutCompleteKey { get; private set; }

    /// <summary>The keys <see cref="See(int, ReadOnlySpan{UInt128})"/> takes, computed where the rows are parsed (<see cref="RowScan.Keyer"/>).</summary>
    public IRowKeyer Keyer() => new Keys(this);

    /// <summary>Counts one row (rows in order) from its <see cref="Keyer"/> keys and returns the first row of its removal group: itself when it is the first.</summary>
    public int See(int row, ReadOnlySpan<UInt128> keys)
    {
        Rows++;
        var (exact, full, key) = (keys[0], keys[1], keys[2]);
        // The normalised row with its numbers as written (the two keys combined). Not full ^ keys[3]: in a file of number
        // columns alone whose numbers are written plainly ("2", "3") the two hashes are of one text, so every such row
        // gave 0 and "3" after "3.0" seemed to write its number as "2" after "2.0" did (a case variation, not a number-format one).
        var forms = new RowForms(exact, full ^ (keys[3] * AsWrittenMix));
        ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(Groups, key, out bool known);

        // Without key columns the removal groups are the normalised rows themselves. A row's raw text and its numbers as
        // written can only repeat within its normalised row, so they are new for that row's first row and otherwise
        // compared with the forms of the earlier rows of the same normalised row.
        bool newNormalized;
        var (newExact, newAsWritten) = (true, true);
        if (_keyed)
        {
            ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(_formsByFull!, full, out bool fullKnown);
            newNormalized = !fullKnown;
            if (fullKnown)
            {
                (newExact, newAsWritten) = _later.See(first, forms);
            }
            else
            {
                first = forms;
            }
        }
        else
        {
            newNormalized = !known;
            if (known)
            {
                (newExact, newAsWritten) = _later.See(group.Forms, forms);
            }
        }

        ExactDuplicates += newExact ? 0 : 1;
        bool variation = newExact && !newNormalized;
        CaseVariations += variation && !newAsWritten ? 1 : 0;
        NumberFormatVariations += variation && newAsWritten ? 1 : 0;
        for (int e = 0; e < _emails.Length; e++)
        {
            var (_, column, seen) = _emails[e];
            CountEmail(column, seen, keys.Slice(EmailKeysAt + (3 * e), 3));
        }

        if (Rows == EmailProbeRows)
        {
            SizeEmailTables();
        }

        RowsWithoutCompleteKey += _keyed && key == full ? 1 : 0;
        if (known)
        {
            group.Count++;
            ConflictingRows += _keyed && _fullByKey[key] != full ? 1 : 0;
            return group.First;
        }

        group = new DuplicateGroup(row, 1, _keyed ? default : forms);
        if (_keyed)
        {
            _fullByKey[key] = full;
        }

        return row;
    }

    // An e-mail column of distinct addresses fills a table of about one entry per row. Sized once from the share of
    // distinct values among the first rows (an over-estimate as values repeat more in a longer file, capped at the
    // file's rows), instead of growing by doubling; a column of a few values (an opt-in flag) stays small. Capacity only:
    // no count depends on it.
    private void SizeEmailTables()
    {
        if (_expectedRows <= Rows)
        {
            return;
        }

        foreach (var (_, _, seen) in _emails)
        {
            if (seen.Count * 8L > Rows)
            {
                long estimate = Math.Min(_expectedRows, (long)(seen.Count * ((double)_expectedRows / Rows) * 1.05));
                seen.EnsureCapacity((int)Math.Min(estimate, 1 << 26));
            }
        }
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
        ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(seen, lower, out bool known);
        if (!known)
        {
            first = asWritten;
        }
        else if (first != asWritten)
        {
            EmailCaseVariants[column]++;
        }
    }

    // A row's keys: exact (raw text), full (normalised row), removal key, the number columns as written (normalised, not
    // by value; 0 without number columns), then (present, lower, as written) per e-mail column. Runs on the parsing thread.
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
                email[1] = _rowKey.OfLowerText(trimmed, out bool lowerAlready);
                // An address already in lower case is its own lower-cased text: the same key, not hashed twice.
                email[2] = lowerAlready ? email[1] : _rowKey.OfText(trimmed, lower: false);
            }
        }
    }
}
