namespace Agensium.Analysis.Reporting.Excel;

/// <summary>Hands out valid, unique worksheet names: at most 31 characters, none of []:*?/\, no leading or trailing quote.</summary>
public sealed class SheetNames
{
    /// <summary>Excel's limit on a sheet name.</summary>
    public const int MaxLength = 31;

    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase) { "History" };

    /// <summary>A valid name close to <paramref name="wanted"/>, made unique with a " (2)" style suffix when taken (case-insensitively, as Excel compares).</summary>
    public string Next(string wanted)
    {
        string name = Clean(wanted);
        string candidate = name;
        for (int n = 2; !_used.Add(candidate); n++)
        {
            string suffix = $" ({n})";
            candidate = name[..Math.Min(name.Length, MaxLength - suffix.Length)] + suffix;
        }

        return candidate;
    }

    private static string Clean(string wanted)
    {
        var chars = CellText.Safe(wanted).Where(c => !char.IsControl(c)).Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? '_' : c).ToArray();
        string name = new string(chars).Trim().Trim('\'').Trim();
        if (name.Length > MaxLength)
        {
            name = name[..MaxLength];
            if (char.IsHighSurrogate(name[^1]))
            {
                name = name[..^1];
            }

            name = name.TrimEnd().TrimEnd('\'');
        }

        return name.Length == 0 ? "Sheet" : name;
    }
}
