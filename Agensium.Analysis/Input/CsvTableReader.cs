using System.Text;
using Sylvan.Data.Csv;

namespace Agensium.Analysis.Input;

/// <summary>
/// Streams the data rows of a local CSV file: UTF-8 with or without BOM, delimiter auto-detected
/// (comma, semicolon, tab, pipe) unless a first line "sep=X" names it (Excel's hint, skipped), RFC 4180 quoting (fields may hold newlines).
/// Lines starting with '#' at the top of the file are comments (<see cref="LeadingComments"/>: skipped and listed in
/// <see cref="TitleLines"/>), except in a workbook's sheet, whose cells are never comments; below them such a line is data. Invalid UTF-8 or a NUL anywhere fails the read. The first non-blank row is the header,
/// unless it is a title above the table (<see cref="HeaderLocator"/>: skipped and named in <see cref="TitleLines"/>);
/// header names are made unique. Lines of words below the table without a delimiter or a quote (an export's footer,
/// "Total: 4 customers") are notes, left out and named in <see cref="TrailingLines"/>. Short rows read as nulls, extra fields are ignored; blank lines are skipped (a line holding only "" is a row with one empty field).
/// </summary>
public sealed class CsvTableReader : IDisposable
{
    /// <summary>
    /// The longest row (header included) read, in characters: 64 Mi, about 128 MB of buffer. A longer row (say a 1 GB file
    /// without a line break) fails with ROW_TOO_LARGE as soon as this much is read, never loading the rest.
    /// </summary>
    public const int MaxRowChars = 64 << 20;

    private readonly CsvDataReader _csv;
    private readonly string _displayName;
    private readonly Func<bool, string?> _badBytePlace;
    private readonly Func<long?> _errorLine;
    private readonly bool _fromWorkbook;
    private bool _pendingFirstRow;
    private int _rowFieldCount;

    private CsvTableReader(CsvDataReader csv, string displayName, SniffResult sniff, HeaderLocation location, IReadOnlyList<string> titleLines,
        Func<bool, string?> badBytePlace, Func<long?> errorLine, bool fromWorkbook)
    {
        _csv = csv;
        _displayName = displayName;
        _badBytePlace = badBytePlace;
        _errorLine = errorLine;
        _fromWorkbook = fromWorkbook;
        HasUtf8Bom = sniff.HasUtf8Bom;
        Delimiter = location.Delimiter;
        UnsplitRows = location.UnsplitRows;
        TitleLines = titleLines;
        Columns = [];
        HeaderRenames = [];
    }

    /// <summary>Lines above the header taken for a title and skipped (a spreadsheet export's "Sales report Q1"); empty for most files.</summary>
    public IReadOnlyList<string> TitleLines { get; }

    /// <summary>Lines below the table taken for notes and left out (an export's "Total: 4 customers"; <see cref="TrailingNotes"/>); empty for most files.</summary>
    public IReadOnlyList<string> TrailingLines { get; private init; } = [];

    /// <summary>Column names in file order, unique and non-empty.</summary>
    public IReadOnlyList<string> Columns { get; private set; }

    /// <summary>Header cells that were renamed (empty or duplicate names).</summary>
    public IReadOnlyList<HeaderRename> HeaderRenames { get; private set; }

    /// <summary>The detected field delimiter.</summary>
    public char Delimiter { get; }

    /// <summary>
    /// For a file read as one column (its header one field) whose sampled rows all hold another delimiter equally often:
    /// that delimiter and the fields it would give; null otherwise (see <see cref="HeaderLocator"/>).
    /// </summary>
    public UnsplitRows? UnsplitRows { get; }

    /// <summary>True when the file starts with a UTF-8 BOM.</summary>
    public bool HasUtf8Bom { get; }

    /// <summary>0-based index of the current data row (−1 before the first <see cref="Read"/>).</summary>
    public int RowIndex { get; private set; } = -1;

    /// <summary>Data rows read so far that had fewer fields than the header (padded with nulls).</summary>
    public long ShortRows { get; private set; }

    /// <summary>Data rows read so far that had more fields than the header (extra fields ignored).</summary>
    public long LongRows { get; private set; }

    /// <summary>Blank lines skipped so far.</summary>
    public long BlankLinesSkipped { get; private set; }

    /// <summary>Number of fields the current row really has, at most <see cref="Columns"/>.Count; later columns are missing (null).</summary>
    public int PresentFieldCount => Math.Min(_rowFieldCount, Columns.Count);

    /// <summary>Fields of the current row, extra ones (beyond the header) included.</summary>
    public int RowFieldCount => _rowFieldCount;

    /// <summary>Opens <paramref name="file"/> (named in errors as uploaded: a workbook's sheet by workbook and sheet).</summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE for an empty, binary, non-UTF-8, malformed or header-only file.</exception>
    public static CsvTableReader Open(InputFile file) => Open(file.Path, file.DisplayName, fromWorkbook: file.Sheet is not null, file.Sheet?.FooterRows);

    /// <summary>
    /// Opens <paramref name="path"/>, reads the header and checks that at least one data row follows.
    /// <paramref name="fromWorkbook"/> says the file is a workbook's sheet written as CSV (see <see cref="HeaderLocator.Locate"/>);
    /// <paramref name="sheetFooter"/> lists that sheet's rows left out at the table's foot (<see cref="SheetFooter"/>), as the trailing lines.
    /// </summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE for an empty, binary, non-UTF-8, malformed or header-only file.</exception>
    public static CsvTableReader Open(string path, string displayName, bool fromWorkbook = false, IReadOnlyList<string>? sheetFooter = null) =>
        Open(path, displayName, fromWorkbook, sheetFooter, tableEndAt: null);

    // tableEndAt: the table ends there, nothing below it is looked at (the rows above a CSV's totals row, summed).
    private static CsvTableReader Open(string path, string displayName, bool fromWorkbook, IReadOnlyList<string>? sheetFooter, long? tableEndAt)
    {
        var sniff = TextFileSniffer.Sniff(path, displayName);
        bool complete = new FileInfo(path).Length <= TextFileSniffer.SniffBytes;
        // Comment lines at the top, and an Excel "sep=" line with comment lines after it: all read off the stream below
        // before the parser wraps it. A workbook's sheet has no comment lines: "#" or "# of items" in A1 names a column.
        var (comments, skipChars, skipLines) = fromWorkbook ? ([], 0, 0) : LeadingComments.Find(sniff.Prefix, complete, displayName);
        // A workbook's sheet has no delimiter to name: a cell "sep=;" in A1 is a value (HeaderLocator reads it with commas).
        char? hint = fromWorkbook ? null : DelimiterDetector.SeparatorHint(sniff.Prefix.AsSpan(skipChars));
        if (hint is not null)
        {
            int sepEnd = LeadingComments.LineEnd(sniff.Prefix, skipChars);
            var (more, moreChars, moreLines) = LeadingComments.Find(sniff.Prefix[sepEnd..], complete, displayName);
            (comments, skipChars, skipLines) = ([.. comments, .. more], sepEnd + moreChars, skipLines + 1 + moreLines);
        }

        var prefix = sniff.Prefix.AsSpan(skipChars);
        char? preferred = displayName.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : null;
        var location = hint is { } named
            ? new HeaderLocation(named, [])
            : HeaderLocator.Locate(prefix, complete, preferred, fromWorkbook);
        char delimiter = location.Delimiter;
        // Notes below the table (an export's "Total: 4 customers"): left out of the stream, listed. A sheet's rows are
        // written with every delimiter, so its notes are rows as they were in the sheet.
        var (notes, tableEnd) = fromWorkbook
            ? (sheetFooter ?? [], long.MaxValue)
            : tableEndAt is { } end ? ([], end) : TrailingNotes.Find(path, delimiter, HeaderLocator.HeaderText(prefix, complete, location.TitleLines.Count));
        if (!fromWorkbook && tableEndAt is null && TotalsRowAbove(path, displayName, delimiter, tableEnd == long.MaxValue ? new FileInfo(path).Length : tableEnd) is { } totals)
        {
            (notes, tableEnd) = ([totals.Text, .. notes], totals.TableEnd);
        }

        // Invalid UTF-8 or a NUL anywhere in the file (the sniff saw only its start) fails the read, never becomes U+FFFD.
        Stream bytes = File.OpenRead(path);
        bytes = (notes.Count > 0 || tableEndAt is not null) && tableEnd < long.MaxValue ? new BoundedReadStream(bytes, tableEnd) : bytes;
        var stream = StrictText(bytes, sniff.HasUtf8Bom);
        var text = new LoneCarriageReturnReader(stream);
        var options = ParserOptions(delimiter);
        // Where the first bad byte (invalid UTF-8, or a NUL when nul) lies, for the message; looked up only on that error.
        Func<bool, string?> badBytePlace = nul => BadBytePlace.Describe(path, sniff.HasUtf8Bom, nul, skipLines, location.TitleLines.Count, options);
        // The line the record the parser refused starts on, for the message; looked up only on that error.
        Func<long?> errorLine = () => CsvErrorLine.Find(path, sniff.HasUtf8Bom, skipLines, options);
        CsvTableReader? table = null;
        try
        {
            try
            {
                for (int i = 0; i < skipLines; i++)
                {
                    stream.ReadLine();
                }
            }
            catch (DecoderFallbackException ex)
            {
                throw Unreadable(displayName, ex, 0, badBytePlace, errorLine, fromWorkbook);
            }

            CsvDataReader csv;
            try
            {
                csv = CsvDataReader.Create(text, options);
            }
            catch (Exception ex) when (ex is CsvFormatException or DecoderFallbackException or InvalidDataException)
            {
                throw Unreadable(displayName, ex, 0, badBytePlace, errorLine, fromWorkbook);
            }

            table = new CsvTableReader(csv, displayName, sniff, location, [.. comments, .. location.TitleLines], badBytePlace, errorLine, fromWorkbook) { TrailingLines = notes };
            table.ReadHeaderAndFirstRow(skipLines: location.TitleLines.Count);
            return table;
        }
        catch
        {
            if (table is null)
            {
                text.Dispose();
            }
            else
            {
                table.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// The text of <paramref name="bytes"/>, refusing invalid UTF-8 (DecoderFallbackException). A BOM is read off here:
    /// a StreamReader that detects one decodes with Encoding.UTF8, whose fallback replaces invalid bytes with U+FFFD, so
    /// a file with a BOM had its bad bytes past the sniffed start read as U+FFFD instead of refused.
    /// </summary>
    internal static StreamReader StrictText(Stream bytes, bool hasUtf8Bom)
    {
        if (hasUtf8Bom)
        {
            bytes.ReadExactly(stackalloc byte[3]);
        }

        return new StreamReader(bytes, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
    }

    private static CsvDataReaderOptions ParserOptions(char delimiter) => new()
    {
        HasHeaders = false,
        Delimiter = delimiter,
        BufferSize = 1 << 16,
        MaxBufferSize = MaxRowChars,
        OwnsReader = true,
        // Sylvan skips every line starting with '#' by default: data rows such as "#FF0000,red" were lost. Only the
        // comment lines above the header are skipped (LeadingComments, above); NUL, never in a row read, stands for none.
        Comment = '\0',
    };

    /// <summary>True for a blank line, which is no row; a line holding just "" (one empty field) is one: its raw text has the quotes.</summary>
    internal static bool IsBlankLine(CsvDataReader csv) =>
        csv.RowFieldCount <= 1 && csv.GetFieldSpan(0).IsEmpty && !csv.GetRawRecordSpan().Contains('"');

    // A totals row as the table's last line (CsvTotalsRow), confirmed by summing the rows above it; null when none.
    // A table with no data row above the candidate (header-only once it is cut) keeps it.
    private static CsvTotalsRow.Candidate? TotalsRowAbove(string path, string displayName, char delimiter, long tableEnd)
    {
        if (CsvTotalsRow.Find(path, delimiter, tableEnd) is not { } candidate)
        {
            return null;
        }

        // Decided once per file (TotalsRowVerdicts): every agent of a run opens the same file again.
        return TotalsRowVerdicts.Get(path, delimiter, candidate, () =>
        {
            try
            {
                using var above = Open(path, displayName, fromWorkbook: false, sheetFooter: null, tableEndAt: candidate.TableEnd);
                return CsvTotalsRow.Confirm(candidate, above, delimiter) ? candidate : null;
            }
            catch (AnalysisException)
            {
                return null; // nothing readable above it: it stays a row, and the full read says what is wrong
            }
        });
    }

    /// <summary>Advances to the next data row; false at the end of the file.</summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE when the CSV is malformed (e.g. an unterminated quote).</exception>
    public bool Read()
    {
        if (_pendingFirstRow)
        {
            _pendingFirstRow = false;
            RowIndex = 0;
            return true;
        }

        if (!ReadNonBlank())
        {
            return false;
        }

        RowIndex++;
        CountRagged();
        return true;
    }

    /// <summary>The raw text of a field of the current row; empty for a missing field (see <see cref="PresentFieldCount"/>).</summary>
    public ReadOnlySpan<char> GetField(int column) =>
        column < _rowFieldCount ? _csv.GetFieldSpan(column) : [];

    /// <inheritdoc/>
    public void Dispose() => _csv.Dispose();

    private void ReadHeaderAndFirstRow(int skipLines)
    {
        // Title lines have no delimiter (or one field filled), so each is one record (the "sep=" line and comment lines
        // were read off the stream before the parser saw it).
        for (int i = 0; i < skipLines; i++)
        {
            if (!ReadNonBlank())
            {
                throw new AnalysisException(AnalysisErrorCodes.InvalidInputFile, $"Input file '{_displayName}' cannot be read: the file is empty.");
            }
        }

        if (!ReadNonBlank())
        {
            throw new AnalysisException(AnalysisErrorCodes.InvalidInputFile, $"Input file '{_displayName}' cannot be read: the file is empty.");
        }

        var raw = new string[_rowFieldCount];
        for (int i = 0; i < raw.Length; i++)
        {
            raw[i] = _csv.GetString(i);
        }

        Columns = HeaderNames.MakeUnique(raw, out var renames);
        HeaderRenames = renames;
        if (!ReadNonBlank())
        {
            throw new AnalysisException(AnalysisErrorCodes.InvalidInputFile, $"Input file '{_displayName}' has a header but no data rows.");
        }

        CountRagged();
        _pendingFirstRow = true;
    }

    private bool ReadNonBlank()
    {
        try
        {
            while (_csv.Read())
            {
                _rowFieldCount = _csv.RowFieldCount;
                if (IsBlankLine(_csv))
                {
                    BlankLinesSkipped++;
                    continue;
                }

                return true;
            }
        }
        catch (Exception ex) when (ex is CsvFormatException or DecoderFallbackException or InvalidDataException)
        {
            throw Unreadable(_displayName, ex, RowIndex + 1, _badBytePlace, _errorLine, _fromWorkbook);
        }

        _rowFieldCount = 0;
        return false;
    }

    private void CountRagged()
    {
        if (_rowFieldCount < Columns.Count)
        {
            ShortRows++;
        }
        else if (_rowFieldCount > Columns.Count)
        {
            LongRows++;
        }
    }

    // What makes a row that long: in a text file, a missing line break or quote; in a workbook's sheet (whose rows the
    // conversion writes with their line breaks and quotes), a cell holding that much text or the row's cells together.
    // A text file's place is its line (CsvErrorLine: as an editor numbers them, from 1); a workbook's converted sheet has no
    // lines of the user's, so its place stays the parser's row.
    private static AnalysisException TooLarge(string displayName, CsvRecordTooLargeException ex, Func<long?> errorLine, bool fromWorkbook) =>
        new(AnalysisErrorCodes.RowTooLarge,
            $"Input file '{displayName}' has a row longer than {MaxRowChars / (1 << 20)} Mi characters near {Place(ex, errorLine, fromWorkbook)} "
            + (fromWorkbook
                ? "(a cell holding that much text, more than the 32,767 characters Excel allows in a cell, or the row's cells together)"
                : "(a file without line breaks, or an unterminated quote)")
            + "; rows this long are not supported.");

    // Sylvan's own exceptions (format, invalid character, record too large) all derive from CsvFormatException.
    // rowsRead: data rows read before the fault, for the message when the bad byte's place cannot be told (badBytePlace:
    // its line and data row, which the decoder's read-ahead hides from the rows read).
    // errorLine: the line the refused record starts on (CsvFormatException's RowNumber counts records, not lines).
    private static AnalysisException Unreadable(string displayName, Exception ex, int rowsRead, Func<bool, string?> badBytePlace, Func<long?> errorLine,
        bool fromWorkbook) => ex switch
    {
        CsvRecordTooLargeException tooLarge => TooLarge(displayName, tooLarge, errorLine, fromWorkbook),
        CsvFormatException format => new(AnalysisErrorCodes.InvalidInputFile,
            $"Input file '{displayName}' is not valid CSV near {Place(format, errorLine, fromWorkbook)}: {format.Message}"),
        DecoderFallbackException => new(AnalysisErrorCodes.InvalidInputFile,
            $"Input file '{displayName}' is not valid UTF-8 text {badBytePlace(false) ?? $"after data row {rowsRead}"}: only UTF-8 (with or without BOM) is supported (a file in Latin-1 or Windows-1252 gives this); {TextFileSniffer.SaveAsUtf8}."),
        _ => new(AnalysisErrorCodes.InvalidInputFile,
            $"Input file '{displayName}' is not a text file: {ex.Message} {badBytePlace(true) ?? $"after data row {rowsRead}"}."),
    };

    private static string Place(CsvFormatException ex, Func<long?> errorLine, bool fromWorkbook) =>
        fromWorkbook ? $"row {ex.RowNumber}" : errorLine() is { } line ? $"line {line}" : $"record {ex.RowNumber}";
}
