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
                return Taken(comments, IsHeader(comments, line) ? comments.Count - 1 : comments.Count);
            }

            if (cut && !complete)
            {
                throw new AnalysisException(AnalysisErrorCodes.InvalidInputFile,
                    $"Input file '{displayName}' cannot be read: more than {TextFileSniffer.SniffBytes / 1024} KiB of '#' comment lines before the header.");
            }

            int end = at + length;
            int next = cut ? end : end + (prefix[end] == '\r' && end + 1 < prefix.Length && prefix[end + 1] == '\n' ? 2 : 1);
            physical++;
            if (!line.IsWhiteSpace())
            {
                comments.Add((line.ToString(), next, physical));
            }

            at = next;
        }

        // Nothing but comments and blank lines: all skipped, and the file is then found empty.
        return Taken(comments, comments.Count);
    }

    private static (IReadOnlyList<string>, int, int) Taken(List<(string Text, int End, int Physical)> comments, int count) =>
        count == 0 ? ([], 0, 0) : ([.. comments.Take(count).Select(c => c.Text)], comments[count - 1].End, comments[count - 1].Physical);

    // The last comment is the header when the first line below it is data (it holds a number) with as many fields, two or more.
    private static bool IsHeader(List<(string Text, int End, int Physical)> comments, ReadOnlySpan<char> first)
    {
        if (comments.Count == 0)
        {
            return false;
        }

        char delimiter = DelimiterDetector.Detect(first);
        int width = HeaderLocator.Fields(first, delimiter);
        return width >= 2 && HeaderLocator.Fields(comments[^1].Text, delimiter) == width && HeaderLocator.HasNumber(first, delimiter);
    }
}
