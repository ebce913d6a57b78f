using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Agensium.Analysis.Common;

/// <summary>
/// Regular expressions a user gives in parameters (format rules, format tests, contract and resolver patterns). They run
/// on .NET's non-backtracking engine, in time linear in the value, so a pattern such as <c>(a+)+$</c> cannot take
/// seconds per value (the backtracking engine waited out its 1 s timeout on every value: 14 hours for 50k rows). A
/// pattern that engine cannot run (a backreference, a lookaround, an atomic group) uses the backtracking engine with a
/// 1 s timeout per value. An invalid pattern throws <see cref="ArgumentException"/> as before.
/// </summary>
public static class UserRegex
{
    /// <summary>The per-value limit of a pattern the non-backtracking engine cannot run.</summary>
    public static readonly TimeSpan BacktrackingTimeout = TimeSpan.FromSeconds(1);

    private const int CacheSize = 256;
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>The pattern compiled as described above.</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public static Regex Create(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, BacktrackingTimeout);
        }
    }

    /// <summary><see cref="Regex.IsMatch(string)"/> of <paramref name="pattern"/>, compiled once per pattern.</summary>
    public static bool IsMatch(string value, string pattern)
    {
        if (!Cache.TryGetValue(pattern, out var regex))
        {
            if (Cache.Count >= CacheSize)
            {
                Cache.Clear();
            }

            regex = Cache.GetOrAdd(pattern, Create);
        }

        return regex.IsMatch(value);
    }
}
