using System.Text.RegularExpressions;
using Agensium.Analysis.Common;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>Users' patterns run on the non-backtracking engine where it can, so a nested quantifier cannot stall a task.</summary>
[TestClass]
public sealed class UserRegexTests
{
    [TestMethod]
    [DataRow("(a+)+$", DisplayName = "nested quantifier")]
    [DataRow("^(?:(x+x+)+y)$", DisplayName = "a classic catastrophic pattern")]
    [DataRow(@"^[A-Z]{2}-\d{4}$", DisplayName = "an ordinary format")]
    public void Create_ShouldUseTheNonBacktrackingEngine_WhenItCanRunThePattern(string pattern)
    {
        var regex = UserRegex.Create(pattern);

        Assert.IsTrue(regex.Options.HasFlag(RegexOptions.NonBacktracking), regex.Options.ToString());
        // The value the backtracking engine timed out on, once per value (1 s each): a plain false here.
        Assert.IsFalse(regex.IsMatch(new string('a', 40) + "!" + new string('x', 30)));
    }

    [TestMethod]
    [DataRow(@"^(\w)\1$", "aa", "ab", DisplayName = "a backreference")]
    [DataRow(@"^(?=.*\d)\w+$", "ab1", "abc", DisplayName = "a lookahead")]
    public void Create_ShouldFallBackToTheBacktrackingEngineWithATimeout_WhenThePatternNeedsIt(string pattern, string match, string noMatch)
    {
        var regex = UserRegex.Create(pattern);

        Assert.IsFalse(regex.Options.HasFlag(RegexOptions.NonBacktracking));
        Assert.AreEqual(UserRegex.BacktrackingTimeout, regex.MatchTimeout);
        Assert.IsTrue(regex.IsMatch(match));
        Assert.IsFalse(regex.IsMatch(noMatch));
        Assert.IsTrue(UserRegex.IsMatch(match, pattern));
    }

    [TestMethod]
    public void IsMatch_ShouldMatchAsTheBacktrackingEngineDoes_ForEachPatternItIsGiven()
    {
        string[] patterns = [@"^\d{5}$", "^[a-z]+@[a-z]+\\.com$", "(?i)^active|inactive$", "^(a|ab)(c|bcd)(d*)$"];
        string[] values = ["12345", "1234", "ann@x.com", "ANN@x.com", "Active", "inactive", "abcd", "abcdd", ""];
        foreach (string pattern in patterns)
        {
            var reference = new Regex(pattern, RegexOptions.CultureInvariant);
            foreach (string value in values)
            {
                Assert.AreEqual(reference.IsMatch(value), UserRegex.IsMatch(value, pattern), $"{pattern} on '{value}'");
            }
        }

        Assert.ThrowsExactly<RegexParseException>(() => UserRegex.Create("(unclosed"));
    }
}
