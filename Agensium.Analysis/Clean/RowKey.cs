using System.Security.Cryptography;
using System.Text;

namespace Agensium.Analysis.Clean;

/// <summary>
/// A 128-bit key of a row's fields (SHA-256, first 16 bytes) so duplicate detection keeps one small key per row instead
/// of the row itself. Fields are joined with a unit separator; <c>normalized</c> lower-cases and trims each field first.
/// </summary>
internal static class RowKey
{
    public static UInt128 Of(IReadOnlyList<string> fields, IReadOnlyList<int> columns, bool normalized)
    {
        var text = new StringBuilder();
        foreach (int c in columns)
        {
            string value = fields[c];
            text.Append(normalized ? value.Trim().ToLowerInvariant() : value).Append('\u001F');
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        return new UInt128(BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]));
    }
}
