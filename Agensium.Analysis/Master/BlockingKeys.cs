using System.Globalization;

namespace Agensium.Analysis.Master;

/// <summary>The blocking keys of one prepared row (see <see cref="EntityResolver"/>).</summary>
public static class BlockingKeys
{
    /// <summary>Keys tagged by kind so different kinds never share a block.</summary>
    public static IEnumerable<string> Of(IReadOnlyList<MatchField> fields, PreparedFields prepared, int row)
    {
        var sink = new TextSink();
        Write(fields, prepared, row, new KeyText(), ref sink);
        return sink.Keys;
    }

    /// <summary>The most keys <see cref="Of"/> gives a row: one per e-mail, phone and identifier field, a name (or first-name), a zip, a birth-date and an organisation key.</summary>
    internal static int MaxPerRow(IReadOnlyList<MatchField> fields) =>
        fields.Count(f => f.Kind is MatchFieldKind.Email or MatchFieldKind.Phone or MatchFieldKind.Identifier) + 4;

    /// <summary>
    /// Writes the <see cref="BlockIndex.Hash"/> of each key of <paramref name="row"/> into <paramref name="hashes"/> from
    /// <paramref name="at"/> on, building no string; returns how many.
    /// </summary>
    internal static int WriteHashes(IReadOnlyList<MatchField> fields, PreparedFields prepared, int row, KeyText buffer, ulong[] hashes, int at)
    {
        var sink = new HashSink(hashes, at);
        Write(fields, prepared, row, buffer, ref sink);
        return sink.Count;
    }

    // Writes each key of the row into buffer and hands it to sink, in the order of Of.
    private static void Write<TSink>(IReadOnlyList<MatchField> fields, PreparedFields prepared, int row, KeyText key, ref TSink sink)
        where TSink : struct, IKeySink
    {
        ReadOnlySpan<char> first = "";
        ReadOnlySpan<char> last = "";
        ReadOnlySpan<char> zip = "";
        ReadOnlySpan<char> born = "";
        ReadOnlySpan<char> organization = "";
        bool any = false;
        for (int i = 0; i < fields.Count; i++)
        {
            string value = prepared.Value(row, i);
            if (value.Length == 0)
            {
                continue;
            }

            switch (fields[i].Kind)
            {
                case MatchFieldKind.Email:
                    any = true;
                    sink.Add(key.Start("e:").Append(value).Text);
                    break;
                case MatchFieldKind.Identifier:
                    any = true;
                    sink.Add(key.Start("i:").Append(value).Text);
                    break;
                case MatchFieldKind.Phone when value.Length >= 7:
                    // The last 9 digits: +48 601 234 567 and 601 234 567 are one number with and without its country code.
                    any = true;
                    sink.Add(key.Start("p:").Append(value.AsSpan(Math.Max(0, value.Length - 9))).Text);
                    break;
                case MatchFieldKind.FirstName:
                    first = first.Length == 0 ? value : first;
                    break;
                case MatchFieldKind.LastName:
                    last = last.Length == 0 ? value : last;
                    break;
                case MatchFieldKind.FullName:
                    // The first and last space-separated tokens (as value.Split(' ')[0] and [^1]).
                    int firstSpace = value.IndexOf(' ');
                    first = first.Length == 0 ? (firstSpace < 0 ? value : value.AsSpan(0, firstSpace)) : first;
                    last = last.Length == 0 ? value.AsSpan(value.LastIndexOf(' ') + 1) : last;
                    break;
                case MatchFieldKind.Zip:
                    zip = zip.Length == 0 ? value : zip;
                    break;
                case MatchFieldKind.BirthDate:
                    born = born.Length == 0 ? value : born;
                    break;
                case MatchFieldKind.Organization:
                    organization = organization.Length == 0 ? value : organization;
                    break;
            }
        }

        if (last.Length > 0)
        {
            any = true;
            Span<char> code = stackalloc char[4];
            key.Start("n:").Append(code[..Soundex.Write(last, code)]);
            sink.Add((first.Length > 0 ? key.Append(first[..1]) : key).Text);
            if (zip.Length > 0)
            {
                sink.Add(key.Start("z:").Append(zip).Append(":").Append(last[..Math.Min(3, last.Length)]).Text);
            }
        }

        else if (first.Length > 0)
        {
            // Only a first name (no last name among the match fields): its Soundex, so Robert and Robbert meet.
            any = true;
            Span<char> code = stackalloc char[4];
            sink.Add(key.Start("g:").Append(code[..Soundex.Write(first, code)]).Text);
        }

        if (born.Length > 0 && (first.Length > 0 || last.Length > 0))
        {
            // Birth date + the initials of both names in alphabetical order (robust to swapped names).
            any = true;
            char x = first.Length > 0 ? first[0] : '_';
            char y = last.Length > 0 ? last[0] : '_';
            Span<char> initials = [x <= y ? x : y, x <= y ? y : x];
            sink.Add(key.Start("d:").Append(born).Append(":").Append(initials).Text);
        }

        if (organization.Length > 0)
        {
            // The longest word of the name (its tokens are sorted, so the first word may be a legal form: "co", "inc").
            any = true;
            sink.Add(key.Start("o:").Append(LongestWord(organization)).Text);
        }

        if (!any)
        {
            int i = Enumerable.Range(0, fields.Count).FirstOrDefault(f => prepared.Id(row, f) != 0, -1);
            if (i >= 0)
            {
                string value = prepared.Value(row, i);
                sink.Add(key.Start("f:").Append(i.ToString(CultureInfo.InvariantCulture)).Append(":").Append(value.AsSpan(0, Math.Min(4, value.Length))).Text);
            }
        }
    }

    private static ReadOnlySpan<char> LongestWord(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> longest = "";
        foreach (var range in text.Split(' '))
        {
            var word = text[range];
            longest = word.Length > longest.Length ? word : longest;
        }

        return longest;
    }

    private interface IKeySink
    {
        void Add(ReadOnlySpan<char> key);
    }

    private struct TextSink() : IKeySink
    {
        public List<string> Keys { get; } = [];

        public readonly void Add(ReadOnlySpan<char> key) => Keys.Add(key.ToString());
    }

    private struct HashSink(ulong[] hashes, int at) : IKeySink
    {
        public int Count { get; private set; }

        public void Add(ReadOnlySpan<char> key) => hashes[at + Count++] = BlockIndex.Hash(key);
    }
}
