using System.Globalization;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Counts of how one column's cells parse, gathered in one pass; numeric values are kept while every non-blank cell is
/// a number, or (<paramref name="keepPastText"/>) every number whatever else the column holds, so that the stats can
/// follow cells changed or removed later (<see cref="Remove(string)"/>: a <see cref="FileProfile"/> carried from file to file).
/// A null token ("N/A", "-", "NaN": <see cref="CellValues.IsNullToken(string?)"/>) counts as a null, as null-handler
/// and the profiler read it, unless <paramref name="tokensAreNull"/> is false (a column whose tokens a user keeps as data):
/// "12, 14, N/A" is a column of numbers with one null, not text.
/// </summary>
internal sealed class ColumnStats(string name, int index, bool keepValues = true, bool keepPastText = false, bool tokensAreNull = true)
{
    private List<double>? _values = keepValues ? [] : null;

    // Values taken back by Remove (keyed by their bits), dropped from _values when Values is next read; a copy
    // (CopyAt) shares the values of the stats it copies and keeps its own additions apart until then.
    private Dictionary<long, int>? _removed;
    private List<double>? _added;
    private bool _shared;
    private readonly bool _keepValues = keepValues;
    private bool _keepPastText = keepPastText && keepValues;
    private bool _tokensAreNull = tokensAreNull;

    public string Name { get; } = name;

    public int Index { get; private set; } = index;

    /// <summary>True when values can be taken back (<see cref="Remove(string)"/>): every number is kept, text or not, or none is.</summary>
    public bool CanTakeBack => _keepPastText || !_keepValues;

    public long Rows { get; private set; }

    /// <summary>Whether a null token counts as a null (false in a column whose tokens the user keeps as data).</summary>
    public bool TokensAreNull => _tokensAreNull;

    /// <summary>Null cells: empty, white space only, or (unless tokens are data) a null token.</summary>
    public long Blanks { get; private set; }

    /// <summary>Null tokens among <see cref="Blanks"/> ("N/A", "-", "NaN"): nulls written as text.</summary>
    public long NullTokens { get; private set; }

    public long NonNull => Rows - Blanks;

    public long Numbers { get; private set; }

    public long Wholes { get; private set; }

    /// <summary>
    /// Numbers in US thousands groups without a currency sign that cannot be a decimal comma ("42,866.56", "1,234,567";
    /// not "1,500"); counted apart from <see cref="Numbers"/>.
    /// </summary>
    public long GroupedNumbers { get; private set; }

    /// <summary>
    /// Numbers with thousands grouped by a space or an apostrophe and no decimal comma ("12 000", "1 234.56",
    /// "1'234.50": <see cref="ThousandsGroups"/>); counted apart from <see cref="Numbers"/> and <see cref="GroupedNumbers"/>
    /// (they say nothing of how the file writes "1,500").
    /// </summary>
    public long SpaceGroupedNumbers { get; private set; }

    /// <summary>Numbers of one comma group without a decimal ("1,500"): 1500 in US groups, 1.5 with a decimal comma.</summary>
    public long AmbiguousGroupedNumbers { get; private set; }

    /// <summary>Formatted numbers (thousands groups, a currency sign) with a fractional part; counted apart from <see cref="Numbers"/>.</summary>
    public long FormattedFractions { get; private set; }

    public long Dates { get; private set; }

    /// <summary>
    /// Dates with a clock time other than midnight and no UTC offset ("2024-04-30 13:30:00"): the column's dates are
    /// written with a time. A time with an offset is written with it anyway, and does not make the column's plain dates
    /// timestamps (they are no instants either way: "2014-11-18" beside "2014-10-24T06:51:15Z" stays a date).
    /// </summary>
    public long TimedDates { get; private set; }

    /// <summary>Cells written as plain integers (no decimal point or exponent).</summary>
    public long IntegerTexts { get; private set; }

    public long Booleans { get; private set; }

    /// <summary>Dates that can only be read day-first (13/04/2021).</summary>
    public long DayFirstDates { get; private set; }

    /// <summary>Dates that can only be read month-first (04/13/2021).</summary>
    public long MonthFirstDates { get; private set; }

    /// <summary>Numbers written d{1,3}(.ddd)+ ("1.234", "12.000"): decimals, or thousands in a decimal-comma file.</summary>
    public long DotGroupedNumbers { get; private set; }

    /// <summary>Numbers with a '.' that can only be a decimal point ("1.5", "3.14159").</summary>
    public long PointDecimals { get; private set; }

    /// <summary>Non-numbers that are numbers in decimal-comma notation ("0,5", "1.234,56", "1.000.000"; <see cref="CommaNotation"/>).</summary>
    public long CommaNumbers { get; private set; }

    /// <summary>Those whose comma can only be a decimal comma ("0,5", not "1,234").</summary>
    public long CommaDecimals { get; private set; }

    /// <summary>Those that are not whole ("12,50").</summary>
    public long CommaFractions { get; private set; }

    /// <summary>Values in US thousands groups ("1,200", "12,500.50") or in space groups before a '.' ("1 234.56").</summary>
    public long CommaGrouped { get; private set; }

    /// <summary>What the column's values say about number notation.</summary>
    public NotationCounts Notation => new(NonNull, Numbers, DotGroupedNumbers, PointDecimals, CommaNumbers, CommaDecimals, CommaGrouped);

    /// <summary>Dates that give another date read the other way round (01/02/2021).</summary>
    public long AmbiguousOrderDates { get; private set; }

    /// <summary>Numeric dates written d.M.yyyy ("01.04.2024"), which are always read day-first.</summary>
    public long DottedDates { get; private set; }

    /// <summary>What the column's numeric dates say about their order (<see cref="DateOrderCounts"/>).</summary>
    public DateOrderCounts DateOrders => new(DayFirstDates, MonthFirstDates, AmbiguousOrderDates, DottedDates);

    /// <summary>The order the column's numeric dates were read in, for reports (<see cref="DateOrderCounts.OrderRead"/>): null when no order was read.</summary>
    public string? DateOrderRead => DateOrders.OrderRead;

    /// <summary>"day_first" when the column's x/y/yyyy dates were read month-first beside dotted dates (<see cref="DateOrderCounts.DottedOrder"/>).</summary>
    public string? DottedDateOrder => DateOrders.DottedOrder;

    /// <summary>True when the column's dates are day-first: some can only be read so and none only month-first.</summary>
    public bool DayFirst => DateOrders.DayFirst;

    /// <summary>Numbers written with a leading zero ("02134", "007": <see cref="LeadingZeros"/>): an identifier's digits, not a measure.</summary>
    public long LeadingZeroNumbers { get; private set; }

    /// <summary>Accounting negatives ("(75.25)", "(1,200.00)"), read by type-fixer as negative numbers.</summary>
    public long AccountingNegatives { get; private set; }

    /// <summary>Numbers written with white space around them (" 10 ").</summary>
    public long PaddedNumbers { get; private set; }

    /// <summary>
    /// Every numeric value (in row order, unless cells were removed or changed since), or null when a non-blank cell is
    /// not a number or a non-numeric value was seen without keepPastText (always null without keepValues).
    /// </summary>
    public IReadOnlyList<double>? Values => Numbers == NonNull && _values is not null ? Materialized() : null;

    /// <summary>True when the column has values and all of them are numbers.</summary>
    public bool IsNumeric => NonNull > 0 && Numbers == NonNull;

    /// <summary>
    /// True for a column of numbers that are quantities: numeric, and no value written with a leading zero, whose digits
    /// are an identifier's (<see cref="LeadingZeros"/>: "02134"; type-fixer keeps such a column text, as the profiler types it).
    /// </summary>
    public bool IsNumberColumn => IsNumeric && !LeadingZeros.MakeColumnText(LeadingZeroNumbers);

    public string InferredType => TypeInference.InferType(NonNull, Wholes, Numbers, Booleans, Dates);

    public double NumericPct => NonNull == 0 ? 0 : 100.0 * Numbers / NonNull;

    /// <summary>
    /// The share of values that are numbers as type-fixer reads them to make a column numeric: plain, or in strict US
    /// thousands groups ("42,866.56": a column of such amounts is as numeric as one of "42866.56"), and "1,500" too when
    /// <paramref name="usGroupsFile"/> (the file writes US groups elsewhere, so a single group is a thousands group there,
    /// not a decimal comma), and accounting negatives ("(75.25)"). A currency sign is not counted: a column of "$9.99" and "€9.99" would lose what the sign says.
    /// </summary>
    public double ReadableNumberPctIn(bool usGroupsFile) =>
        NonNull == 0 ? 0 : 100.0 * ReadableNumbersIn(usGroupsFile) / NonNull;

    /// <summary>The numbers <see cref="ReadableNumberPctIn"/> counts.</summary>
    public long ReadableNumbersIn(bool usGroupsFile) =>
        Numbers + GroupedNumbers + SpaceGroupedNumbers + AccountingNegatives + (usGroupsFile ? AmbiguousGroupedNumbers : 0);

    public double DatePct => NonNull == 0 ? 0 : 100.0 * Dates / NonNull;

    public double NullPct => Rows == 0 ? 0 : 100.0 * Blanks / Rows;

    public void Add(string value) => Count(value, 1);

    /// <summary>
    /// Takes back a value counted before: the stats become those of the column without it (a changed or removed cell).
    /// Only for stats that keep every number (keepPastText) or none, so that a removed number leaves the values too.
    /// </summary>
    public void Remove(string value)
    {
        if (!CanTakeBack)
        {
            throw new InvalidOperationException($"The stats of '{Name}' keep numbers only while the column is numeric; they cannot take a value back.");
        }

        Count(value, -1);
    }

    /// <summary>
    /// As <see cref="Remove(string)"/>, for a value counted with null tokens read as <paramref name="tokensWereNull"/> says
    /// (a copy that reads them otherwise than the stats it copies: <see cref="CopyAt(int, bool?)"/>).
    /// </summary>
    public void Remove(string value, bool tokensWereNull)
    {
        bool now = _tokensAreNull;
        _tokensAreNull = tokensWereNull;
        try
        {
            Remove(value);
        }
        finally
        {
            _tokensAreNull = now;
        }
    }

    /// <summary>A copy at position <paramref name="index"/>, for a file that changes some cells of this one (stats that <see cref="CanTakeBack"/> only).</summary>
    /// <remarks>
    /// With <paramref name="tokensAreNull"/> the copy reads null tokens so from now on; the values counted before keep the
    /// rule they were counted with, so whoever follows changes takes them back with it (<see cref="Remove(string, bool)"/>).
    /// </remarks>
    public ColumnStats CopyAt(int index, bool? tokensAreNull = null)
    {
        if (!CanTakeBack)
        {
            throw new InvalidOperationException($"The stats of '{Name}' keep numbers only while the column is numeric; a copy could not follow changes.");
        }

        var copy = (ColumnStats)MemberwiseClone();
        copy.Index = index;
        copy._tokensAreNull = tokensAreNull ?? _tokensAreNull;
        copy._values = _values is null ? null : Materialized();
        copy._shared = true;
        _shared = _values is not null; // the list is both's now: neither adds to it
        copy._removed = null;
        copy._added = null;
        return copy;
    }

    private void Count(string value, int sign)
    {
        Rows += sign;
        if (CellValues.IsBlank(value))
        {
            Blanks += sign;
            return;
        }

        if (CellValues.TryNumber(value, out double number))
        {
            Numbers += sign;
            Wholes += Math.Floor(number) == number ? sign : 0;
            IntegerTexts += long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? sign : 0;
            var digits = value.AsSpan().Trim();
            LeadingZeroNumbers += LeadingZeros.IsWritten(digits) ? sign : 0;
            PaddedNumbers += digits.Length != value.Length ? sign : 0;
            if (digits.Contains('.'))
            {
                bool grouped = CommaNotation.IsDotGrouped(digits);
                DotGroupedNumbers += grouped ? sign : 0;
                PointDecimals += grouped ? 0 : sign;
            }

            KeepValue(number, sign);
        }
        else if (_tokensAreNull && CellValues.IsNullToken(value.AsSpan()))
        {
            // Never a number ("NaN" is not finite), so only text reaches this check.
            Blanks += sign;
            NullTokens += sign;
        }
        else
        {
            if (!_keepPastText)
            {
                _values = null;
            }

            // A number only a reader sees ("1,234.50", "$9.99"): type-fixer converts it, so the column is a float if it has
            // cents. Only a cell with a comma or a currency sign can be one (one vectorised search for the rest).
            if (CellValues.MayBeFormattedNumber(value))
            {
                bool grouped = CellValues.TryGroupedNumber(value, out double formatted);
                bool certain = grouped && CannotBeADecimalComma(value);
                GroupedNumbers += certain ? sign : 0;
                AmbiguousGroupedNumbers += grouped && !certain ? sign : 0;
                if ((grouped || CellValues.TryCurrencyNumber(value, out formatted)) && Math.Floor(formatted) != formatted)
                {
                    FormattedFractions += sign;
                }
            }

            // "12 000", "1 234.56", "1'234.50": read as type-fixer reads a column of decimal points ("1 234,56" is
            // counted with the decimal commas below).
            if (ThousandsGroups.TryRead(value, out var groups) && groups.FitsDecimalPoint && NumberText.TryParse(groups.Plain, out double spaced))
            {
                SpaceGroupedNumbers += sign;
                FormattedFractions += Math.Floor(spaced) != spaced ? sign : 0;
            }

            // As for a plain amount, one with a currency sign ("($9.50)") is converted but not counted.
            if (value.AsSpan().TrimStart().StartsWith('(') && !CellValues.HasCurrencySign(value) && CellValues.TryAccountingNegative(value, out double negative))
            {
                AccountingNegatives += sign;
                FormattedFractions += Math.Floor(negative) != negative ? sign : 0;
            }

            if (CommaNotation.MayBeOne(value))
            {
                CountCommaNotation(value, sign);
            }
            else if (!CellValues.HasCurrencySign(value) && CellValues.TryParenthesized(value, out var inner) && CommaNotation.MayBeOne(inner)
                && !CellValues.TryAccountingNegative(value, out _) && CellValues.TryCommaAccountingNegative(value, out _))
            {
                // An accounting negative with a decimal comma ("(100,00)", "(1.234,56)") is a decimal-comma number of
                // the column, as type-fixer converts it: a ledger column of them is not a text column in such a file.
                CountCommaNotation(inner.ToString(), sign);
            }

            Booleans += PatternValidators.IsBoolean(value) ? sign : 0;
            if (DateValues.TryParse(value, out var date))
            {
                Dates += sign;
                TimedDates += date.TimeOfDay != TimeSpan.Zero && !DateValues.WritesOffset(value) ? sign : 0;
                var order = DateValues.OrderOf(value);
                DayFirstDates += order == DateOrder.DayFirst ? sign : 0;
                MonthFirstDates += order == DateOrder.MonthFirst ? sign : 0;
                AmbiguousOrderDates += order == DateOrder.Ambiguous ? sign : 0;
                DottedDates += DateValues.IsDotted(value) ? sign : 0;
            }
        }
    }

    // "42,866.56" or "1,234,567": US groups for certain; "1,500" alone could be 1.5 written with a decimal comma.
    private static bool CannotBeADecimalComma(string grouped) => grouped.Contains('.') || grouped.IndexOf(',') != grouped.LastIndexOf(',');

    private void KeepValue(double number, int sign)
    {
        if (_values is null)
        {
            return;
        }

        if (sign > 0)
        {
            (_shared ? _added ??= [] : _values).Add(number);
            return;
        }

        _removed ??= [];
        long bits = BitConverter.DoubleToInt64Bits(number);
        _removed[bits] = _removed.GetValueOrDefault(bits) + 1;
    }

    // _values without the values taken back, each removed once (the first occurrence: the multiset is what counts),
    // and with those added to a copy.
    private List<double> Materialized()
    {
        if (_removed is not { Count: > 0 } && _added is null)
        {
            return _values!;
        }

        // Worked on a copy: a failed check leaves the stats as they were, so a second read fails the same way.
        var removed = _removed is null ? [] : new Dictionary<long, int>(_removed);
        var kept = new List<double>(Math.Max(0, _values!.Count + (_added?.Count ?? 0) - removed.Values.Sum()));
        foreach (double v in _added is null ? _values : _values.Concat(_added))
        {
            long bits = BitConverter.DoubleToInt64Bits(v);
            if (removed.TryGetValue(bits, out int n))
            {
                if (n == 1)
                {
                    removed.Remove(bits);
                }
                else
                {
                    removed[bits] = n - 1;
                }

                continue;
            }

            kept.Add(v);
        }

        if (removed.Count > 0)
        {
            throw new InvalidOperationException($"The stats of '{Name}' took back {removed.Values.Sum()} number(s) they never counted.");
        }

        (_values, _added, _removed, _shared) = (kept, null, null, false);
        return kept;
    }

    private List<double>? KeptNumbers() => _values is null ? null : Materialized();

    /// <summary>The first figure in which these stats differ from <paramref name="other"/>'s (values compared as sorted multisets), or null.</summary>
    public string? Difference(ColumnStats other)
    {
        (string Name, long Mine, long Theirs)[] counts =
        [
            (nameof(Rows), Rows, other.Rows), (nameof(Blanks), Blanks, other.Blanks), (nameof(Numbers), Numbers, other.Numbers),
            (nameof(Wholes), Wholes, other.Wholes), (nameof(FormattedFractions), FormattedFractions, other.FormattedFractions),
            (nameof(GroupedNumbers), GroupedNumbers, other.GroupedNumbers), (nameof(TimedDates), TimedDates, other.TimedDates),
            (nameof(AmbiguousGroupedNumbers), AmbiguousGroupedNumbers, other.AmbiguousGroupedNumbers),
            (nameof(SpaceGroupedNumbers), SpaceGroupedNumbers, other.SpaceGroupedNumbers),
            (nameof(Dates), Dates, other.Dates), (nameof(IntegerTexts), IntegerTexts, other.IntegerTexts), (nameof(Booleans), Booleans, other.Booleans),
            (nameof(DayFirstDates), DayFirstDates, other.DayFirstDates), (nameof(MonthFirstDates), MonthFirstDates, other.MonthFirstDates),
            (nameof(DotGroupedNumbers), DotGroupedNumbers, other.DotGroupedNumbers), (nameof(PointDecimals), PointDecimals, other.PointDecimals),
            (nameof(CommaNumbers), CommaNumbers, other.CommaNumbers), (nameof(CommaDecimals), CommaDecimals, other.CommaDecimals),
            (nameof(CommaFractions), CommaFractions, other.CommaFractions), (nameof(CommaGrouped), CommaGrouped, other.CommaGrouped),
            (nameof(AmbiguousOrderDates), AmbiguousOrderDates, other.AmbiguousOrderDates), (nameof(DottedDates), DottedDates, other.DottedDates),
            (nameof(LeadingZeroNumbers), LeadingZeroNumbers, other.LeadingZeroNumbers), (nameof(NullTokens), NullTokens, other.NullTokens),
            (nameof(AccountingNegatives), AccountingNegatives, other.AccountingNegatives), (nameof(PaddedNumbers), PaddedNumbers, other.PaddedNumbers),
        ];
        foreach (var (figure, mine, theirs) in counts.Where(c => c.Mine != c.Theirs))
        {
            return $"'{Name}' {figure}: {mine} against {theirs}";
        }

        if (Name != other.Name || Index != other.Index)
        {
            return $"'{Name}' at {Index} against '{other.Name}' at {other.Index}";
        }

        // Stats that keep every number are compared on all of them, numeric column or not.
        var (a, b) = _keepPastText && other._keepPastText ? (KeptNumbers(), other.KeptNumbers()) : (Values, other.Values);
        if (a is null != b is null)
        {
            return $"'{Name}' values {(a is null ? "lost" : "kept")} against {(b is null ? "lost" : "kept")}";
        }

        if (a is not null && !a.Order().SequenceEqual(b!.Order()))
        {
            return $"'{Name}' values differ";
        }

        return null;
    }

    // "1,200" (US groups) or "1 234.56" (space groups before a point), or a number with a decimal comma ("0,5", "1.234,56", "1 234,56").
    private void CountCommaNotation(string value, int sign)
    {
        if ((value.Contains(',') && CommaNotation.IsCommaGrouped(value)) || CommaNotation.IsGroupedPointDecimal(value))
        {
            CommaGrouped += sign;
        }
        else if (CommaNotation.TryParse(value, out double comma))
        {
            CommaNumbers += sign;
            CommaDecimals += CommaNotation.IsUnambiguousDecimal(value) ? sign : 0;
            CommaFractions += Math.Floor(comma) != comma ? sign : 0;
        }
    }

    /// <summary>The stats of the context's current file: those handed over by the agent that wrote it, else gathered in one pass.</summary>
    public static (IReadOnlyList<string> Columns, ColumnStats[] Stats, long Rows) Of(CleanAgentContext context, CancellationToken ct, bool keepValues = true) =>
        context.CurrentProfile is { } profile ? (profile.Columns, profile.Stats, profile.Rows) : Gather(context.Current, ct, keepValues);

    /// <summary>Gathers the stats of every column of <paramref name="file"/> in one pass; <paramref name="keepValues"/> false keeps only counts.</summary>
    public static (IReadOnlyList<string> Columns, ColumnStats[] Stats, long Rows) Gather(InputFile file, CancellationToken ct, bool keepValues = true)
    {
        using var scan = RowScan.Open(file);
        var stats = scan.Columns.Select((c, i) => new ColumnStats(c, i, keepValues)).ToArray();
        long rows = 0;
        foreach (var (_, fields) in scan.Rows(ct))
        {
            rows++;
            for (int i = 0; i < stats.Length; i++)
            {
                stats[i].Add(fields[i]);
            }
        }

        return ([.. scan.Columns], stats, rows);
    }
}
