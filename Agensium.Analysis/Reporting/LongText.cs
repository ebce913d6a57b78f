using System.Globalization;
using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting;

/// <summary>
/// Cuts every text value of a report past <see cref="MaxChars"/> characters. Reports quote values of the data (top
/// values, examples before and after, a failed agent's message naming a value), and one 1 MB cell quoted in a few places
/// made a 40-row file's report 10 MB; the data files keep every value whole, a report shows the start of it. Property
/// names are cut the same way (a column named by a 1 MB header cell is a key of several objects), and a cut name that
/// another key of its object already has is told apart by " (2)", " (3)", … after it, so no two keys become one.
/// </summary>
internal static class LongText
{
    /// <summary>The most characters a text value of a report keeps (the report's own prose stays far below it).</summary>
    public const int MaxChars = 4096;

    /// <summary>Cuts the long text values of <paramref name="node"/>'s tree in place; returns how many were cut.</summary>
    public static int Clip(JsonNode? node)
    {
        int clipped = 0;
        switch (node)
        {
            case JsonObject obj:
                clipped += ClipNames(obj);
                foreach (var (name, value) in obj.ToList())
                {
                    if (Cut(value) is { } cut)
                    {
                        obj[name] = cut;
                        clipped++;
                    }
                    else
                    {
                        clipped += Clip(value);
                    }
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    if (Cut(array[i]) is { } cut)
                    {
                        array[i] = cut;
                        clipped++;
                    }
                    else
                    {
                        clipped += Clip(array[i]);
                    }
                }

                break;
        }

        return clipped;
    }

    // Cuts the long property names of one object, in place and in their order; returns how many were cut.
    private static int ClipNames(JsonObject obj)
    {
        if (!obj.Any(p => p.Key.Length > MaxChars))
        {
            return 0;
        }

        var properties = obj.ToList();
        obj.Clear();
        var names = new HashSet<string>(properties.Where(p => p.Key.Length <= MaxChars).Select(p => p.Key), StringComparer.Ordinal);
        int clipped = 0;
        foreach (var (name, value) in properties)
        {
            string key = name;
            if (name.Length > MaxChars)
            {
                clipped++;
                key = Cut(name);
                for (int n = 2; !names.Add(key); n++)
                {
                    key = string.Create(CultureInfo.InvariantCulture, $"{Cut(name)} ({n})");
                }
            }

            obj[key] = value;
        }

        return clipped;
    }

    /// <summary>Characters kept from the end of a cut text: a message naming a long value says what is wrong after it.</summary>
    public const int TailChars = 256;

    /// <summary>
    /// The first <see cref="MaxChars"/> − <see cref="TailChars"/> characters and the last <see cref="TailChars"/> (never
    /// half a surrogate pair), with how many were left out between them.
    /// </summary>
    public static string Cut(string text)
    {
        if (text.Length <= MaxChars)
        {
            return text;
        }

        int end = MaxChars - TailChars;
        end = char.IsHighSurrogate(text[end - 1]) ? end - 1 : end;
        int tail = text.Length - TailChars;
        tail = char.IsLowSurrogate(text[tail]) ? tail + 1 : tail;
        // Counted as characters a reader sees (an emoji is one, not its two UTF-16 units).
        int left = 0;
        foreach (var _ in text.AsSpan(end, tail - end).EnumerateRunes())
        {
            left++;
        }

        return string.Concat(text.AsSpan(0, end), string.Create(CultureInfo.InvariantCulture, $"…[{left:N0} characters left out]…"), text.AsSpan(tail));
    }

    private static string? Cut(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > MaxChars ? Cut(text) : null;
}
