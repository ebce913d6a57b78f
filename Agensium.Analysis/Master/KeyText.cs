namespace Agensium.Analysis.Master;

/// <summary>A reusable buffer in which one blocking key at a time is written (see <see cref="BlockingKeys"/>).</summary>
internal sealed class KeyText
{
    private char[] _chars = new char[64];
    private int _length;

    /// <summary>The key written so far.</summary>
    public ReadOnlySpan<char> Text => _chars.AsSpan(0, _length);

    /// <summary>Starts a new key with <paramref name="tag"/>.</summary>
    public KeyText Start(ReadOnlySpan<char> tag)
    {
        _length = 0;
        return Append(tag);
    }

    /// <summary>Appends <paramref name="part"/> to the key.</summary>
    public KeyText Append(ReadOnlySpan<char> part)
    {
        if (_length + part.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + part.Length));
        }

        part.CopyTo(_chars.AsSpan(_length));
        _length += part.Length;
        return this;
    }
}
