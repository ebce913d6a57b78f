namespace Agensium.Analysis.Input;

/// <summary>
/// Turns a carriage return that ends a line on its own ('\r' not followed by '\n', outside quotes) into '\n', so a file
/// whose rows end in a mix of LF, CRLF and CR (files pasted together from several systems) is read row by row, as
/// pandas and Python's csv read it. The CSV parser settles on one style of line end from the first line and would
/// otherwise read a lone CR in an LF file as data, gluing two rows into one. A CR inside a quoted value is data and is
/// kept. Quotes are followed by their parity, which is exact for RFC 4180 quoting (an escaped quote is doubled).
/// </summary>
internal sealed class LoneCarriageReturnReader(TextReader inner) : TextReader
{
    private bool _inQuotes;

    // Decided at the first line end outside quotes: a file whose first line ends in a lone CR is a CR file (classic Mac),
    // which the parser reads in its CR mode, so nothing is converted (a stray quote then cannot glue its rows together).
    private bool? _crFile;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        int read = inner.Read(buffer);
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
                _inQuotes ^= (chunk[from..].Count('"') & 1) == 1;
                return;
            }

            at += from;
            _inQuotes ^= (chunk[from..at].Count('"') & 1) == 1;
            if (!_inQuotes && !FollowedByLineFeed(chunk, at))
            {
                chunk[at] = '\n';
            }

            from = at + 1;
        }
    }

    private void DecideStyle(ReadOnlySpan<char> chunk)
    {
        bool quoted = _inQuotes;
        for (int i = 0; i < chunk.Length; i++)
        {
            char c = chunk[i];
            if (c == '"')
            {
                quoted = !quoted;
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
