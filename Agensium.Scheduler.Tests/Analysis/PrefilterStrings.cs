namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// Strings for comparing a cheap pre-filter with the full check it guards: random texts over characters chosen to sit
/// at the filters' edges (ASCII and Unicode digits, full-width '＠', signs, exponents, NUL, white space of both kinds,
/// combining marks, surrogates) and random sequences of tokens that make whole numbers, e-mail addresses and dates.
/// </summary>
internal static class PrefilterStrings
{
    private static readonly string[] Characters =
    [
        "0", "1", "5", "9", "+", "-", ".", ",", "e", "E", " ", "\t", "\n", "\r", "\0", "\u00A0", "\u2003", "/", ":", "(", ")",
        "@", "\uFF20", "_", "%", "'", "a", "b", "z", "A", "M", "N", "I", "n", "f", "T", "x", "\uFF11", "\u0663", "\u00B2",
        "\u00E9", "\u00DF", "\u0430", "\u0301", "\u2212", "\u221E", "\u0131", "\u0130", "\u212A", "\uD83D\uDE00", "\uD83D",
    ];

    /// <summary>Random texts of 0–24 of <see cref="Characters"/> and of <paramref name="tokens"/>, reproducible by <paramref name="seed"/>.</summary>
    public static IEnumerable<string> Random(int seed, int count, IReadOnlyList<string> tokens)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var pool = i % 2 == 0 ? Characters : tokens;
            int length = random.Next(0, i % 2 == 0 ? 25 : 9);
            var text = new System.Text.StringBuilder();
            for (int j = 0; j < length; j++)
            {
                text.Append(pool[random.Next(pool.Count)]);
            }

            yield return text.ToString();
        }
    }

    /// <summary>
    /// <paramref name="count"/> texts made by <paramref name="make"/>, every other one then changed at one or two random
    /// places (a character of <see cref="Characters"/> put in, put instead, or one taken out), reproducible by <paramref name="seed"/>.
    /// </summary>
    public static IEnumerable<string> Mutated(int seed, int count, Func<Random, string> make)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var text = new System.Text.StringBuilder(make(random));
            for (int edits = i % 2 == 0 ? 0 : random.Next(1, 3); edits > 0; edits--)
            {
                int at = random.Next(text.Length + 1);
                string c = Characters[random.Next(Characters.Length)];
                switch (random.Next(3))
                {
                    case 0:
                        text.Insert(at, c);
                        break;
                    case 1 when at < text.Length:
                        text.Remove(at, 1).Insert(at, c);
                        break;
                    default:
                        text.Remove(Math.Min(at, Math.Max(0, text.Length - 1)), text.Length > 0 ? 1 : 0);
                        break;
                }
            }

            yield return text.ToString();
        }
    }

    /// <summary>Picks one of <paramref name="items"/>.</summary>
    public static string Pick(this Random random, params string[] items) => items[random.Next(items.Length)];

    /// <summary>Between <paramref name="min"/> and <paramref name="max"/> picks of <paramref name="items"/>, joined.</summary>
    public static string Run(this Random random, int min, int max, params string[] items) =>
        string.Concat(Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => random.Pick(items)));

    /// <summary>A string with its non-printable characters escaped, for an assertion's message.</summary>
    public static string Show(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}"));
}
