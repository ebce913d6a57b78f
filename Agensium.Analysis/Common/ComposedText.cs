namespace Agensium.Analysis.Common;

/// <summary>
/// Text in Unicode normalisation form C (canonical composition), for the places that compare or key values: "José"
/// typed as one precomposed é (U+00E9) and "José" exported as e + a combining acute (U+0301, as macOS file names and
/// some databases write it) are one name and look the same, but differ character by character. Keys are composed; of
/// the cells the tools write, only field-standardization's standardised text is (making one value look one way is its
/// job), the others keep the text the user gave them. Composed here from
/// <see cref="UnicodeCompositionData"/> (UAX #15: decompose, order the marks, compose), because the service runs in
/// .NET's globalization-invariant mode, where string.Normalize returns non-ASCII text unchanged.
/// </summary>
public static class ComposedText
{
    // Below U+0300 (ASCII, Latin-1, Latin Extended, IPA, spacing modifiers) every character is already composed and none
    // composes with its neighbour: the combining marks, Hangul jamo and the other characters NFC changes all lie above.
    private const char FirstComposable = '\u0300';

    private const int HangulBase = 0xAC00, HangulCount = 11172, LeadBase = 0x1100, VowelBase = 0x1161, TrailBase = 0x11A7;
    private const int VowelCount = 21, TrailCount = 28, LeadCount = 19;

    private static readonly Dictionary<int, (int First, int Second)> Decompositions = ReadDecompositions();
    private static readonly Dictionary<long, int> Compositions = ReadCompositions();
    private static readonly Dictionary<int, byte> CombiningClasses = ReadClasses();
    private static readonly HashSet<int> NotComposed = ReadRuns(UnicodeCompositionData.NotComposed);
    private static readonly HashSet<int> MayCompose = ReadRuns(UnicodeCompositionData.MayCompose);

    /// <summary>
    /// False when <paramref name="text"/> is in form C for certain, having no character at or above U+0300 (one
    /// vectorised look); true when <see cref="IsComposed"/> has to tell.
    /// </summary>
    public static bool MayNeedComposing(ReadOnlySpan<char> text) => text.ContainsAnyInRange(FirstComposable, char.MaxValue);

    /// <summary>
    /// True when <paramref name="text"/> is already in form C: the UAX #15 quick check, and where it cannot tell (a
    /// character that may compose with what stands before it: Tamil, Bengali and Malayalam vowel signs, kana voicing
    /// marks), only the stretch around that character composed and compared, not the whole text.
    /// </summary>
    public static bool IsComposed(ReadOnlySpan<char> text)
    {
        int first = text.IndexOfAnyInRange(FirstComposable, char.MaxValue);
        if (first < 0)
        {
            return true;
        }

        // Composition never reaches back past a starter that cannot compose with what precedes it (not NFC_QC=Maybe):
        // the text splits into stretches at such starters, each composed on its own. Below U+0300 every character is one.
        int stretch = Math.Max(first - 1, 0);
        bool maybe = false;
        List<int>? points = null;
        int lastClass = 0;
        for (int i = first; i < text.Length; i++)
        {
            int at = i;
            int cp = CodePointAt(text, ref i);
            int cc = ClassOf(cp);
            if ((cc != 0 && lastClass > cc) || NotComposed.Contains(cp))
            {
                return false;
            }

            bool mayCompose = MayCompose.Contains(cp);
            if (cc == 0 && !mayCompose)
            {
                if (maybe && !StretchComposed(text[stretch..at], points ??= new List<int>(16)))
                {
                    return false;
                }

                stretch = at;
                maybe = false;
            }

            maybe |= mayCompose;
            lastClass = cc;
        }

        return !maybe || StretchComposed(text[stretch..], points ?? new List<int>(16));
    }

    /// <summary><paramref name="text"/> in form C: the same string when it already is.</summary>
    public static string Of(string text) => IsComposed(text) ? text : Compose(text);

    /// <summary><paramref name="text"/> in form C: the same span when it already is, else a new string's characters.</summary>
    public static ReadOnlySpan<char> Of(ReadOnlySpan<char> text) => IsComposed(text) ? text : Compose(text);

    // True when composing the stretch gives back its own code points (compared as code points: no string is built).
    private static bool StretchComposed(ReadOnlySpan<char> stretch, List<int> points)
    {
        ComposePoints(stretch, points);
        int k = 0;
        for (int i = 0; i < stretch.Length; i++, k++)
        {
            if (k >= points.Count || points[k] != CodePointAt(stretch, ref i))
            {
                return false;
            }
        }

        return k == points.Count;
    }

    // Canonical decomposition, marks in canonical order, canonical composition. A lone surrogate is kept as it is.
    private static string Compose(ReadOnlySpan<char> text)
    {
        var points = new List<int>(text.Length + 4);
        ComposePoints(text, points);
        int length = 0;
        foreach (int cp in points)
        {
            length += cp > char.MaxValue ? 2 : 1;
        }

        // One string of the right length; a code point of the BMP (or a lone surrogate) is one char, no string per point.
        return string.Create(length, points, static (chars, points) =>
        {
            int n = 0;
            foreach (int cp in points)
            {
                if (cp > char.MaxValue)
                {
                    chars[n++] = (char)(0xD800 + ((cp - 0x10000) >> 10));
                    chars[n++] = (char)(0xDC00 + ((cp - 0x10000) & 0x3FF));
                }
                else
                {
                    chars[n++] = (char)cp;
                }
            }
        });
    }

    // The code points of text in form C, into points (cleared first).
    private static void ComposePoints(ReadOnlySpan<char> text, List<int> points)
    {
        points.Clear();
        for (int i = 0; i < text.Length; i++)
        {
            Decompose(CodePointAt(text, ref i), points);
        }

        // Canonical order: a run of marks sorted by combining class, stably (insertion sort; runs are short).
        for (int i = 1; i < points.Count; i++)
        {
            int cc = ClassOf(points[i]);
            for (int j = i; cc != 0 && j > 0 && ClassOf(points[j - 1]) > cc; j--)
            {
                (points[j - 1], points[j]) = (points[j], points[j - 1]);
            }
        }

        int starterAt = -1, lastClass = 0, length = 0;
        for (int i = 0; i < points.Count; i++)
        {
            int cp = points[i];
            int cc = ClassOf(cp);
            // A mark composes with the last starter unless a mark of the same or a higher class stands between them.
            if (starterAt >= 0 && (lastClass < cc || (lastClass == 0 && starterAt == length - 1)) && Composite(points[starterAt], cp) is var composite and >= 0)
            {
                points[starterAt] = composite;
                continue;
            }

            starterAt = cc == 0 ? length : starterAt;
            lastClass = cc;
            points[length++] = cp;
        }

        points.RemoveRange(length, points.Count - length);
    }

    private static void Decompose(int cp, List<int> points)
    {
        if (cp - HangulBase is var s and >= 0 and < HangulCount)
        {
            points.Add(LeadBase + (s / (VowelCount * TrailCount)));
            points.Add(VowelBase + (s % (VowelCount * TrailCount) / TrailCount));
            if (s % TrailCount != 0)
            {
                points.Add(TrailBase + (s % TrailCount));
            }
        }
        else if (Decompositions.TryGetValue(cp, out var parts))
        {
            Decompose(parts.First, points);
            if (parts.Second != 0)
            {
                Decompose(parts.Second, points);
            }
        }
        else
        {
            points.Add(cp);
        }
    }

    // The primary composite of a starter and a following character, or −1.
    private static int Composite(int starter, int next)
    {
        if (starter - LeadBase is var l and >= 0 and < LeadCount && next - VowelBase is var v and >= 0 and < VowelCount)
        {
            return HangulBase + (((l * VowelCount) + v) * TrailCount);
        }

        if (starter - HangulBase is var s and >= 0 and < HangulCount && s % TrailCount == 0 && next - TrailBase is var t and > 0 and < TrailCount)
        {
            return starter + t;
        }

        return Compositions.TryGetValue(((long)starter << 21) | (uint)next, out int composite) ? composite : -1;
    }

    private static int ClassOf(int cp) => cp < FirstComposable ? 0 : CombiningClasses.GetValueOrDefault(cp);

    // The code point at i (a surrogate pair read whole, i moved onto its second half; a lone surrogate as itself).
    private static int CodePointAt(ReadOnlySpan<char> text, ref int i)
    {
        char c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            return char.ConvertToUtf32(c, text[++i]);
        }

        return c;
    }

    private static Dictionary<int, (int, int)> ReadDecompositions()
    {
        var data = UnicodeCompositionData.Decompositions;
        var map = new Dictionary<int, (int, int)>(data.Length / 3);
        for (int i = 0; i < data.Length; i += 3)
        {
            map[data[i]] = (data[i + 1], data[i + 2]);
        }

        return map;
    }

    // Pairs that compose: a two-part decomposition of a character that may appear in NFC text.
    private static Dictionary<long, int> ReadCompositions()
    {
        var data = UnicodeCompositionData.Decompositions;
        var excluded = ReadRuns(UnicodeCompositionData.NotComposed);
        var map = new Dictionary<long, int>();
        for (int i = 0; i < data.Length; i += 3)
        {
            if (data[i + 2] != 0 && !excluded.Contains(data[i]))
            {
                map[((long)data[i + 1] << 21) | (uint)data[i + 2]] = data[i];
            }
        }

        return map;
    }

    private static Dictionary<int, byte> ReadClasses()
    {
        var data = UnicodeCompositionData.CombiningClasses;
        var map = new Dictionary<int, byte>();
        for (int i = 0; i < data.Length; i += 3)
        {
            for (int cp = data[i]; cp <= data[i + 1]; cp++)
            {
                map[cp] = (byte)data[i + 2];
            }
        }

        return map;
    }

    private static HashSet<int> ReadRuns(int[] data)
    {
        var set = new HashSet<int>();
        for (int i = 0; i < data.Length; i += 2)
        {
            for (int cp = data[i]; cp <= data[i + 1]; cp++)
            {
                set.Add(cp);
            }
        }

        return set;
    }
}
