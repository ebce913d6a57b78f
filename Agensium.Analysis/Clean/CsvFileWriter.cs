using Agensium.Analysis.Input;
using System.Text;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Writes RFC 4180 CSV: UTF-8 without BOM, comma delimiter, CRLF line ends, header first; a field holding a comma,
/// a double quote, CR or LF is quoted with its quotes doubled. The rows are formatted and written on the thread of its
/// <see cref="ProfileBuilder"/>, so the agent only hands them over. Builds the <see cref="Profile"/> of what it writes:
/// cell by cell, or, made <see cref="Over"/> the scan of a file whose profile the agent was given, from that profile
/// and the cells changed and rows dropped (each row the scan reads is either written, once, or dropped).
/// </summary>
internal sealed class CsvFileWriter : IDisposable, IRowsReadObserver
{
    private readonly StreamWriter _writer;
    private readonly string?[] _kept;
    private readonly ProfileBuilder _profile;
    private readonly RowScan? _scan;
    private List<int>? _sources;

    // The row the scan read last (copied: the scan reuses its arrays), while it is neither written nor dropped.
    private readonly string[] _read;
    private bool _pending;

    // The header is written here, before the builder's thread writes the first row.
    private CsvFileWriter(string path, IReadOnlyList<string> header, FileProfile? following, RowScan? scan, IReadOnlyList<bool>? tokensAreValues = null)
    {
        _writer = new StreamWriter(LocalWrite.CreateFile(path, FileShare.Read), new UTF8Encoding(false), bufferSize: 1 << 16);
        ColumnCount = header.Count;
        _kept = new string?[header.Count];
        _scan = scan;
        _read = new string[scan?.Columns.Count ?? 0];
        WriteFields(header);
        _profile = following is null
            ? new ProfileBuilder(new FileProfile(header, tokensAreValues: tokensAreValues), 0, WriteFields)
            : new ProfileBuilder(following, _read.Length, WriteFields);
    }

    public int ColumnCount { get; }

    /// <summary>Data rows written so far.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>
    /// A writer of the rows of <paramref name="scan"/> (a scan of the context's current file, not yet started) at the
    /// columns <paramref name="keep"/> (all when null) to the context's output path. When the context hands over the
    /// profile of the file read, the written file's profile is built from it: only changed cells are counted again.
    /// </summary>
    /// <remarks>
    /// <paramref name="tokensAreValues"/> (by column of the scan) marks columns whose null tokens the written file's
    /// profile counts as values, not nulls (null-handler's keep_null_tokens_in), for every agent after.
    /// </remarks>
    public static CsvFileWriter Over(CleanAgentContext context, RowScan scan, IReadOnlyList<int>? keep = null, IReadOnlyList<bool>? tokensAreValues = null)
    {
        IReadOnlyList<string> header = keep is null ? scan.Columns : [.. keep.Select(i => scan.Columns[i])];
        var following = FileProfile.Following(context.CurrentProfile, scan.Columns, keep, context.RowKeysWanted, tokensAreValues);
        IReadOnlyList<bool>? written = tokensAreValues is null ? null : keep is null ? tokensAreValues : [.. keep.Select(i => tokensAreValues[i])];
        var writer = new CsvFileWriter(context.OutputPath, header, following, following is null ? null : scan, written);
        if (following is not null)
        {
            scan.Observer = writer;
        }

        return writer;
    }

    /// <summary>The profile of the rows written (built alongside); ask once every row is written.</summary>
    public FileProfile Profile
    {
        get
        {
            if (_scan is not null)
            {
                if (!_scan.Completed)
                {
                    throw new InvalidOperationException("The profile of a file written from a scan is known once the scan has read every row.");
                }

                DropPending();
            }

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
        if (_scan is null)
        {
            _profile.Add(fields);
        }
        else
        {
            if (!_pending)
            {
                throw new InvalidOperationException("A row was written twice, or before the scan read it.");
            }

            _profile.Hand(fields, _read);
            _pending = false;
        }

        RowsWritten++;
    }

    /// <inheritdoc/>
    void IRowsReadObserver.Read(string[] fields)
    {
        DropPending();
        Array.Copy(fields, _read, _read.Length);
        _pending = true;
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
        if (_scan is not null)
        {
            _scan.Observer = null;
        }

        // Every row handed over is written before the file is closed.
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

    // The row read last was not written: the agent dropped it.
    private void DropPending()
    {
        if (_pending)
        {
            _profile.Hand(null, _read);
            _pending = false;
        }
    }
}
