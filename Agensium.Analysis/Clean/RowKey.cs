using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Agensium.Analysis.Clean;

/// <summary>
/// A 128-bit key of a row's fields (XxHash128 of their UTF-16 text) so duplicate detection keeps one small key per row
/// instead of the row itself. Each field is written after its length, so that no text a field holds can move the bounds
/// between fields: joined with a unit separator, "x␟y","z" and "x","y␟z" were one key and duplicate-resolver removed a row
/// that repeated none. <c>normalized</c> trims each field, composes it
/// (Unicode form C: a precomposed é and e + combining acute are one letter, see <see cref="Common.ComposedText"/>) and
/// lower-cases it first. One instance reuses its buffer between rows, so it is not thread-safe.
/// </summary>
internal sealed class RowKey
{
    private char[] _buffer = new char[256];

    /// <param name="fields">The row.</param>
    /// <param name="columns">The columns keyed.</param>
    /// <param name="normalized">Lower-case and trim each field.</param>
    /// <param name="numbers">With <paramref name="normalized"/>: the columns whose numbers are keyed by value and their reading (<see cref="NumberKeys"/>).</param>
    public UInt128 Of(IReadOnlyList<string> fields, IReadOnlyList<int> columns, bool normalized, NumberKeys? numbers = null)
    {
        int length = 0;
        foreach (int c in columns)
        {
            var value = !normalized ? fields[c].AsSpan() : numbers is not null && numbers.ByValue(c) ? numbers.Of(c, fields[c]) : Common.ComposedText.Of(fields[c].AsSpan().Trim());
            Reserve(length + value.Length + 2);
            _buffer[length++] = (char)(value.Length >> 16);
            _buffer[length++] = (char)value.Length;
            var target = _buffer.AsSpan(length, value.Length);
            if (normalized)
            {
                Common.SimpleCase.Lower(value, target);
            }
            else
            {
                value.CopyTo(target);
            }

            length += value.Length;
        }

        return XxHash128.HashToUInt128(MemoryMarshal.AsBytes(_buffer.AsSpan(0, length)));
    }

    /// <summary>The key of one text lower-cased; <paramref name="alreadyLower"/> when that left it as it was, so that its key as written is the same.</summary>
    public UInt128 OfLowerText(ReadOnlySpan<char> text, out bool alreadyLower)
    {
        var key = OfText(text, lower: true);
        alreadyLower = _buffer.AsSpan(0, text.Length).SequenceEqual(text);
        return key;
    }

    /// <summary>The key of one text, lower-cased when <paramref name="lower"/>.</summary>
    public UInt128 OfText(ReadOnlySpan<char> text, bool lower)
    {
        Reserve(text.Length);
        var target = _buffer.AsSpan(0, text.Length);
        if (lower)
        {
            Common.SimpleCase.Lower(text, target);
        }
        else
        {
            text.CopyTo(target);
        }

        return XxHash128.HashToUInt128(MemoryMarshal.AsBytes(target));
    }

    private void Reserve(int length)
    {
        if (length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(length, _buffer.Length * 2));
        }
    }
}
