namespace Agensium.Analysis.Input;

/// <summary>
/// The one rule by which a message names a line of an input file, as a text editor numbers them: from 1, and LF, CRLF
/// and a lone CR (classic Mac) each end one line, a CRLF one line end even when a read splits it. The sniff of a file's
/// first bytes (<see cref="TextFileSniffer"/>), the look-up of a bad byte past them (<see cref="BadBytePlace"/>) and a
/// JSON file's syntax errors (<see cref="OfJsonPosition"/>) all count so: a CR-only file's bad byte was "line 1" in the
/// sniff and its own line in the look-up, and every JSON error of such a file was on "line 1".
/// </summary>
internal struct EditorLines
{
    private long _ends;
    private bool _afterCr;

    /// <summary>The line of the next byte (from 1).</summary>
    public readonly long Line => _ends + 1;

    /// <summary>Counts the line ends of <paramref name="bytes"/>, the next piece of the file.</summary>
    public void Advance(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        // Every CR and every LF ends a line, but the LF of a CRLF (its CR perhaps at the end of the last piece).
        long ends = bytes.Count((byte)'\r') + bytes.Count((byte)'\n');
        ends -= _afterCr && bytes[0] == (byte)'\n' ? 1 : 0;
        var rest = bytes;
        for (int at = rest.IndexOf("\r\n"u8); at >= 0; at = rest.IndexOf("\r\n"u8))
        {
            ends--;
            rest = rest[(at + 2)..];
        }

        _ends += ends;
        _afterCr = bytes[^1] == (byte)'\r';
    }

    /// <summary>The line (from 1) of the byte at <paramref name="offset"/> of the file at <paramref name="path"/>.</summary>
    public static long InFile(string path, long offset)
    {
        using var stream = new BoundedReadStream(File.OpenRead(path), offset);
        byte[] bytes = new byte[1 << 16];
        var lines = default(EditorLines);
        int read;
        while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
        {
            lines.Advance(bytes.AsSpan(0, read));
        }

        return lines.Line;
    }

    /// <summary>
    /// The line (from 1) of the byte System.Text.Json names by the LF line ends before it (<paramref name="lfLines"/>)
    /// and its place after the last of them (<paramref name="byteInLine"/>, the BOM not counted on the first line):
    /// its reader ends lines at LF alone, so an error in a CR-only file was always on its "line 1".
    /// </summary>
    public static long OfJsonPosition(string path, long lfLines, long byteInLine)
    {
        long offset = 0;
        using (var stream = File.OpenRead(path))
        {
            byte[] bytes = new byte[1 << 16];
            long seen = 0;
            long start = 0;
            int read = 0;
            while (seen < lfLines && (read = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                for (int from = 0, at; seen < lfLines && (at = bytes.AsSpan(from, read - from).IndexOf((byte)'\n')) >= 0; from += at + 1)
                {
                    seen++;
                    offset = start + from + at + 1;
                }

                start += read;
            }

            if (lfLines == 0)
            {
                Span<byte> head = stackalloc byte[3];
                stream.Position = 0;
                offset = stream.Read(head) == 3 && head is [0xEF, 0xBB, 0xBF] ? 3 : 0;
            }

            offset = Math.Min(offset + byteInLine, stream.Length);
        }

        return InFile(path, offset);
    }

    /// <summary>The line (from 1) of the byte at <paramref name="index"/> of <paramref name="bytes"/>, the file's start.</summary>
    public static long LineAt(ReadOnlySpan<byte> bytes, int index)
    {
        var lines = default(EditorLines);
        lines.Advance(bytes[..index]);
        return lines.Line;
    }
}
