using System.Globalization;
using System.Text;

namespace Agensium.Analysis.Clean;

/// <summary>
/// The text rules of field-standardization for one cell: trim, collapse runs of white space (line breaks kept), synonyms,
/// then case (of the synonym's value too), and the result in Unicode form C (<see cref="Common.ComposedText"/>: "Café"
/// with e + a combining acute is written with one é, so one value is one text in the cleaned file).
/// </summary>
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

        text = s.CaseStrategy switch
        {
            "lowercase" => Common.PythonCase.Lower(text), // Python's full mappings: "İstanbul" → "i̇stanbul"
            "uppercase" => Common.PythonCase.Upper(text), // "Straße" → "STRASSE", "ılık" → "ILIK"
            "titlecase" => Title(text),
            _ => text,
        };
        return Common.ComposedText.Of(text);
    }

    /// <summary>
    /// Title case as Python's str.title (AGENSIUM): a cased letter after a cased letter lower-case, any other upper-case,
    /// so a word starts after a hyphen ("Jean-Luc", "O'Brien-Smith"; .NET's ToTitleCase wrote "O'neil"). Three
    /// exceptions, where str.title writes what no one would: a letter right after a digit stays lower-case ("3rd",
    /// "21st", not "3Rd"), after an apostrophe a new word starts only behind a one-letter elision or prefix ("O'Neil",
    /// "D'Arc", "L'Oréal"; not "I'm"), not in a contraction or possessive ("Don't", "It's", "Mcdonald's", "1990's", not "Don'T"),
    /// and a combining mark continues the word of the letter it marks ("E\u0301mile" → "Émile" as "Émile" does; str.title
    /// writes "ÉMile").
    /// Letters are cased by Python's full mappings (<see cref="Common.PythonCase"/>): a word's first "ß" is "Ss", "ǆ" is
    /// "ǅ", "ı" is "I"; an "İ" inside a word is "i̇", a word's last "Σ" is "ς" ("ΟΔΟΣ" → "Οδος"), as str.title writes them.
    /// A word runs over Python's cased characters ("ª", "ʰ" too; .NET's upper, lower and title-case letters were taken).
    /// </summary>
    internal static string Title(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool afterDigit = false;
        int run = 0; // cased letters just before this character
        int runBeforeApostrophe = -1; // when the previous character is an apostrophe: the cased letters before it
        int length; // UTF-16 units of this character
        for (int i = 0; i < text.Length; i += length)
        {
            // Character by character as Python reads them, not by UTF-16 unit: a letter outside the BMP (𝐀, Deseret
            // 𐐨, Adlam 𞤢) is two units, neither of them cased, so "𐐨𐐨" stayed "𐐨𐐨" (Python: "𐐀𐐨") and "𝐀BC" was "𝐀Bc" ("𝐀bc").
            (int codePoint, length) = Common.PythonCase.CodePointAt(text, i);
            char c = text[i];
            bool cased = Common.PythonCase.IsCased(codePoint);
            if (!cased)
            {
                sb.Append(text, i, length);
            }
            else if (run > 0 || afterDigit || runBeforeApostrophe > 1)
            {
                Common.PythonCase.AppendLower(sb, text, i);
            }
            else
            {
                Common.PythonCase.AppendTitle(sb, codePoint);
            }
            if (!cased && IsCombiningMark(codePoint))
            {
                // A combining mark belongs to the character before it: "Mu\u0308ller" (u + a combining diaeresis, as
                // macOS and some exports write it) is one word as "Müller" is, not "MüLler" (str.title starts a word
                // after the mark, which is not cased), so both spellings title-case to one value.
                continue;
            }

            // "I'm", "I'll" are contractions of the one-letter word I; "1990's" the possessive of a number.
            runBeforeApostrophe = c is '\'' or '\u2019' ? (((run == 1 && text[i - 1] is 'I' or 'i') || afterDigit) ? 2 : run) : -1;
            run = cased ? run + 1 : 0;
            afterDigit = length == 1 ? char.IsDigit(c) : Rune.IsDigit(new Rune(codePoint));
        }

        return sb.ToString();
    }

    // Every combining mark lies at or above U+0300; below it the category is never looked up.
    private static bool IsCombiningMark(int codePoint) =>
        codePoint >= 0x300 && CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

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
