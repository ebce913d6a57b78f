namespace Agensium.Analysis.Input;

/// <summary>
/// Comment lines at the very start of a CSV ("# exported by …", with blank lines among them), above the header: skipped
/// and listed with the title lines. A line starting with '#' anywhere below is data (a hashtag, a colour "#FF0000"), and
/// a last '#' line directly above a row of data with as many fields is the header ("#id,name,value"), not a comment.
/// </summary>
internal static class LeadingComments
{
    private const char Mark = '#';

    /// <summary>
    /// The leading comment lines of <paramref name="prefix"/> (the file's first characters, <paramref name="complete"/>
    /// when that is the whole file), and how many characters and physical lines (blank ones among them included) they take.
    /// </summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE when the comments run on past the prefix.</exception>
    public static (IReadOnlyList<string> Lines, int Chars, int PhysicalLines) Find(string prefix, bool complete, string displayName)
    {
        var comments = new List<(string Text, int End, int Physical)>();
        int at = 0;
        int physical = 0;
        while (at < prefix.Length)
        {
            int length = prefix.AsSpan(at).IndexOfAny('\r', '\n');
            bool cut = length < 0;
            length = cut ? prefix.Length - at : length;
            var line = prefix.AsSpan(at, length);
            if (!line.IsWhiteSpace() && line[0] != Mark)
            {
                var taken = Taken(comments, IsHeader(comments, line) ? comments.Count - 1 : comments.Count);
                // The header and the rows that tell its delimiter must follow in the first bytes read.
                if (!complete && taken.Item2 > prefix.Length / 2)
                {
                    throw TooLong(displayName, prefix.Length / 2);
                }

                return taken;
            }

            if (cut && !complete)
            {
                break;
            }

            int next = cut ? prefix.Length : PastLineEnd(prefix, at + length);
            physical++;
            if (!line.IsWhiteSpace())
            {
                comments.Add((line.ToString(), next, physical));
            }

            at = next;
        }

        // Comments up to the end of the first bytes read: the header is not among them.
        if (!complete && comments.Count > 0)
        {
            throw TooLong(displayName, prefix.Length / 2);
        }

        // Nothing but comments and blank lines: all skipped, and the file is then found empty.
        return Taken(comments, comments.Count);
    }

    /// <summary>The index after the line starting at <paramref name="start"/> and its line end (CR, LF or CRLF).</summary>
    public static int LineEnd(string text, int start)
    {
        int length = text.AsSpan(start).IndexOfAny('\r', '\n');
        return length < 0 ? text.Length : PastLineEnd(text, start + length);
    }

    // The index after the line end (CR, LF or CRLF) that starts at end.
    private static int PastLineEnd(string text, int end) => end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);

    private static AnalysisException TooLong(string displayName, int chars) => new(AnalysisErrorCodes.InvalidInputFile,
        $"Input file '{displayName}' cannot be read: more than {chars / 1024} KiB of '#' comment lines before the header.");

    private static (IReadOnlyList<string>, int, int) Taken(List<(string Text, int End, int Physical)> comments, int count) =>
        count == 0 ? ([], 0, 0) : ([.. comments.Take(count).Select(c => c.Text)], comments[count - 1].End, comments[count - 1].Physical);

    // The last comment is the header when it names its fields (no number among them: "# Report, Q1, 2024" is a note) and
    // the first line below it is data (holds a number) with as many fields, two or more.
    private static bool IsHeader(List<(string Text, int End, int Physical)> comments, ReadOnlySpan<char> first)
    {
        if (comments.Count == 0)
        {
            return false;
        }

        char delimiter = DelimiterDetector.Detect(first);
        int width = HeaderLocator.Fields(first, delimiter);
        string last = comments[^1].Text;
        return width >= 2 && HeaderLocator.Fields(last, delimiter) == width && HeaderLocator.HasNumber(first, delimiter)
            && !HeaderLocator.HasNumber(last, delimiter);
    }
}
