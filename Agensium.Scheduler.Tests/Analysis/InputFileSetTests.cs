using Agensium.Analysis;
using Agensium.Analysis.Input;

namespace Agensium.Scheduler.Tests.Analysis;

[TestClass]
public sealed class InputFileSetTests
{
    [TestMethod]
    public void Resolve_ShouldAssignRoles_WhenBaselinePrimaryAndParametersAreListed()
    {
        var set = InputFileSet.Resolve([
            new InputFile("first.csv", "/in/first.csv"),
            new InputFile("Sales_BASELINE.csv", "/in/b.csv"),
            new InputFile("PARAMETERS.JSON", "/in/p.json"),
            new InputFile("second.tsv", "/in/second.tsv"),
        ]);

        Assert.AreEqual("second.tsv", set.Primary.Name);
        Assert.AreEqual("Sales_BASELINE.csv", set.Baseline?.Name);
        Assert.AreEqual("PARAMETERS.JSON", set.Parameters?.Name);
        CollectionAssert.AreEqual(new[] { "first.csv" }, set.Superseded.Select(f => f.Name).ToArray());
    }

    [TestMethod]
    public void Resolve_ShouldThrowNoInputFiles_WhenOnlyParametersAreListed()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => InputFileSet.Resolve([new InputFile("parameters.json", "/p.json")]));

        Assert.AreEqual(AnalysisErrorCodes.NoInputFiles, ex.ErrorCode);
    }

    [TestMethod]
    public void Resolve_ShouldThrowNoInputFiles_WhenOnlyABaselineIsListed()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => InputFileSet.Resolve([new InputFile("baseline.csv", "/b.csv")]));

        Assert.AreEqual(AnalysisErrorCodes.NoInputFiles, ex.ErrorCode);
    }

    [TestMethod]
    public void Resolve_ShouldNameTheFiles_WhenEveryDataFileIsNamedAsABaseline()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => InputFileSet.Resolve(
            [new InputFile("drift_baseline.csv", "/b.csv"), new InputFile("BASELINE_LESS_current.csv", "/c.csv")]));

        Assert.AreEqual(AnalysisErrorCodes.NoInputFiles, ex.ErrorCode);
        Assert.Contains("drift_baseline.csv, BASELINE_LESS_current.csv", ex.Message);
        Assert.DoesNotContain("only a baseline file", ex.Message);
    }

    [TestMethod]
    public void Resolve_ShouldThrowInvalidInputFile_WhenAnXlsxCannotBeRead()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => InputFileSet.Resolve([new InputFile("book.xlsx", "/no/such/b.xlsx")]));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("is not a readable XLSX workbook", ex.Message);
    }
}
