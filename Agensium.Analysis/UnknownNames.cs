namespace Agensium.Analysis;

/// <summary>
/// The unknown names an error message repeats (UNKNOWN_AGENT): the first few, each cut short, and how many more. Naming
/// them all let 5,000 unknown agents make a 40 KB message, stored with the task and shown on every page listing it.
/// </summary>
public static class UnknownNames
{
    /// <summary>Names a message repeats; the rest are counted.</summary>
    public const int Shown = 5;

    /// <summary>Characters of one name a message repeats.</summary>
    public const int MaxNameLength = 100;

    /// <summary>
    /// "'a', 'b', 'c', 'd', 'e' and 12 more": distinct names, in the order given, each quoted, so that an empty name or
    /// one with spaces is seen ("no agent named ''", not "no agent named .").
    /// </summary>
    public static string Describe(IEnumerable<string> names)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        var shown = string.Join(", ", distinct.Take(Shown).Select(n => $"'{Shorten(n)}'"));
        return distinct.Count > Shown
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{shown} and {distinct.Count - Shown} more")
            : shown;
    }

    // Cut short without splitting a surrogate pair: half an emoji is no text (a strict encoder refuses it).
    private static string Shorten(string name) =>
        name.Length <= MaxNameLength ? name : WholeCharacters.Prefix(name, MaxNameLength) + "…";
}
