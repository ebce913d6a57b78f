namespace Agensium.Scheduler.Data;

/// <summary>Text cut to a column's length without leaving half of a character behind.</summary>
public static class StoredText
{
    /// <summary>
    /// The first <paramref name="maxChars"/> UTF-16 units of <paramref name="text"/>, one fewer when the cut would fall
    /// between the two halves of a surrogate pair (an emoji, most CJK extension letters): Npgsql encodes strictly, so a
    /// lone high surrogate fails the whole statement (an operator action on a 199-letter name plus an emoji was a 500
    /// with no audit row).
    /// </summary>
    public static string Clip(string text, int maxChars) => Agensium.Analysis.WholeCharacters.Prefix(text, maxChars);
}
