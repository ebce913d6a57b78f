namespace Agensium.Analysis;

/// <summary>Text cut short without leaving half of a character behind.</summary>
public static class WholeCharacters
{
    /// <summary>
    /// The first <paramref name="maxChars"/> UTF-16 units of <paramref name="text"/>, one fewer when the cut would fall
    /// between the two halves of a surrogate pair (an emoji, most CJK extension letters): a lone half is no text, and a
    /// strict encoder (Npgsql's) refuses it.
    /// </summary>
    public static string Prefix(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        int end = maxChars > 0 && char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return text[..end];
    }
}
