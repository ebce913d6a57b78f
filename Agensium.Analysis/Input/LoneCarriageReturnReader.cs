namespace Agensium.Analysis.Input;

/// <summary>
/// Turns a carriage return that ends a line on its own ('\r' not followed by '\n', outside quotes) into '\n', so a file
/// whose rows end in a mix of LF, CRLF and CR (files pasted together from several systems) is read row by row, as
/// pandas and Python's csv read it. The CSV parser settles on one style of line end from the first line and would
/// otherwise read a lone CR in an LF file as data, gluing two rows into one. A CR inside a quoted value is data and is
/// kept. A quote opens a quoted value only where a field starts (after a delimiter, a line end, a space or a closing
/// quote, which makes an escaped, doubled quote reopen it); inside an unquoted value it is a character (5" screen), and
/// counting it would take the rest of the file for quoted until the next stray quote.
/// </summary>
internal sealed class LoneCarriageReturnReader(TextReader inner) : TextReader
{
    private bool _inQuotes;

    // The character before the chunk being read (a line start at first).
    private char _previous = '\n';

    // Decided at the first line end outside quotes: a file whose first line ends in a lone CR is a CR file (classic Mac),
    // which the parser reads in its CR mode, so nothing is converted (a stray quote then cannot glue its rows together).
    private bool? _crFile;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        int read = inner.Read(buffer);
        RefuseNul(buffer[..read]);
        Normalize(buffer[..read]);
        return read;
    }

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) =>
        ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        int read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        RefuseNul(buffer.Span[..read]);
        Normalize(buffer.Span[..read]);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // A NUL is no text (the sniff refuses one in a file's first bytes; this, anywhere after them): one vectorised search per chunk.
    private static void RefuseNul(ReadOnlySpan<char> chunk)
    {
        if (chunk.Contains('\0'))
        {
            throw new InvalidDataException("NUL bytes found (UTF-16 and binary files are not supported)");
        }
    }

    private void Normalize(Span<char> chunk)
    {
        if (_crFile == true)
        {
            return;
        }

        if (_crFile is null)
        {
            DecideStyle(chunk);
            if (_crFile == true)
            {
                return;
            }
        }

        int from = 0;
        while (true)
        {
            int at = chunk[from..].IndexOf('\r');
            if (at < 0)
            {
                TrackQuotes(chunk[from..]);
                return;
            }

            at += from;
            TrackQuotes(chunk[from..at]);
            if (!_inQuotes && !FollowedByLineFeed(chunk, at))
            {
                chunk[at] = '\n';
            }

            _previous = chunk[at];
            from = at + 1;
        }
    }

    // Follows the quotes of a span without a carriage return: a quote closes an open quoted value, and opens one only
    // where a field starts. Most text has no quote, so this is a vectorised search per span.
    private void TrackQuotes(ReadOnlySpan<char> span)
    {
        int from = 0;
        int at;
        while ((at = span[from..].IndexOf('"')) >= 0)
        {
            at += from;
            _inQuotes = !_inQuotes && OpensValue(at == 0 ? _previous : span[at - 1]);
            from = at + 1;
        }

        if (!span.IsEmpty)
        {
            _previous = span[^1];
        }
    }

    private static bool OpensValue(char previous) => previous is ',' or ';' or '\t' or '|' or '\n' or '\r' or ' ' or '"';

    private void DecideStyle(ReadOnlySpan<char> chunk)
    {
        bool quoted = _inQuotes;
        for (int i = 0; i < chunk.Length; i++)
        {
            char c = chunk[i];
            if (c == '"')
            {
                quoted = !quoted && OpensValue(i == 0 ? _previous : chunk[i - 1]);
            }
            else if (!quoted && c == '\n')
            {
                _crFile = false;
                return;
            }
            else if (!quoted && c == '\r')
            {
                _crFile = !(i + 1 < chunk.Length ? chunk[i + 1] == '\n' : inner.Peek() == '\n');
                return;
            }
        }
    }

    private bool FollowedByLineFeed(Span<char> chunk, int at) =>
        at + 1 < chunk.Length ? chunk[at + 1] == '\n' : inner.Peek() == '\n';
}
