using System.Globalization;
using System.Text;

namespace Agensium.Analysis.Clean;

/// <summary>The text rules of field-standardization for one cell: trim, collapse runs of white space (line breaks kept), synonyms, then case (of the synonym's value too).</summary>
internal static class TextStandardizer
{
    public static string Apply(string value, FieldStandardizationSettings s, IReadOnlyDictionary<string, string>? synonyms)
    {
        string text = s.TrimWhitespace ? value.Trim() : value;
        if (s.CollapseSpaces)
        {
            text = Collapse(text);
        }

        if (synonyms is not null && synonyms.TryGetValue(text.Trim(), out string? canonical))
        {
            // The canonical value takes the column's case too: "NYC" → "New York" beside lower-cased "new york" would
            // leave the column with two spellings of one city.
            text = canonical;
        }

        return s.CaseStrategy switch
        {
            "lowercase" => text.ToLowerInvariant(),
            "uppercase" => text.ToUpperInvariant(),
            "titlecase" => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text.ToLowerInvariant()),
            _ => text,
        };
    }

    // A run of white space becomes one space, or, when it holds line breaks, those line breaks alone: a note's lines
    // and paragraphs stay lines and paragraphs ("one  \n\n  two" → "one\n\ntwo").
    private static string Collapse(string text)
    {
        if (!NeedsCollapse(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                sb.Append(text[i++]);
                continue;
            }

            int start = sb.Length;
            for (; i < text.Length && char.IsWhiteSpace(text[i]); i++)
            {
                if (text[i] is '\r' or '\n')
                {
                    sb.Append(text[i]);
                }
            }

            if (sb.Length == start)
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }

    // True when Collapse would change the text: white space other than lone spaces and line breaks, or a line break
    // next to other white space.
    private static bool NeedsCollapse(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!char.IsWhiteSpace(c))
            {
                continue;
            }

            bool nextIsSpace = i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]);
            if (c is '\r' or '\n')
            {
                bool previousIsBlank = i > 0 && char.IsWhiteSpace(text[i - 1]) && text[i - 1] is not ('\r' or '\n');
                bool nextIsBlank = nextIsSpace && text[i + 1] is not ('\r' or '\n');
                if (previousIsBlank || nextIsBlank)
                {
                    return true;
                }
            }
            else if (c != ' ' || nextIsSpace)
            {
                return true;
            }
        }

        return false;
    }
}
