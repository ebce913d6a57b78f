using System.Globalization;
using System.Text;

namespace Agensium.Analysis.Clean;

/// <summary>The text rules of field-standardization for one cell: trim, collapse runs of whitespace, case, then synonyms.</summary>
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
            return canonical;
        }

        return s.CaseStrategy switch
        {
            "lowercase" => text.ToLowerInvariant(),
            "uppercase" => text.ToUpperInvariant(),
            "titlecase" => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text.ToLowerInvariant()),
            _ => text,
        };
    }

    private static string Collapse(string text)
    {
        if (!NeedsCollapse(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space)
                {
                    sb.Append(' ');
                }

                space = true;
                continue;
            }

            sb.Append(c);
            space = false;
        }

        return sb.ToString();
    }

    // True when some white space is not a lone ' ' (a run, or a tab, newline or other space character).
    private static bool NeedsCollapse(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))))
            {
                return true;
            }
        }

        return false;
    }
}
