using System.Buffers;

namespace Agensium.Analysis.Common;

/// <summary>
/// The e-mail pattern of <see cref="PatternValidators.IsEmail"/>,
/// <c>^[\p{L}\p{M}\p{N}._%+\-]+@[\p{L}\p{M}\p{N}.\-]+\.[\p{L}\p{M}]{2,}$</c>, matched by hand on ASCII text, where
/// \p{L} is A–Z and a–z, \p{N} is 0–9 and \p{M} is nothing: one '@' after a local part of letters, digits and "._%+-",
/// then a domain of letters, digits, '.' and '-' whose last '.' has something before it and two or more letters after
/// it. The regex, run on every value of an e-mail column past the profiler's distinct-value table, cost as much as the
/// rest of the value's classification; text with any other character is left to it (<c>AsciiEmailTests</c> compares
/// the two).
/// </summary>
internal static class AsciiEmail
{
    /// <summary>True when <paramref name="value"/> is ASCII, so that <see cref="IsMatch"/> answers for the regex.</summary>
    public static bool Applies(ReadOnlySpan<char> value) => !value.ContainsAnyExceptInRange('\0', '\u007F');

    /// <summary>The regex's answer for ASCII <paramref name="value"/> (already trimmed).</summary>
    public static bool IsMatch(ReadOnlySpan<char> value)
    {
        int at = value.IndexOf('@');
        if (at < 1)
        {
            return false;
        }

        var domain = value[(at + 1)..];
        if (value[..at].ContainsAnyExcept(LocalChars) || domain.ContainsAnyExcept(DomainChars))
        {
            return false;
        }

        int dot = domain.LastIndexOf('.');
        return dot >= 1 && domain.Length - dot - 1 >= 2 && !domain[(dot + 1)..].ContainsAnyExcept(AsciiLetters);
    }

    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly SearchValues<char> AsciiLetters = SearchValues.Create(Letters);

    private static readonly SearchValues<char> LocalChars = SearchValues.Create(Letters + "0123456789._%+-");

    private static readonly SearchValues<char> DomainChars = SearchValues.Create(Letters + "0123456789.-");
}
