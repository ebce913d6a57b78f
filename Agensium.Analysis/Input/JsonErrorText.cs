namespace Agensium.Analysis.Input;

/// <summary>
/// What a user reads of System.Text.Json's refusal of a file: its first sentence, without the advice meant for the
/// programmer ("Change the reader options.") and the 0-based position ("LineNumber: 3 | BytePositionInLine: 2.").
/// </summary>
internal static class JsonErrorText
{
    /// <summary>The first sentence of <paramref name="message"/>, without its full stop.</summary>
    public static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
