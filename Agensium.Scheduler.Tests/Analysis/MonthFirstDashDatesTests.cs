using Agensium.Analysis.Clean;
using Agensium.Scheduler.Tests.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// s44 review: month-first dates written with dashes ("12-31-2024") were dates to clean-my-data (type-fixer rewrote them
/// as 2024-12-31) but text to profile-my-data, whose own list of date formats had d-M-yyyy and no M-d-yyyy. Both tools
/// now read dates by one rule (DateValues).
/// </summary>
[TestClass]
public sealed class MonthFirstDashDatesTests
{
    // due: four month-first dash dates (three of them can only be month-first: 31, 15 and 28 are no months) and a note.
    private const string Csv = "id,due\n1,12-31-2024\n2,01-15-2025\n3,02-28-2025\n4,03-04-2025\n5,not yet\n";

    [TestMethod]
    public async Task Profile_ShouldCountMonthFirstDashDatesAsDates_AsCleanMyDataReadsThem()
    {
        using var files = new AnalysisTestSupport();
        files.AddText("due.csv", Csv);

        var report = await files.RunReportAsync(CancellationToken.None, ["unified-profiler"]);

        // By hand: 4 of the 5 non-null values are dates (80 %), above the 70 % that names a column's semantic (date text
        // stays a string type, AGENSIUM 5.1). The old rule read only 03-04-2025 (as 3 April): 1 date, 20 %, "text".
        var due = AnalysisTestSupport.Column(report, "due");
        Assert.AreEqual(5L, (long)due["non_null_count"]!);
        Assert.AreEqual(4L, (long)due["valid_date_count"]!, due.ToJsonString());
        Assert.AreEqual(80d, (double)due["valid_date_pct"]!, due.ToJsonString());
        Assert.AreEqual("date", (string?)due["detected_semantic"], due.ToJsonString());
        Assert.AreEqual("string", (string?)due["inferred_type"]);
    }

    [TestMethod]
    public void CleanMyData_ShouldRewriteTheSameValuesAsDates()
    {
        // The other side of the one rule: type-fixer reads the four dates month-first (the column's 31, 15 and 28 say so)
        // and sets the note to null (4 of 5 values are dates: a datetime column).
        using var files = new CleanTestFiles();

        var result = files.RunAgent(TypeFixerAgent.AgentId, Csv);

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "2024-12-31", "2025-01-15", "2025-02-28", "2025-03-04", "" }, rows.Select(r => r[1]).ToArray());
    }
}
