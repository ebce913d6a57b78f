namespace Agensium.Analysis.Profile;

/// <summary>
/// An IBAN written inside free text ("Pay to BE68 5390 0754 7034 by Friday"): a bank account, personal financial data,
/// which score-risk names "iban" in a column of IBANs. It is written in capitals, plain ("DE89370400440532013000") or in
/// groups of four separated by one space, the last group of one to four ("NO93 8601 1117 947"), not joined to a letter
/// or digit on either side, and must pass the MOD 97-10 check, which one random code in 97 passes, at its country's
/// IBAN length (<see cref="IbanCheck"/>). A group of capitals after it ("… 7034 SENT") may be a word: each length the
/// groups allow is checked, longest first. Each start (two capitals and two digits after a non-alphanumeric character) reads at most 34 characters and
/// checks at most 8 lengths, and the search goes on after what it read, so the work is linear in the text.
/// </summary>
internal static class IbanInText
{
    private const int MinLength = 15; // Norway
    private const int MaxLength = 34;
    private const int GroupLength = 4;

    /// <summary>
    /// True when <paramref name="text"/> holds an IBAN, at <paramref name="from"/> (a <see cref="StartsAt"/>) or after
    /// it, with a letter outside it; <paramref name="letters"/> is the number of letters in the text.
    /// <paramref name="steps"/> grows by the characters looked at.
    /// </summary>
    public static bool Contains(string text, int from, int letters, ref long steps)
    {
        Span<int> ends = stackalloc int[(MaxLength / GroupLength) + 2];
        int i = from;
        while (i + GroupLength <= text.Length)
        {
            steps++;
            if (!StartsAt(text, i))
            {
                i++;
                continue;
            }

            int count = Candidates(text, i, ends, out int compactAtEnd, ref steps);
            for (int k = count - 1; k >= 0; k--)
            {
                int end = ends[k];
                steps += end - i;
                if (IbanCheck.IsIban(text.AsSpan(i, end - i)) && letters - EmbeddedPii.LettersIn(text, i, end - i) > 0)
                {
                    return true;
                }
            }

            i = Math.Max(i + 1, count > 0 ? ends[count - 1] : i + compactAtEnd);
        }

        return false;
    }

    /// <summary>True when an IBAN may start at <paramref name="i"/>: two capitals and two digits (a country code and the check digits), not after a letter or digit.</summary>
    public static bool StartsAt(string text, int i) =>
        i + GroupLength <= text.Length && char.IsAsciiLetterUpper(text[i]) && char.IsAsciiLetterUpper(text[i + 1]) && char.IsAsciiDigit(text[i + 2])
        && char.IsAsciiDigit(text[i + 3]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1]));

    // The ends (text indexes) of the IBANs that may start at start, shortest first, each at least MinLength characters
    // without spaces: the end of a plain run, or of each group of a grouped one. Returns how many; compactAtEnd is the
    // length of the first run when none fits.
    private static int Candidates(string text, int start, Span<int> ends, out int compactAtEnd, ref long steps)
    {
        int first = RunEnd(text, start, ref steps);
        compactAtEnd = first - start;
        if (Joined(text, first))
        {
            return 0;
        }

        if (compactAtEnd != GroupLength)
        {
            ends[0] = first;
            return compactAtEnd is >= MinLength and <= MaxLength ? 1 : 0;
        }

        int count = 0;
        int compact = GroupLength;
        int end = first;
        while (compact < MaxLength && end + 1 < text.Length && text[end] == ' ')
        {
            int groupEnd = RunEnd(text, end + 1, ref steps);
            int group = groupEnd - (end + 1);
            if (group is 0 or > GroupLength || Joined(text, groupEnd) || compact + group > MaxLength)
            {
                break;
            }

            compact += group;
            end = groupEnd;
            if (compact >= MinLength)
            {
                ends[count++] = end;
            }

            if (group < GroupLength)
            {
                break; // the last group is the short one
            }
        }

        return count;
    }

    // The end of a run of capitals and digits starting at i, read at most MaxLength + 1 characters far.
    private static int RunEnd(string text, int i, ref long steps)
    {
        int limit = Math.Min(text.Length, i + MaxLength + 1);
        int end = i;
        while (end < limit && (char.IsAsciiLetterUpper(text[end]) || char.IsAsciiDigit(text[end])))
        {
            end++;
        }

        steps += end - i;
        return end;
    }

    // A letter or digit right after a run ("BE68x", a lower-case word glued on) joins it to something else.
    private static bool Joined(string text, int end) => end < text.Length && char.IsLetterOrDigit(text[end]);
}
