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

    /// <summary>
    /// " Did you mean 'type-fixer'?" for one unknown name a known one is close to (<see cref="Common.NameSuggestion"/>:
    /// "type_fixer" is type-fixer written in another convention); for several, " Did you mean 'type-fixer' for
    /// 'type_fixer', …?" over the names a message repeats; "" when none is close. Appended to a sentence's full stop.
    /// </summary>
    public static string Hint(IEnumerable<string> names, IReadOnlyList<string> known)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).Take(Shown).ToList();
        var meant = distinct.Select(n => (Name: n, Meant: Common.NameSuggestion.Closest(n, known))).Where(x => x.Meant is not null).ToList();
        return meant switch
        {
            [] => "",
            [var one] when distinct.Count == 1 => $" Did you mean '{one.Meant}'?",
            _ => $" Did you mean {string.Join(", ", meant.Select(x => $"'{x.Meant}' for '{Shorten(x.Name)}'"))}?",
        };
    }

    // Cut short without splitting a surrogate pair: half an emoji is no text (a strict encoder refuses it).
    private static string Shorten(string name) =>
        name.Length <= MaxNameLength ? name : WholeCharacters.Prefix(name, MaxNameLength) + "…";
}
