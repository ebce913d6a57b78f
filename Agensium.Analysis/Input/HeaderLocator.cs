namespace Agensium.Analysis.Input;

/// <summary>
/// Finds the delimiter and the header line of a CSV from its first bytes. The header is the first non-blank line, unless
/// that line is a title above the table, as spreadsheet exports often have ("Sales report Q1 2024", a blank line, then
/// the header): a line of words with at most one field filled (a workbook's merged title reads "Title,,,"), or a labelled
/// note of two fields ("Generated:,2024-01-01"), followed by a line
/// naming several columns (at most a third of its fields empty: a report's spacer column, empty in the rows below too,
/// or, under a title line with no delimiter in it above rows of figures, a column the header leaves unnamed, as
/// pandas' index column), whose field count the rows after it repeat.
/// Such title lines (at most <see cref="MaxTitleLines"/>) are skipped and named, so the table is read under its real
/// header instead of as one column named after the title with every other field dropped.
/// The delimiter is the header's most frequent candidate, unless the rows below do not follow the field count it gives
/// and another candidate of the header gives a count they do follow (<c>Kunde;Betrag (EUR, netto)</c> above
/// <c>Müller;12,50</c>: semicolons).
/// </summary>
public static class HeaderLocator
{
    /// <summary>Most lines above the header that are taken for a title.</summary>
    public const int MaxTitleLines = 10;

    /// <summary>Rows after a header candidate that must mostly agree with its field count.</summary>
    public const int MinAgreeingRows = 2;

    private const int SampleRecords = 60;

    private const double Agreement = 0.8;

    /// <summary>
    /// The delimiter and the number of non-blank lines (records) before the header. <paramref name="complete"/> says
    /// that <paramref name="prefix"/> is the whole file (otherwise its last record may be cut and is not used).
    /// </summary>
    /// <param name="prefix">The file's first characters (after comment lines and a "sep=" line).</param>
    /// <param name="complete">Whether <paramref name="prefix"/> is the whole file.</param>
    /// <param name="preferred">A delimiter that wins whenever the header holds it (tab for a .tsv name); null for none.</param>
    /// <param name="fromWorkbook">
    /// The text is a workbook's sheet written as CSV, where a cell is never split at a delimiter (one holding a comma is
    /// quoted): a line with one cell filled above a table is its title, whether or not it is words and the rows figures.
    /// </param>
    public static HeaderLocation Locate(ReadOnlySpan<char> prefix, bool complete, char? preferred, bool fromWorkbook = false)
    {
        var location = Find(prefix, complete, preferred, fromWorkbook, out var records);
        // A sheet's cell holding a ';' is one value, never a row a delimiter failed to split.
        return fromWorkbook ? location : location with { UnsplitRows = FindUnsplitRows(prefix, records, location) };
    }

    /// <summary>The header line: the first non-blank record of <paramref name="prefix"/> after the title lines; null when the prefix holds none.</summary>
    internal static string? HeaderText(ReadOnlySpan<char> prefix, bool complete, int titleLines)
    {
        var records = Records(prefix, complete);
        return titleLines < records.Count ? Text(prefix, records[titleLines]).ToString() : null;
    }

    /// <summary>The delimiter a workbook's sheet is written with (<see cref="XlsxToCsv"/>).</summary>
    private const char Workbook = ',';

    private static HeaderLocation Find(ReadOnlySpan<char> prefix, bool complete, char? preferred, bool fromWorkbook, out List<Range> records)
    {
        records = Records(prefix, complete);
        if (records.Count == 0)
        {
            return new HeaderLocation(fromWorkbook ? Workbook : DelimiterDetector.Detect(prefix, preferred), []);
        }

        char first = DelimiterOf(prefix, records, 0, preferred, fromWorkbook);
        if (!fromWorkbook && Fields(Text(prefix, records[0]), first) == 1 && NotInRows(prefix, records, preferred) is { } absent)
        {
            // A header of one name ("wert", "name", no delimiter in it): one column. A delimiter found in its rows would
            // split their values ("1,5", "Smith, Alice") into fields the header does not have; one the rows do not hold
            // cannot. (A one-word title above a table of figures is found below, with the table's own delimiter.)
            first = absent;
        }
        if (Filled(Text(prefix, records[0]), first) > 1 && !IsLabelledNote(Text(prefix, records[0]), first))
        {
            return new HeaderLocation(first, []);
        }

        // A sheet's rows under a one-cell title need no second row to agree: its cells are never split or joined at a
        // delimiter, so a title, a header and one row are what they look like (the title was read as the header).
        int minRows = fromWorkbook ? 1 : MinAgreeingRows;
        for (int k = 1; k <= MaxTitleLines && k + minRows < records.Count; k++)
        {
            var candidate = Text(prefix, records[k]);
            char delimiter = DelimiterOf(prefix, records, k, preferred, fromWorkbook);
            int width = Fields(candidate, delimiter);
            int filled = Filled(candidate, delimiter);
            if (filled < 2 || IsLabelledNote(candidate, delimiter))
            {
                continue;
            }

            bool numbersBelow = NumbersBelow(prefix, records, k, delimiter);
            if ((filled < width && !SpacersBelow(prefix, records, k, delimiter) && !UnnamedColumns(prefix, records, k, delimiter, numbersBelow))
                || (HasNumber(candidate, delimiter) && !YearsBesideWords(candidate, delimiter)))
            {
                // A header names its columns, in words (an empty spacer column or two of a report sheet aside: at most a
                // third of the fields empty, each empty in the rows below too; or a column or two left unnamed under a
                // title; years beside words, as a sheet of figures by year has: "region,2023,2024"); a line with other
                // gaps, or with other numbers, is no proof the lines above were a title.
                return new HeaderLocation(first, []);
            }

            if (TitlesAbove(prefix, records, k, delimiter, numbersBelow || fromWorkbook) && RowsAgree(prefix, records, k, delimiter, width, complete, minRows))
            {
                var titles = new string[k];
                for (int i = 0; i < k; i++)
                {
                    titles[i] = TitleText(Text(prefix, records[i]), delimiter);
                }

                return new HeaderLocation(delimiter, titles);
            }

            // A line with several fields that the rows do not follow is not a header either: stop looking.
            return new HeaderLocation(first, []);
        }

        return new HeaderLocation(first, []);
    }

    // The delimiter of a header candidate at records[k]. A workbook's sheet is written with commas, a cell holding one
    // quoted: its cells are never joined into one field (a title above the table is no reason to read "ann,paris,10" as
    // one value), nor split at a semicolon or a tab a cell holds.
    private static char DelimiterOf(ReadOnlySpan<char> prefix, List<Range> records, int k, char? preferred, bool fromWorkbook) => fromWorkbook
        ? Workbook
        : Consistent(prefix, records, k, DelimiterDetector.Detect(Text(prefix, records[k]), preferred), preferred);

    // The header's empty fields are columns it leaves unnamed (pandas writes its index column so: ",id,name,amount"), not a
    // data row's missing values, when they are at most a third of its fields, the rows below hold figures under the
    // header's words, and every line above holds one filled field at most (a title, padded with delimiters or not) or is
    // a labelled note; the header itself is words, so "Customer name,," above "Alice,,12" stays a header and a row.
    private static bool UnnamedColumns(ReadOnlySpan<char> prefix, List<Range> records, int header, char delimiter, bool numbersBelow)
    {
        var candidate = Text(prefix, records[header]);
        if (!numbersBelow || 3 * (Fields(candidate, delimiter) - Filled(candidate, delimiter)) > Fields(candidate, delimiter))
        {
            return false;
        }

        for (int i = 0; i < header; i++)
        {
            // One field filled (a title, "Sales report Q1 2024" or padded by a spreadsheet: "Sales report Q1 2024,,"),
            // or a labelled note ("Generated:,2024-01-01,,"): never a row of the table.
            var line = Text(prefix, records[i]);
            if (Filled(line, delimiter) > 1 && !IsLabelledNote(line, delimiter))
            {
                return false;
            }
        }

        return true;
    }

    // The delimiter of the header at records[header]: the one it holds most (chosen), unless the rows below mostly do not
    // repeat the field count it gives and another candidate that splits the header does. "Kunde;Betrag (EUR, netto,
    // inkl. Gebühren)" holds more commas, but its rows "Müller;12,50" have two ';' fields each, as the header has.
    private static char Consistent(ReadOnlySpan<char> prefix, List<Range> records, int header, char chosen, char? preferred)
    {
        var line = Text(prefix, records[header]);
        if (chosen == preferred || records.Count - header - 1 < MinAgreeingRows || Fields(line, chosen) == 1)
        {
            return chosen;
        }

        double best = Agreeing(prefix, records, header, chosen, Fields(line, chosen));
        if (best >= Agreement)
        {
            return Tied(prefix, records, header, chosen, best);
        }

        char result = chosen;
        foreach (char c in DelimiterDetector.Candidates)
        {
            int width = Fields(line, c);
            if (c != chosen && width > 1 && Agreeing(prefix, records, header, c, width) is var share && share >= Agreement && share > best)
            {
                (result, best) = (c, share);
            }
        }

        return result;
    }

    // Another candidate the header holds as often as the chosen one (chosen first on a tie: "name, first;city, state;zip"
    // has two commas and two semicolons) when the rows below follow it more closely, or as closely while the chosen one
    // is always followed by a space in the header and it is not: a comma written ", " is the comma of a name ("name,
    // first"), a delimiter is written bare. When the header writes both alike, the rows decide: the delimiter that leaves
    // fewer fields holding the other one, numbers aside ("Kunde;Umsatz,netto" above "Müller;12,50": split at ';' the
    // rows are "Müller" and the number 12,50; split at ',' each row leaves "Müller;12", the other cut in two).
    private static char Tied(ReadOnlySpan<char> prefix, List<Range> records, int header, char chosen, double agreement)
    {
        var line = Text(prefix, records[header]);
        int width = Fields(line, chosen);
        bool chosenSpaced = Spaced(prefix, records, header, chosen);
        foreach (char c in DelimiterDetector.Candidates)
        {
            if (c == chosen || Fields(line, c) != width)
            {
                continue;
            }

            double share = Agreeing(prefix, records, header, c, width);
            if (share > agreement)
            {
                return c;
            }

            bool spaced = Spaced(prefix, records, header, c);
            if (share == agreement && ((chosenSpaced && !spaced)
                || (chosenSpaced == spaced && CutFields(prefix, records, header, c, chosen) < CutFields(prefix, records, header, chosen, c))))
            {
                return c;
            }
        }

        return chosen;
    }

    // How many fields of the sampled rows below records[header], split at delimiter, hold other outside quotes and are
    // no number (a decimal comma or thousands groups are: "12,50", "1.234,56"; "Müller;12" is a row cut apart).
    private static int CutFields(ReadOnlySpan<char> prefix, List<Range> records, int header, char delimiter, char other)
    {
        int cut = 0;
        for (int i = header + 1; i < records.Count; i++)
        {
            var record = Text(prefix, records[i]);
            bool inQuotes = false;
            bool holdsOther = false;
            int start = 0;
            for (int at = 0; at <= record.Length; at++)
            {
                char c = at < record.Length ? record[at] : delimiter;
                if (c == '"' && at < record.Length)
                {
                    inQuotes = !inQuotes;
                }
                else if (c == delimiter && (!inQuotes || at == record.Length))
                {
                    var field = record[start..at].Trim();
                    cut += holdsOther && !Common.NumberText.TryParse(field, out _) && !Clean.CommaNotation.TryParse(field, out _) ? 1 : 0;
                    holdsOther = false;
                    start = at + 1;
                }
                else
                {
                    holdsOther |= c == other && !inQuotes;
                }
            }
        }

        return cut;
    }

    // Whether every occurrence of delimiter outside quotes in the header is followed by a space. The header only: the rows
    // of a ';' file are full of bare decimal commas ("Müller, Hans;12,50"), which said nothing of the header's commas.
    private static bool Spaced(ReadOnlySpan<char> prefix, List<Range> records, int header, char delimiter)
    {
        bool any = false;
        for (int r = header; r <= header; r++)
        {
            var record = Text(prefix, records[r]);
            bool inQuotes = false;
            for (int i = 0; i < record.Length; i++)
            {
                if (record[i] == '"')
                {
                    inQuotes = !inQuotes;
                }
                else if (record[i] == delimiter && !inQuotes)
                {
                    if (i + 1 >= record.Length || record[i + 1] != ' ')
                    {
                        return false;
                    }

                    any = true;
                }
            }
        }

        return any;
    }

    // The share of the sampled rows below records[header] that have width fields.
    private static double Agreeing(ReadOnlySpan<char> prefix, List<Range> records, int header, char delimiter, int width)
    {
        int rows = 0;
        int agreeing = 0;
        for (int i = header + 1; i < records.Count; i++)
        {
            rows++;
            agreeing += Fields(Text(prefix, records[i]), delimiter) == width ? 1 : 0;
        }

        return rows == 0 ? 0 : (double)agreeing / rows;
    }

    // A table read as one column (a header of one field) whose sampled rows all hold one other candidate the same number
    // of times, outside quotes: the fields it would split them into, with that candidate; null otherwise. Said in an alert,
    // so a table under a title or a one-name header that was not recognised is not read as one column silently.
    private static UnsplitRows? FindUnsplitRows(ReadOnlySpan<char> prefix, List<Range> records, HeaderLocation location)
    {
        int header = location.TitleLines.Count;
        if (records.Count - header - 1 < MinAgreeingRows || Fields(Text(prefix, records[header]), location.Delimiter) > 1)
        {
            return null;
        }

        foreach (char c in DelimiterDetector.Candidates)
        {
            int width = Fields(Text(prefix, records[header + 1]), c);
            if (c != location.Delimiter && width > 1 && Agreeing(prefix, records, header, c, width) == 1
                && !(c == ',' && AllDecimalCommas(prefix, records, header)))
            {
                return new UnsplitRows(c, width);
            }
        }

        return null;
    }

    // Whether every sampled row below the header is one number with a decimal comma ("1,5" under "wert"): one column.
    private static bool AllDecimalCommas(ReadOnlySpan<char> prefix, List<Range> records, int header)
    {
        for (int i = header + 1; i < records.Count; i++)
        {
            var row = Text(prefix, records[i]).Trim().TrimStart('-');
            int comma = row.IndexOf(',');
            if (comma < 1 || comma == row.Length - 1 || row[..comma].ContainsAnyExceptInRange('0', '9') || row[(comma + 1)..].ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }
        }

        return true;
    }

    // A title line as written, except that a single quoted field ("Customer list, March" from a workbook) is shown unquoted.
    private static string TitleText(ReadOnlySpan<char> line, char delimiter)
    {
        var field = line.TrimEnd().TrimEnd(delimiter);
        return field.Length >= 2 && field[0] == '"' && field[^1] == '"' && Fields(field, delimiter) == 1
            ? field[1..^1].ToString().Replace("\"\"", "\"", StringComparison.Ordinal)
            : line.ToString();
    }

    // A single word ("Customers", "Report") is a title too when the rows under the header candidate hold numbers, which
    // a line of names does not: a table under it, not a one-column file of "Smith, Alice" or "red;blue" values.
    private static bool TitlesAbove(ReadOnlySpan<char> prefix, List<Range> records, int header, char delimiter, bool numbersBelow)
    {
        for (int i = 0; i < header; i++)
        {
            var line = Text(prefix, records[i]);
            int filled = Filled(line, delimiter);
            if ((filled > 1 && !IsLabelledNote(line, delimiter))
                || (filled == 1 && !LooksLikeATitle(line) && !numbersBelow && !(header == 1 && NamesBelowAWord(prefix, records, delimiter))))
            {
                return false;
            }
        }

        return true;
    }

    // A one-word first line ("Summary") with no candidate delimiter in it above a line that names columns: distinct names,
    // none a value of the rows below nor padded by a space after the delimiter ("Smith, Alice" is a value written last,
    // first), no value below in two places (a list's items move between places: "red,blue" above "blue,green"), and a
    // column below that repeats a value ("ok" twice under "status"), as a table's column does, or whose values are all
    // written in one shape the name above them is not ("Widget", "Gadget" under "product": ValueShape). The rows all
    // having the line's field count is no proof alone: the first items of a one-column list ("tags" above "red,green",
    // "blue,yellow") are as wide as the rest, and that list stays one column with its alert (read as a title, the
    // list's header went and its first row became the header).
    private static bool NamesBelowAWord(ReadOnlySpan<char> prefix, List<Range> records, char delimiter)
    {
        var title = Text(prefix, records[0]);
        foreach (char c in DelimiterDetector.Candidates)
        {
            if (Fields(title, c) > 1)
            {
                return false;
            }
        }

        var names = Values(Text(prefix, records[1]), delimiter);
        var distinct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in names)
        {
            if (name.Length == 0 || name.Trim().Length != name.Length || !distinct.Add(name))
            {
                return false;
            }
        }

        // Each value's column, or -1 once it was seen in two: a list's items move between places, a column's values do not.
        var columnOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        bool repeated = false;
        bool moved = false;
        // Each named column's shape of values below, how many there were, and whether two were written differently.
        var shapes = new ValueShape[names.Count];
        var shaped = new int[names.Count];
        var mixed = new bool[names.Count];
        for (int r = 2; r < records.Count; r++)
        {
            var values = Values(Text(prefix, records[r]), delimiter);
            for (int i = 0; i < values.Count; i++)
            {
                string value = values[i].Trim();
                if (value.Length == 0)
                {
                    continue;
                }

                if (distinct.Contains(value))
                {
                    return false;
                }

                if (i < names.Count)
                {
                    var shape = ValueShape.Of(value);
                    mixed[i] |= shaped[i] > 0 && shape != shapes[i];
                    shapes[i] = shape;
                    shaped[i]++;
                }

                if (!columnOf.TryGetValue(value, out int at))
                {
                    columnOf[value] = i;
                }
                else if (at == i)
                {
                    repeated = true;
                }
                else
                {
                    moved = true;
                }
            }
        }

        bool setApart = Enumerable.Range(0, names.Count)
            .Any(i => !mixed[i] && shaped[i] >= MinAgreeingRows && shapes[i] != ValueShape.Of(names[i]));
        return !moved && (repeated || setApart);
    }

    // The fields of one record, outside quotes split at delimiter, each without its surrounding quotes.
    private static List<string> Values(ReadOnlySpan<char> record, char delimiter)
    {
        var values = new List<string>();
        var field = new System.Text.StringBuilder();
        bool inQuotes = false;
        foreach (char c in record)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (c == delimiter && !inQuotes)
            {
                values.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        values.Add(field.ToString());
        return values;
    }

    // Whether a sampled row below the header candidate has a number in one of its fields, a decimal comma's too ("987,00"
    // in a ';' file: a German export's rows of figures were no figures, so its one-word title was not found).
    private static bool NumbersBelow(ReadOnlySpan<char> prefix, List<Range> records, int header, char delimiter)
    {
        for (int r = header + 1; r < records.Count && r <= header + SampleRecords; r++)
        {
            if (HasNumber(Text(prefix, records[r]), delimiter, commaDecimals: true))
            {
                return true;
            }
        }

        return false;
    }

    // A note of a label and its value in two fields, as exports write under a title: "Generated:,2024-01-01".
    private static bool IsLabelledNote(ReadOnlySpan<char> line, char delimiter)
    {
        if (Filled(line, delimiter) != 2)
        {
            return false;
        }

        int end = line.IndexOf(delimiter);
        var label = (end < 0 ? line : line[..end]).Trim().Trim('"').Trim();
        return label.Length > 1 && label[^1] == ':';
    }

    // A title or a note is words ("Sales report Q1 2024", "Date: 2024-01-01"); a single word ("tags", "Region") is
    // more likely the header of a one-column table whose values hold a ';' or '|'.
    private static bool LooksLikeATitle(ReadOnlySpan<char> line)
    {
        var text = line.Trim().TrimEnd(",;\t| ").Trim('"').Trim();
        return text.Contains(':') || (text.IndexOfAny(' ', '\t') is > 0 and var gap && gap < text.Length - 1);
    }

    // The header candidate's empty fields are spacer columns: at most a third of its fields, and each one empty in at
    // least 80% of the rows below (a data row with a missing value has its column filled in the other rows).
    private static bool SpacersBelow(ReadOnlySpan<char> prefix, List<Range> records, int header, char delimiter)
    {
        var names = FilledFields(Text(prefix, records[header]), delimiter);
        var gaps = Enumerable.Range(0, names.Count).Where(i => !names[i]).ToList();
        if (3 * gaps.Count > names.Count)
        {
            return false;
        }

        var filledBelow = new int[gaps.Count];
        int rows = 0;
        for (int i = header + 1; i < records.Count; i++)
        {
            rows++;
            var fields = FilledFields(Text(prefix, records[i]), delimiter);
            for (int g = 0; g < gaps.Count; g++)
            {
                filledBelow[g] += gaps[g] < fields.Count && fields[gaps[g]] ? 1 : 0;
            }
        }

        return filledBelow.All(f => f <= (1 - Agreement) * rows);
    }

    /// <summary>For each field of one record, whether it holds something other than white space.</summary>
    private static List<bool> FilledFields(ReadOnlySpan<char> record, char delimiter)
    {
        var filled = new List<bool>();
        bool inQuotes = false;
        bool content = false;
        foreach (char c in record)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
                content = true;
            }
            else if (c == delimiter && !inQuotes)
            {
                filled.Add(content);
                content = false;
            }
            else if (!char.IsWhiteSpace(c))
            {
                content = true;
            }
        }

        filled.Add(content);
        return filled;
    }

    // The rows below the header repeat its field count: at least 80% of them, or at least half of them (MinAgreeingRows
    // at least) while every other one is wider, none narrower: a total row with a remark beside it, notes right of some
    // rows, a value holding an unquoted delimiter ("Acme, Inc"): extra fields the reader sets aside and counts. A short
    // table under a title was otherwise read as one column named after the title for two rows' notes. Notes below the
    // table at the end of the file (TrailingNotes: "Generated by WMS 5.2") are no rows.
    private static bool RowsAgree(ReadOnlySpan<char> prefix, List<Range> records, int header, char delimiter, int width, bool complete, int minRows)
    {
        int end = records.Count;
        while (complete && end > header + 1 && records.Count - end < TrailingNotes.MaxLines && IsTrailingNote(Text(prefix, records[end - 1]), delimiter))
        {
            end--;
        }

        int rows = 0;
        int agreeing = 0;
        int narrower = 0;
        for (int i = header + 1; i < end; i++)
        {
            rows++;
            int fields = Fields(Text(prefix, records[i]), delimiter);
            agreeing += fields == width ? 1 : 0;
            narrower += fields < width ? 1 : 0;
        }

        return rows >= minRows
            && (agreeing >= Agreement * rows || (agreeing >= minRows && narrower == 0 && 2 * agreeing >= rows));
    }

    private static ReadOnlySpan<char> Text(ReadOnlySpan<char> prefix, Range record) => prefix[record];

    // A line of words without the delimiter or a quote, as the notes below a table are (TrailingNotes).
    private static bool IsTrailingNote(ReadOnlySpan<char> record, char delimiter) =>
        !record.ContainsAny(delimiter, '"') && TrailingNotes.IsNote(record);

    // The candidates least likely in free text first: a one-column file's rows hold commas and semicolons far more often.
    private static readonly char[] OneColumnDelimiters = ['\t', '|', ';', ','];

    // The first candidate (the preferred one first) that no sampled row holds outside quotes, or null when each occurs.
    private static char? NotInRows(ReadOnlySpan<char> prefix, List<Range> records, char? preferred)
    {
        Span<bool> seen = stackalloc bool[DelimiterDetector.Candidates.Length];
        for (int r = 1; r < records.Count && r <= SampleRecords; r++)
        {
            bool inQuotes = false;
            foreach (char c in Text(prefix, records[r]))
            {
                if (c == '"')
                {
                    inQuotes = !inQuotes;
                }
                else if (!inQuotes && DelimiterDetector.Candidates.IndexOf(c) is int k and >= 0)
                {
                    seen[k] = true;
                }
            }
        }

        if (preferred is { } p && DelimiterDetector.Candidates.IndexOf(p) is int pk and >= 0 && !seen[pk])
        {
            return p;
        }

        foreach (char c in OneColumnDelimiters)
        {
            if (!seen[DelimiterDetector.Candidates.IndexOf(c)])
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>Fields of one record holding something other than white space (a workbook's merged title is "Title,,,").</summary>
    internal static int Filled(ReadOnlySpan<char> record, char delimiter) => FilledFields(record, delimiter).Count(f => f);

    internal static bool HasNumber(ReadOnlySpan<char> record, char delimiter, bool commaDecimals = false)
    {
        foreach (var range in record.Split(delimiter))
        {
            var field = record[range].Trim().Trim('"');
            if (Common.NumberText.TryParse(field, out _) || (commaDecimals && Clean.CommaNotation.TryParse(field, out _)))
            {
                return true;
            }
        }

        return false;
    }

    // A header of figures by year: its numbers are all years (four digits, 1900–2099), and at least one field is words.
    private static bool YearsBesideWords(ReadOnlySpan<char> record, char delimiter)
    {
        bool words = false;
        foreach (var range in record.Split(delimiter))
        {
            var field = record[range].Trim().Trim('"').Trim();
            if (!Common.NumberText.TryParse(field, out double value))
            {
                words |= field.Length > 0;
            }
            else if (field.Length != 4 || field.ContainsAnyExceptInRange('0', '9') || value is < 1900 or > 2099)
            {
                return false;
            }
        }

        return words;
    }

    /// <summary>Fields of one record: delimiters outside double quotes, plus one.</summary>
    internal static int Fields(ReadOnlySpan<char> record, char delimiter)
    {
        int fields = 1;
        bool inQuotes = false;
        foreach (char c in record)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (c == delimiter && !inQuotes)
            {
                fields++;
            }
        }

        return fields;
    }

    /// <summary>The non-blank records of <paramref name="text"/> (a line end inside quotes is data), up to a sample's worth.</summary>
    private static List<Range> Records(ReadOnlySpan<char> text, bool complete)
    {
        var records = new List<Range>();
        bool inQuotes = false;
        int start = 0;
        for (int i = 0; i < text.Length && records.Count < SampleRecords; i++)
        {
            char c = text[i];
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c is '\r' or '\n')
            {
                if (i > start)
                {
                    records.Add(start..i);
                }

                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (complete && start < text.Length && records.Count < SampleRecords && !inQuotes)
        {
            records.Add(start..text.Length);
        }

        return records;
    }
}

/// <summary>Where a CSV's table starts: its delimiter, and the title lines above its header (none for most files).</summary>
/// <param name="Delimiter">The field delimiter.</param>
/// <param name="TitleLines">Non-blank lines above the header that were taken for a title, as written.</param>
public sealed record HeaderLocation(char Delimiter, IReadOnlyList<string> TitleLines)
{
    /// <summary>For a table read as one column whose sampled rows all hold another delimiter equally often: which, and how many fields it gives; else null.</summary>
    public UnsplitRows? UnsplitRows { get; init; }
}

