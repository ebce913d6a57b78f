using System.Text;
using Agensium.Analysis.Common;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>The casing of single letters as Python's str.title and str.lower write them, and the fast path below ß.</summary>
[TestClass]
public sealed class PythonCaseTests
{
    [TestMethod]
    public void Tables_ShouldMapNoCharacterBelowSharpS_WhichTheLetterCasingLooksUpWithoutThem()
    {
        // AppendTitle and AppendLower skip the tables below ß (every ASCII letter of a title-cased cell): a generated
        // table with a lower key would be ignored there.
        var keys = PythonCaseData.Upper.Keys.Concat(PythonCaseData.Lower.Keys).Concat(PythonCaseData.Title.Keys).ToList();

        Assert.IsNotEmpty(keys);
        Assert.AreEqual('\u00DF', keys.Min());
    }

    [TestMethod]
    [DataRow('a', "A", "a")]
    [DataRow('Q', "Q", "q")]
    [DataRow('é', "É", "é")]
    [DataRow('ß', "Ss", "ß")]
    [DataRow('ǆ', "ǅ", "ǆ")]
    [DataRow('İ', "İ", "i\u0307")]
    public void AppendTitleAndLower_ShouldCaseALetterAsPythonDoes(char c, string title, string lower)
    {
        var titled = new StringBuilder();
        PythonCase.AppendTitle(titled, c);
        var lowered = new StringBuilder();
        PythonCase.AppendLower(lowered, c.ToString(), 0);

        Assert.AreEqual(title, titled.ToString());
        Assert.AreEqual(lower, lowered.ToString());
    }

    [TestMethod]
    [DataRow("\u039F\u0394\u039F\u03A3 \u0391\u0398\u0397\u039D\u0391\u03A3", "\u03BF\u03B4\u03BF\u03C2 \u03B1\u03B8\u03B7\u03BD\u03B1\u03C2")] // ΟΔΟΣ ΑΘΗΝΑΣ → οδος αθηνας
    [DataRow("\u03A3\u0391\u03A3.", "\u03C3\u03B1\u03C2.")] // ΣΑΣ. → σας. (a period is case-ignorable)
    [DataRow("\u0391\u03A3'\u0392", "\u03B1\u03C3'\u03B2")] // ΑΣ'Β → ασ'β (a letter behind the apostrophe)
    [DataRow("\u0391.\u03A3", "\u03B1.\u03C2")] // Α.Σ → α.ς
    [DataRow("\u0391\u03A3\u0301\u0392", "\u03B1\u03C3\u0301\u03B2")] // a combining accent is skipped
    [DataRow("\u0391\u03A3\U0001F3FB", "\u03B1\u03C2\U0001F3FB")] // so is a skin-tone modifier (two UTF-16 units)
    [DataRow("\u00AA\u03A3", "\u00AA\u03C2")] // ª is cased in Python (Other_Lowercase), not a letter with case in .NET
    [DataRow("\u03A3", "\u03C3")] // alone: no cased letter before it
    [DataRow("1\u03A3", "1\u03C3")]
    public void Lower_ShouldWriteAFinalSigmaWherePythonDoes(string text, string expected)
    {
        // Each expected value is Python 3.11's str.lower of the text; the final sigma was never written ("οδοσ").
        Assert.AreEqual(expected, PythonCase.Lower(text));
    }

    [TestMethod]
    [DataRow('\u00AA', true)] // ª
    [DataRow('\u02B0', true)] // ʰ
    [DataRow('\u24D0', true)] // ⓐ
    [DataRow('\u2160', true)] // Ⅰ
    [DataRow('\u05D0', false)] // א has no case
    [DataRow('1', false)]
    [DataRow('\'', false)]
    public void IsCased_ShouldBePythonsCasedProperty(char c, bool cased)
    {
        // .NET's upper, lower and title-case letters leave out ª, ʰ, ⓐ and Ⅰ, which str.title counts as cased.
        Assert.AreEqual(cased, PythonCase.IsCased(c));
    }
}
