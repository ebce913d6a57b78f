using System.Buffers;
using System.Numerics;
using System.Text;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Writes RFC 4180 CSV: UTF-8 without BOM, comma delimiter, CRLF line ends, header first; a field holding a comma,
/// a double quote, CR or LF is quoted with its quotes doubled. The rows are formatted and written on the thread of its
/// <see cref="ProfileBuilder"/>, so the agent only hands them over: each field is encoded straight into a byte buffer (a
/// field of ASCII characters that needs no quotes is copied as it is read; the others as <see cref="Escape"/> writes them,
/// lone surrogates replaced by U+FFFD as a <see cref="StreamWriter"/> of UTF-8 does). Builds the <see cref="Profile"/> of what it writes:
/// cell by cell, or, made <see cref="Over"/> the scan of a file whose profile the agent was given, from that profile
/// and the cells changed and rows dropped (each row the scan reads is either written, once, or dropped).
/// </summary>
internal sealed class CsvFileWriter : IDisposable, IRowsReadObserver
{
    // The characters that make a field quoted.
    private static readonly SearchValues<char> Quoted = SearchValues.Create(",\"\r\n");
    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly FileStream _file;
    private byte[] _buffer = new byte[1 << 16];
    private int _used;
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
        _file = LocalWrite.CreateFile(path, FileShare.Read);
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
        try
        {
            _profile.Dispose();
            Flush();
        }
        finally
        {
            _file.Dispose();
        }
    }

    // A lone empty field is written as "" so the record is not a blank line (RFC 4180 has no other way to show it).
    private void WriteFields(IReadOnlyList<string?> fields)
    {
        if (fields.Count == 1 && string.IsNullOrEmpty(fields[0]))
        {
            Room(4);
            "\"\"\r\n"u8.CopyTo(_buffer.AsSpan(_used));
            _used += 4;
            return;
        }

        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                Room(1);
                _buffer[_used++] = (byte)',';
            }

            WriteField(fields[i]);
        }

        Room(2);
        _buffer[_used++] = (byte)'\r';
        _buffer[_used++] = (byte)'\n';
    }

    // The bytes of Escape(value) in UTF-8. A UTF-16 character takes at most 3 bytes (a pair 4 for its two), a doubled
    // quote 2: 3 bytes a character and the 2 quotes always suffice.
    private void WriteField(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        Room((value.Length * 3L) + 2);
        var to = _buffer.AsSpan(_used);
        int i = 0;
        for (; i < value.Length; i++)
        {
            char c = value[i];
            if (c >= 0x80 || c is ',' or '"' or '\r' or '\n')
            {
                break;
            }

            to[i] = (byte)c;
        }

        if (i == value.Length)
        {
            _used += i;
            return;
        }

        var text = value.AsSpan();
        if (text[i..].IndexOfAny(Quoted) < 0)
        {
            // No quotes needed: the rest from the first character beyond ASCII (never the second half of a pair) on.
            _used += i + Utf8.GetBytes(text[i..], to[i..]);
            return;
        }

        int n = 0;
        to[n++] = (byte)'"';
        while (true)
        {
            int quote = text.IndexOf('"');
            var part = quote < 0 ? text : text[..quote];
            n += Utf8.GetBytes(part, to[n..]);
            if (quote < 0)
            {
                break;
            }

            to[n++] = (byte)'"';
            to[n++] = (byte)'"';
            text = text[(quote + 1)..];
        }

        to[n++] = (byte)'"';
        _used += n;
    }

    // Makes room for <paramref name="bytes"/> more bytes in the buffer: writes what it holds, grows it for a longer field.
    private void Room(long bytes)
    {
        if (_buffer.Length - _used >= bytes)
        {
            return;
        }

        Flush();
        if (_buffer.Length < bytes)
        {
            _buffer = new byte[(int)Math.Min(Array.MaxLength, (long)BitOperations.RoundUpToPowerOf2((ulong)bytes))];
        }
    }

    private void Flush()
    {
        if (_used > 0)
        {
            _file.Write(_buffer, 0, _used);
            _used = 0;
        }
    }

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
