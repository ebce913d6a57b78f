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
        PythonCase.AppendLower(lowered, c);

        Assert.AreEqual(title, titled.ToString());
        Assert.AreEqual(lower, lowered.ToString());
    }
}
