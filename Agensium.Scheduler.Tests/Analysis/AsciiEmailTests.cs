using Agensium.Analysis.Common;
using static Agensium.Scheduler.Tests.Analysis.PrefilterStrings;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary><see cref="PatternValidators.IsEmail"/> matches ASCII text by hand: it must answer as the regex does for every text.</summary>
[TestClass]
public sealed class AsciiEmailTests
{
    private static readonly string[] Edges =
    [
        "a@b.cd", "a@b.c", "@b.cd", "a@.cd", "a@b..cd", "a@b.c1", "a@b.cd.", "a@@b.cd", "a b@c.de", " a@b.cd ", "a@b.cd\n", "a@b.cd\n\n",
        "\na@b.cd", "a@b.cd\0", "a@b.cd\u00A0", "\u2003a@b.cd", "\uFF41@b.cd", "a\uFF20b.cd", "hans.m\u00FCller@beispiel.de",
        "anna@przyk\u0142ad.pl", "a@b.\u00C4\u00D6", "user+tag@example.co.uk", "a%b@c.de", "a@b-c.de", "a@-.de", "a@b.d-e", "x@y.zz\u0301",
        "1@2.34", "1@2.ab", "a.@b.cd", ".a@b.cd", "a@b.cd@e.fg", "a_b@c_d.ef", "a'b@c.de", "a@b.cdefghijklmnop", "a@b.C", "a@b.CD",
        "yukiramirez47@gmail.com", "kcastro@verizon.net.", "a@b.c\u0131", "a@b.\u212A\u212A", "a@b.\uFF21\uFF22", "a\u0663@b.cd",
        "a@\u0663.cd", "\uD83D\uDE00@b.cd", "a@b.cd\uD83D", "@", "a@", "@.", ".@.", "a@b", "",
    ];

    private static readonly string[] Tokens =
        ["a", "Z", "0", "7", ".", "..", "@", "-", "_", "%", "+", " ", "\n", "com", "de", "x", "\u00FC", "\u0301", "\uFF20", "\u00A0", "\0", "'", "c1"];

    // local@domain.tld from parts of either kind: ASCII or not, valid or not.
    private static string Address(Random r) =>
        r.Run(0, 4, "a", "Z", "0", "_", "%", "+", "-", ".", "\u00FC", "'") + r.Pick("@", "@", "@", "\uFF20", "@@") + r.Run(0, 3, "b", "x1", "-", ".", "\u0142")
        + r.Pick(".", ".", "..", "") + r.Run(0, 3, "de", "c", "M", "1", "\u00C4", "\u0301") + r.Pick("", "", " ", "\n", "\u00A0");

    [TestMethod]
    public void IsEmail_ShouldAnswerAsTheRegex_WhenTextsAreEdgesOrRandom()
    {
        int matches = 0;
        int ascii = 0;
        foreach (string text in Edges.Concat(Random(51, 200_000, Tokens)).Concat(Mutated(55, 200_000, Address)))
        {
            bool expected = PatternValidators.IsEmailByRegex(text);
            Assert.AreEqual(expected, PatternValidators.IsEmail(text), Show(text));
            matches += expected ? 1 : 0;
            ascii += text.Contains('@') && AsciiEmail.Applies(text.AsSpan().Trim()) ? 1 : 0;
        }

        // Matches and ASCII texts with an '@' (the hand-written path) are both common, so both answers are compared.
        Assert.IsTrue(matches > 1_000 && ascii > 50_000, $"{matches} matches, {ascii} ASCII texts with an '@'");
    }
}
