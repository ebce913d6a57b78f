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
    public void Resolve_ShouldConvertIntoTheScratchDirectory_AndDeleteTheCsvOnDispose()
    {
        // A worker's conversions went to the system's temporary folder, where a killed worker (cancel, hard time limit)
        // left hundreds of MB behind; the job's folder is removed by the node whatever happens to the worker.
        string root = Path.Combine(Path.GetTempPath(), "agensium-scratch-" + Guid.NewGuid().ToString("N"));
        string json = Path.Combine(root, "in.json");
        Directory.CreateDirectory(root);
        File.WriteAllText(json, "[{\"id\": 1}, {\"id\": 2}]");
        string scratch = Path.Combine(root, "outputs");
        try
        {
            var set = InputFileSet.Resolve([new InputFile("data.json", json)], scratch);

            Assert.AreEqual(scratch, Path.GetDirectoryName(set.Primary.Path));
            Assert.AreEqual("data.csv", set.Primary.Name);
            set.Dispose();
            Assert.IsEmpty(Directory.GetFiles(scratch));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
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
        Assert.Contains("BASELINE_LESS_current.csv, drift_baseline.csv", ex.Message, "in name order, as roles are assigned");
        Assert.DoesNotContain("only a baseline file", ex.Message);
    }

    [TestMethod]
    public void Resolve_ShouldThrowInvalidInputFile_WhenAnXlsxCannotBeRead()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => InputFileSet.Resolve([new InputFile("book.xlsx", "/no/such/b.xlsx")]));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("is not a readable XLSX workbook", ex.Message);
    }

    [TestMethod]
    [DataRow("a.pdf", "data.csv")]     // the unreadable file listed first
    [DataRow("data.csv", "z.pdf")]     // … or last: a readable file of the role wins
    [DataRow("README", "data.csv")]    // no extension
    [DataRow("data.csv", "notes")]
    public void Resolve_ShouldIgnoreAFileItCannotRead_WhenAReadableFileOfItsRoleIsListed(string first, string second)
    {
        var set = InputFileSet.Resolve([new InputFile(first, "/in/" + first), new InputFile(second, "/in/" + second)]);

        Assert.AreEqual("data.csv", set.Primary.Name);
        CollectionAssert.AreEqual(new[] { first == "data.csv" ? second : first }, set.Superseded.Select(f => f.Name).ToArray());
    }

    [TestMethod]
    public void Resolve_ShouldNameTheUnreadableFile_WhenNoReadableFileOfItsRoleIsListed()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => InputFileSet.Resolve(
            [new InputFile("notes.pdf", "/in/notes.pdf"), new InputFile("parameters.json", "/in/p.json")]));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("'notes.pdf': file type '.pdf' is not supported", ex.Message);
    }

    [TestMethod]
    public void Resolve_ShouldNotOpenAWorkbookThatIsNotUsed_WhenALaterDataFileWins()
    {
        // The first workbook is superseded: it is not converted, so its being unreadable does not fail the task.
        var set = InputFileSet.Resolve([new InputFile("earlier.xlsx", "/no/such/earlier.xlsx"), new InputFile("new.csv", "/in/new.csv")]);

        Assert.AreEqual("new.csv", set.Primary.Name);
        CollectionAssert.AreEqual(new[] { "earlier.xlsx" }, set.Superseded.Select(f => f.Name).ToArray());
    }

    [TestMethod]
    public void Resolve_ShouldNameTheCopyNotUsed_WhenTheSameFileIsListedTwice()
    {
        var set = InputFileSet.Resolve([new InputFile("sample.csv", "/in/sample.csv"), new InputFile("sample.csv", "/in/sample.csv")]);

        Assert.AreEqual("sample.csv", set.Primary.Name);
        Assert.HasCount(1, set.Superseded);
    }

    [TestMethod]
    public void Resolve_ShouldUseTheLastFileInNameOrder_WhateverOrderTheyAreListedIn()
    {
        // Stop 43: `analyze small.csv money_dates.csv` was told the last listed was used: small.csv, listed first. The rule
        // is name order (the original backend's S3 listing, README); it held only because both callers sorted by name.
        var set = InputFileSet.Resolve([new InputFile("small.csv", "/in/small.csv"), new InputFile("money_dates.csv", "/in/m.csv")]);

        Assert.AreEqual("small.csv", set.Primary.Name);
        CollectionAssert.AreEqual(new[] { "money_dates.csv" }, set.Superseded.Select(f => f.Name).ToArray());
    }
}
