namespace Agensium.Analysis.Input;

/// <summary>
/// The one rule by which a message names a line of an input file, as a text editor numbers them: from 1, and LF, CRLF
/// and a lone CR (classic Mac) each end one line, a CRLF one line end even when a read splits it. The sniff of a file's
/// first bytes (<see cref="TextFileSniffer"/>) and the look-up of a bad byte past them (<see cref="BadBytePlace"/>) both
/// count so: a CR-only file's bad byte was "line 1" in one and its own line in the other.
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

    /// <summary>The line (from 1) of the byte at <paramref name="index"/> of <paramref name="bytes"/>, the file's start.</summary>
    public static long LineAt(ReadOnlySpan<byte> bytes, int index)
    {
        var lines = default(EditorLines);
        lines.Advance(bytes[..index]);
        return lines.Line;
    }
}
