namespace Agensium.Analysis.Common;

/// <summary>"Did you mean …?": the known name a misspelt one was probably meant to be.</summary>
public static class NameSuggestion
{
    /// <summary>The name of <paramref name="known"/> nearest to <paramref name="name"/>: the same letters in another case, or at most two edits away (fewer for short names; swapping two neighbouring letters is one edit), or the same words in another convention (toolId, tool-id for tool_id), or the same words with a column called by another of its names (required_columns for required_fields), or the only known name holding all its words (lower_percentile for percentile_lower, enable_fuzzy_matching for fuzzy_matching) or holding it as a whole word (tool for tool_id); null when none is that close.</summary>
    public static string? Closest(string name, IReadOnlyList<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in known)
        {
            int distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)
                ? 0
                : EditDistance(SimpleCase.Lower(name), SimpleCase.Lower(candidate));
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        if (bestDistance <= Math.Min(2, Math.Max(1, name.Length / 4)))
        {
            return best;
        }

        // "toolId" or "tool-id" for tool_id: the same name written in another convention.
        string squashed = Squash(name);
        if (squashed.Length > 0 && known.FirstOrDefault(k => Squash(k) == squashed) is { } respelt)
        {
            return respelt;
        }

        // "required_columns" for required_fields: the same words, a column called by another of its names (field, col,
        // attribute, singular or plural), as the contract's required_columns beside stewardship's required_fields.
        string columnWords = ColumnWords(name);
        if (columnWords.Length > 0 && known.Where(k => ColumnWords(k) == columnWords).Take(2).ToList() is [var synonym])
        {
            return synonym;
        }

        // "percentile_lower" for lower_percentile, "fuzzy_matching" for enable_fuzzy_matching, "default_rule" for
        // default_survivorship_rule: a name of two words or more whose words are all words of one known name, in any
        // order (two such names would be a guess). Such names were "not used" without a hint.
        var words = Words(name);
        if (words.Length >= 2 && known.Where(k => words.All(Words(k).Contains)).Take(2).ToList() is [var wider])
        {
            return wider;
        }

        // "tool" for tool_id: the one known name that has it as a whole word (two such names would be a guess).
        var holding = known.Where(k => k.Split('_', '-').Contains(name, StringComparer.OrdinalIgnoreCase)).Take(2).ToList();
        return name.Length >= 3 && holding.Count == 1 ? holding[0] : null;
    }

    private static readonly HashSet<string> ColumnSynonyms = new(StringComparer.Ordinal)
    {
        "column", "columns", "col", "cols", "field", "fields", "attribute", "attributes",
    };

    // The name's words in lower case, each name of a column as "column"; "" when it has no such word.
    private static string ColumnWords(string name)
    {
        var words = SimpleCase.Lower(name).Split(['_', '-', ' ', '.'], StringSplitOptions.RemoveEmptyEntries);
        bool any = false;
        for (int i = 0; i < words.Length; i++)
        {
            if (ColumnSynonyms.Contains(words[i]))
            {
                (words[i], any) = ("column", true);
            }
        }

        return any ? string.Join('_', words) : "";
    }

    // The name's words in lower case (snake_case, kebab-case, dotted or spaced).
    private static string[] Words(string name) =>
        SimpleCase.Lower(name).Split(['_', '-', ' ', '.'], StringSplitOptions.RemoveEmptyEntries);

    private static string Squash(string name) =>
        SimpleCase.Lower(string.Concat(name.Where(char.IsLetterOrDigit)));

    /// <summary>Edits (insert, delete, replace, or swap two neighbouring letters: "alpah" is one from "alpha") between two names.</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(d[i - 1, j - 1] + cost, Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
