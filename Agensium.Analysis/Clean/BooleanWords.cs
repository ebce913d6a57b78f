namespace Agensium.Analysis.Clean;

/// <summary>
/// The spellings of a boolean that exports write (AGENSIUM's check names true/false, 1/0 and yes/no; y/n and t/f are
/// the short forms), any case: what quarantine-agent's expected_schema boolean accepts and what cleanse-previewer's
/// convert_types boolean keeps, so the preview never counts as lost a flag that quarantine takes as a boolean.
/// type-fixer converts no column to boolean.
/// </summary>
internal static class BooleanWords
{
    private static readonly string[] Words = ["true", "false", "yes", "no", "y", "n", "t", "f", "1", "0"];

    /// <summary>True when <paramref name="value"/>, trimmed, is one of the words.</summary>
    public static bool Is(string value)
    {
        var text = value.AsSpan().Trim();
        foreach (string word in Words)
        {
            if (text.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
