using System.Text;

namespace Agensium.Analysis.Input;

/// <summary>
/// Reads the text of a JSON Lines file's records, one line each. LF, CRLF and a lone CR each end a line, as for every
/// other input and as the messages count lines (<see cref="EditorLines"/>), with one exception: a lone CR that stands
/// between the values of a record whose object or list is still open is JSON's own white space, and the record goes
/// on after it. It ended the line there (stop 45 to 46), so a valid record with a CR between two of its values was cut
/// in two and refused. A CR-only (classic Mac) file's records are each whole at their CR, so each is still one line. A
/// raw CR cannot stand inside a JSON string, so one there still ends the line (the record is refused either way, at its
/// own line); LF and CRLF always end one, so a record left open (a missing brace) never takes the next LF line.
/// </summary>
internal static class JsonRecordLines
{
    /// <summary>
    /// The next record's text, read at most <see cref="CsvTableReader.MaxRowChars"/> characters far (the rest of a longer
    /// one is skipped, <paramref name="tooLong"/> set), or null at the end of the file. <paramref name="innerLineEnds"/>
    /// counts the lone CRs the record was read across (each a line of the editor's), so that the next record's line is
    /// counted right.
    /// </summary>
    public static string? Read(TextReader reader, out bool tooLong, out int innerLineEnds)
    {
        tooLong = false;
        innerLineEnds = 0;
        if (reader.Peek() < 0)
        {
            return null;
        }

        var line = new StringBuilder();
        var open = default(OpenValues);
        int c;
        while ((c = reader.Read()) >= 0 && c != '\n')
        {
            if (c == '\r')
            {
                if (reader.Peek() == '\n')
                {
                    reader.Read();
                    break;
                }

                if (!open.InObjectOrList)
                {
                    break;
                }

                innerLineEnds++;
            }
            else
            {
                open.Follow((char)c);
            }

            if (line.Length < CsvTableReader.MaxRowChars)
            {
                line.Append((char)c);
            }
            else
            {
                tooLong = true;
            }
        }

        return tooLong ? "" : line.ToString();
    }

    /// <summary>How many objects and lists of a record's text are open, and whether a string is, outside its strings.</summary>
    private struct OpenValues
    {
        private int _depth;
        private bool _inString;
        private bool _escaped;

        /// <summary>True between the values of an open object or list: white space there is the record's own.</summary>
        public readonly bool InObjectOrList => _depth > 0 && !_inString;

        public void Follow(char c)
        {
            if (_inString)
            {
                if (_escaped)
                {
                    _escaped = false;
                }
                else if (c == '\\')
                {
                    _escaped = true;
                }
                else if (c == '"')
                {
                    _inString = false;
                }

                return;
            }

            switch (c)
            {
                case '"':
                    _inString = true;
                    break;
                case '{' or '[':
                    _depth++;
                    break;
                case '}' or ']':
                    _depth--;
                    break;
            }
        }
    }
}
