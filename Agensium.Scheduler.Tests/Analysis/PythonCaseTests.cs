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

    // Stop 47: .NET 10 cases the pairs Unicode 15-16 added in its globalization-invariant mode (its tables are Unicode
    // 16) and not with ICU 72 (Unicode 15), so "ƛ" upper-cased was "Ƛ" (U+A7DC) or "ƛ" by the mode; Python 3.11
    // (Unicode 14), which these mappings follow, keeps every one. The service runs in the invariant mode, where each row
    // was cased; in ICU mode every row holds both before and after (checked over every code point by a scratch program).
    [TestMethod]
    [DataRow("\u019B", DisplayName = "ƛ U+019B")]
    [DataRow("\uA7DC", DisplayName = "U+A7DC, its capital in Unicode 16")]
    [DataRow("\u0264", DisplayName = "ɤ U+0264")]
    [DataRow("\uA7CB", DisplayName = "U+A7CB, its capital in Unicode 16")]
    [DataRow("\u1C8A", DisplayName = "U+1C8A")]
    [DataRow("\u1C89", DisplayName = "U+1C89")]
    [DataRow("\uA7CD", DisplayName = "U+A7CD")]
    [DataRow("\uA7CC", DisplayName = "U+A7CC")]
    [DataRow("\uA7DB", DisplayName = "U+A7DB")]
    [DataRow("\uA7DA", DisplayName = "U+A7DA")]
    [DataRow("\U00010D70", DisplayName = "Garay small U+10D70")]
    [DataRow("\U00010D85", DisplayName = "Garay small U+10D85")]
    [DataRow("\U00010D50", DisplayName = "Garay capital U+10D50")]
    public void Casing_ShouldKeepACasePairNewerThanPythonsUnicode_AsPythonDoes(string letter)
    {
        Assert.AreEqual(letter, PythonCase.Upper(letter));
        Assert.AreEqual(letter, PythonCase.Lower(letter));
        var titled = new StringBuilder();
        PythonCase.AppendTitle(titled, char.ConvertToUtf32(letter, 0));
        Assert.AreEqual(letter, titled.ToString());
        var lowered = new StringBuilder();
        PythonCase.AppendLower(lowered, letter, 0);
        Assert.AreEqual(letter, lowered.ToString());
        // Within a text the letters around it are cased, an ß and a capital sigma as Python writes them.
        Assert.AreEqual("STRASSE " + letter + "\u00C4\U00010400", PythonCase.Upper("straße " + letter + "\u00E4\U00010428"));
        Assert.AreEqual("\u03B1\u03C2 " + letter + "\u00E4\U00010428", PythonCase.Lower("\u0391\u03A3 " + letter + "\u00C4\U00010400"));
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
