using System.Text;
using Sylvan.Data.Csv;

namespace Agensium.Analysis.Input;

/// <summary>
/// Streams the data rows of a local CSV file: UTF-8 with or without BOM, delimiter auto-detected
/// (comma, semicolon, tab, pipe) unless a first line "sep=X" names it (Excel's hint, skipped), RFC 4180 quoting (fields may hold newlines). The first non-blank row is the header,
/// unless it is a title above the table (<see cref="HeaderLocator"/>: skipped and named in <see cref="TitleLines"/>);
/// header names are made unique. Short rows read as nulls, extra fields are ignored; blank lines are skipped (a line holding only "" is a row with one empty field).
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
    private bool _pendingFirstRow;
    private int _rowFieldCount;

    private CsvTableReader(CsvDataReader csv, string displayName, SniffResult sniff, char delimiter, IReadOnlyList<string> titleLines)
    {
        _csv = csv;
        _displayName = displayName;
        HasUtf8Bom = sniff.HasUtf8Bom;
        Delimiter = delimiter;
        TitleLines = titleLines;
        Columns = [];
        HeaderRenames = [];
    }

    /// <summary>Lines above the header taken for a title and skipped (a spreadsheet export's "Sales report Q1"); empty for most files.</summary>
    public IReadOnlyList<string> TitleLines { get; }

    /// <summary>Column names in file order, unique and non-empty.</summary>
    public IReadOnlyList<string> Columns { get; private set; }

    /// <summary>Header cells that were renamed (empty or duplicate names).</summary>
    public IReadOnlyList<HeaderRename> HeaderRenames { get; private set; }

    /// <summary>The detected field delimiter.</summary>
    public char Delimiter { get; }

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
    public static CsvTableReader Open(InputFile file) => Open(file.Path, file.DisplayName);

    /// <summary>Opens <paramref name="path"/>, reads the header and checks that at least one data row follows.</summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE for an empty, binary, non-UTF-8, malformed or header-only file.</exception>
    public static CsvTableReader Open(string path, string displayName)
    {
        var sniff = TextFileSniffer.Sniff(path, displayName);
        char? preferred = displayName.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : null;
        char? hint = DelimiterDetector.SeparatorHint(sniff.Prefix);
        var location = hint is { } named
            ? new HeaderLocation(named, [])
            : HeaderLocator.Locate(sniff.Prefix, complete: new FileInfo(path).Length <= TextFileSniffer.SniffBytes, preferred);
        char delimiter = location.Delimiter;
        var text = new LoneCarriageReturnReader(
            new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));
        CsvTableReader? table = null;
        try
        {
            var options = new CsvDataReaderOptions
            {
                HasHeaders = false,
                Delimiter = delimiter,
                BufferSize = 1 << 16,
                MaxBufferSize = MaxRowChars,
                OwnsReader = true,
            };
            CsvDataReader csv;
            try
            {
                csv = CsvDataReader.Create(text, options);
            }
            catch (CsvFormatException ex)
            {
                throw Malformed(displayName, ex);
            }

            table = new CsvTableReader(csv, displayName, sniff, delimiter, location.TitleLines);
            table.ReadHeaderAndFirstRow(skipLines: hint is not null ? 1 : location.TitleLines.Count);
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
        // The "sep=" line is read with the delimiter it names, so it is one record whatever that delimiter is; title
        // lines have no delimiter at all, so each is one record too.
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
                // A blank line, but not a line holding just "" (one empty field): its raw text has the quotes.
                if (_rowFieldCount <= 1 && _csv.GetFieldSpan(0).IsEmpty && !_csv.GetRawRecordSpan().Contains('"'))
                {
                    BlankLinesSkipped++;
                    continue;
                }

                return true;
            }
        }
        catch (CsvFormatException ex)
        {
            throw Malformed(_displayName, ex);
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

    private static AnalysisException TooLarge(string displayName, CsvRecordTooLargeException ex) =>
        new(AnalysisErrorCodes.RowTooLarge,
            $"Input file '{displayName}' has a row longer than {MaxRowChars / (1 << 20)} Mi characters near row {ex.RowNumber} "
            + "(a file without line breaks, or an unterminated quote); rows this long are not supported.");

    // Sylvan's own exceptions (format, invalid character, record too large) all derive from CsvFormatException.
    private static AnalysisException Malformed(string displayName, CsvFormatException ex) => ex is CsvRecordTooLargeException tooLarge
        ? TooLarge(displayName, tooLarge)
        : new(AnalysisErrorCodes.InvalidInputFile,
            $"Input file '{displayName}' is not valid CSV near row {ex.RowNumber}: {ex.Message}");
}
