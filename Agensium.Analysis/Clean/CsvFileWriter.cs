using System.Text;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Writes RFC 4180 CSV: UTF-8 without BOM, comma delimiter, CRLF line ends, header first; a field holding a comma,
/// a double quote, CR or LF is quoted with its quotes doubled.
/// </summary>
internal sealed class CsvFileWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly string?[] _kept;
    private readonly ProfileBuilder _profile;
    private List<int>? _sources;

    public CsvFileWriter(string path, IReadOnlyList<string> header)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        ColumnCount = header.Count;
        _kept = new string?[header.Count];
        _profile = new ProfileBuilder(header);
        WriteFields(header);
    }

    public int ColumnCount { get; }

    /// <summary>Data rows written so far.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>The profile of the rows written (built alongside); ask once every row is written.</summary>
    public FileProfile Profile
    {
        get
        {
            var profile = _profile.Complete();
            profile.SourceRows ??= _sources?.ToArray();
            return profile;
        }
    }

    /// <summary>Writes a row of a removing agent: <paramref name="sourceRow"/> is its row in the file read (see <see cref="FileProfile.SourceRows"/>).</summary>
    public void WriteRow(IReadOnlyList<string?> fields, int sourceRow)
    {
        (_sources ??= []).Add(sourceRow);
        WriteRow(fields);
    }

    /// <summary>As <see cref="WriteRow(IReadOnlyList{string?}, IReadOnlyList{int})"/>, for a removing agent.</summary>
    public void WriteRow(IReadOnlyList<string?> fields, IReadOnlyList<int> keep, int sourceRow)
    {
        (_sources ??= []).Add(sourceRow);
        WriteRow(fields, keep);
    }

    public void WriteRow(IReadOnlyList<string?> fields)
    {
        WriteFields(fields);
        _profile.Add(fields);
        RowsWritten++;
    }

    /// <summary>Writes the fields of <paramref name="fields"/> at the positions <paramref name="keep"/>.</summary>
    public void WriteRow(IReadOnlyList<string?> fields, IReadOnlyList<int> keep)
    {
        for (int k = 0; k < keep.Count; k++)
        {
            _kept[k] = fields[keep[k]];
        }

        WriteRow(_kept);
    }

    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public void Dispose()
    {
        _profile.Dispose();
        _writer.Dispose();
    }

    // A lone empty field is written as "" so the record is not a blank line (RFC 4180 has no other way to show it).
    private void WriteFields(IReadOnlyList<string?> fields)
    {
        if (fields.Count == 1 && string.IsNullOrEmpty(fields[0]))
        {
            _writer.Write("\"\"\r\n");
            return;
        }

        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            WriteField(fields[i]);
        }

        _writer.Write("\r\n");
    }

    private void WriteField(string? value) => _writer.Write(Escape(value));
}
