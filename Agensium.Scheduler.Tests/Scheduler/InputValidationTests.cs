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
    public void FileNameProblem_ShouldExplain_WhenTheNameIsUnsafe(string name) =>
        Assert.IsFalse(string.IsNullOrEmpty(InputValidation.FileNameProblem(name)));

    [TestMethod]
    public void FileNameProblem_ShouldRefuse_WhenTheNameIsLongerThan255() =>
        Assert.IsNotNull(InputValidation.FileNameProblem(new string('a', 252) + ".csv"));

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
}
