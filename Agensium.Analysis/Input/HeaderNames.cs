namespace Agensium.Analysis.Input;

/// <summary>Makes header names unique and non-empty, deterministically.</summary>
public static class HeaderNames
{
    /// <summary>
    /// An empty or whitespace-only header becomes <c>column_{n}</c> (n = 1-based position); a repeated name gets
    /// the smallest suffix <c>_2</c>, <c>_3</c>… that no other header uses. The first occurrence keeps its name.
    /// </summary>
    public static IReadOnlyList<string> MakeUnique(IReadOnlyList<string> raw, out IReadOnlyList<HeaderRename> renames)
    {
        var reserved = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in raw)
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                reserved.Add(name);
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var names = new string[raw.Count];
        var changes = new List<HeaderRename>();
        for (int i = 0; i < raw.Count; i++)
        {
            string original = raw[i];
            bool empty = string.IsNullOrWhiteSpace(original);
            string name = empty ? $"column_{i + 1}" : original;
            if (used.Contains(name) || (empty && reserved.Contains(name)))
            {
                name = NextFree(name, reserved, used);
            }

            used.Add(name);
            names[i] = name;
            if (!string.Equals(name, original, StringComparison.Ordinal))
            {
                changes.Add(new HeaderRename(i, original, name, empty ? "empty" : "duplicate"));
            }
        }

        renames = changes;
        return names;
    }

    private static string NextFree(string stem, HashSet<string> reserved, HashSet<string> used)
    {
        for (int k = 2; ; k++)
        {
            string candidate = $"{stem}_{k}";
            if (!reserved.Contains(candidate) && !used.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}
