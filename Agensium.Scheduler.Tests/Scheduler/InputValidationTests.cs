using Agensium.Scheduler.Api;

namespace Agensium.Scheduler.Tests.Scheduler;

[TestClass]
public sealed class InputValidationTests
{
    [TestMethod]
    [DataRow("data.csv")]
    [DataRow("Q3 report (final).xlsx")]
    [DataRow("données_été.csv")]
    [DataRow("parameters.json")]
    public void FileNameProblem_ShouldBeNull_WhenTheNameIsOrdinary(string name) =>
        Assert.IsNull(InputValidation.FileNameProblem(name));

    [TestMethod]
    [DataRow("")]
    [DataRow("   ")]
    [DataRow("a/b.csv")]
    [DataRow("a\\b.csv")]
    [DataRow("..")]
    [DataRow(".")]
    [DataRow("x..csv")]
    [DataRow("bad\u0000name.csv")]
    [DataRow("rtl\u202Evsc.exe")]
    [DataRow("trailing.csv ")]
    [DataRow("x%2Fy.csv")]    // an encoded slash stays encoded in a route value
    [DataRow("x%2fy.csv")]
    [DataRow("x%5Cy.csv")]
    public void FileNameProblem_ShouldExplain_WhenTheNameIsUnsafe(string name) =>
        Assert.IsFalse(string.IsNullOrEmpty(InputValidation.FileNameProblem(name)));

    [TestMethod]
    [DataRow(146, 'a', true)]    // 150 bytes
    [DataRow(147, 'a', false)]
    [DataRow(73, 'é', true)]     // 146 + 4 bytes of UTF-8
    [DataRow(74, 'é', false)]    // 74 characters, but 152 bytes
    public void FileNameProblem_ShouldCountBytesOfUtf8_WhenTheNameIsLong(int count, char c, bool accepted) =>
        Assert.AreEqual(accepted, InputValidation.FileNameProblem(new string(c, count) + ".csv") is null);

    [TestMethod]
    [DataRow("data.csv")]
    [DataRow("Q3 report (final).xlsx")]
    [DataRow("console.csv")]      // only the device names themselves are reserved
    [DataRow("COM10.csv")]
    [DataRow("aux_data.csv")]
    [DataRow(".hidden.csv")]
    public void PortableNameProblem_ShouldBeNull_WhenEveryNodeCanStoreTheName(string name) =>
        Assert.IsNull(InputValidation.PortableNameProblem(name));

    [TestMethod]
    [DataRow("a:b.csv")]
    [DataRow("a<b.csv")]
    [DataRow("a>b.csv")]
    [DataRow("a\"b.csv")]
    [DataRow("a|b.csv")]
    [DataRow("a?.csv")]
    [DataRow("a*.csv")]
    [DataRow("data.csv.")]
    [DataRow("CON")]
    [DataRow("con.csv")]
    [DataRow("Nul.tar.gz")]
    [DataRow("PRN .csv")]         // Windows drops the space before the dot too
    [DataRow("com1.csv")]
    [DataRow("LPT9.xlsx")]
    [DataRow("COM\u00B9.csv")]
    public void PortableNameProblem_ShouldExplain_WhenAWindowsNodeCouldNotStoreTheName(string name) =>
        Assert.IsFalse(string.IsNullOrEmpty(InputValidation.PortableNameProblem(name)));

    [TestMethod]
    [DataRow("Data.csv", "data.csv", true)]
    [DataRow("Données.csv", "DONNÉES.CSV", true)]
    [DataRow("\u00E9t\u00E9.csv", "e\u0301te\u0301.csv", true)]   // precomposed (NFC) against e + combining acute (NFD)
    [DataRow("\u00C9T\u00C9.CSV", "e\u0301te\u0301.csv", true)]   // and in another case
    [DataRow("\uAC00.csv", "\u1100\u1161.csv", true)]              // a Hangul syllable and its jamo
    [DataRow("data.csv", "data.csv", false)]   // the same name: a replacement, not a clash
    [DataRow("data.csv", "data2.csv", false)]
    [DataRow("\u00E9t\u00E9.csv", "ete.csv", false)]                // accents are letters, not noise
    public void LookAlike_ShouldHoldForNamesDifferingOnlyInCaseOrUnicodeForm(string a, string b, bool same) =>
        Assert.AreEqual(same, InputValidation.LookAlike(a, b));

    [TestMethod]
    [DataRow("data\u200B.csv")]        // zero-width space
    [DataRow("\u200Edata.csv")]        // left-to-right mark
    [DataRow("data\u200F.csv")]        // right-to-left mark
    [DataRow("da\u00ADta.csv")]        // soft hyphen
    [DataRow("data\u2060.csv")]        // word joiner
    [DataRow("\uFEFFdata.csv")]        // byte-order mark
    [DataRow("\u200Ddata.csv")]        // a joiner with nothing to join
    [DataRow("data\u200C .csv")]       // … or before a space
    [DataRow("data\U000E0041.csv")]    // a tag character (outside the BMP)
    public void InvisibleCharacterProblem_ShouldExplain_WhenTheNameHoldsAFormatCharacter(string name)
    {
        var problem = InputValidation.InvisibleCharacterProblem(name);
        Assert.IsNotNull(problem, name);
        StringAssert.Contains(problem, "invisible");
    }

    [TestMethod]
    [DataRow("data.csv")]
    [DataRow("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645.csv")]   // Persian: a zero-width non-joiner inside a word
    [DataRow("\U0001F468\u200D\U0001F469\u200D\U0001F467.csv")]          // an emoji family: joiners between emoji
    [DataRow("donn\u00E9es.csv")]
    public void InvisibleCharacterProblem_ShouldBeNull_WhenEveryCharacterIsSeenOrJoinsAWord(string name) =>
        Assert.IsNull(InputValidation.InvisibleCharacterProblem(name));

    [TestMethod]
    public void TryParseTaskId_ShouldNormaliseToLowerCase_WhenGivenAnUpperCaseUuid()
    {
        Assert.IsTrue(InputValidation.TryParseTaskId("3F2504E0-4F89-11D3-9A0C-0305E82C3301", out var id));
        Assert.AreEqual("3f2504e0-4f89-11d3-9a0c-0305e82c3301", id);
    }

    [TestMethod]
    [DataRow("3f2504e04f8911d39a0c0305e82c3301")]
    [DataRow("{3f2504e0-4f89-11d3-9a0c-0305e82c3301}")]
    [DataRow("not-a-uuid")]
    [DataRow("")]
    public void TryParseTaskId_ShouldRefuse_WhenNotTheCanonicalForm(string raw) =>
        Assert.IsFalse(InputValidation.TryParseTaskId(raw, out _));

    [TestMethod]
    [DataRow("%FF.csv", false)]
    [DataRow("%ED%A0%80.csv", false)]
    [DataRow("a%C3.csv", false)]
    [DataRow("x%C3%A9%FF", false)]
    [DataRow("%C3%A9.csv", true)]
    [DataRow("%41.csv", true)]
    [DataRow("100%.csv", true)]
    [DataRow("100%2.csv", true)]
    [DataRow("plain.csv", true)]
    public void UndecodedEscapeProblem_ShouldRefuseOnlyEscapesThatAreNotUtf8(string name, bool accepted) =>
        Assert.AreEqual(accepted, InputValidation.UndecodedEscapeProblem(name) is null, name);
}
