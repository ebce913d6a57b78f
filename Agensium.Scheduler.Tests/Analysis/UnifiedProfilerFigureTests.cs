using System.Text.Json.Nodes;
using static Agensium.Scheduler.Tests.Analysis.AnalysisTestSupport;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>Profiler figures checked against values computed by hand for a six-row file.</summary>
[TestClass]
public sealed class UnifiedProfilerFigureTests
{
    private const string Customers = """
        id,amount,email,phone,signup,city,flag
        1,10,a@x.com,555-123-4567,2023-01-15,Paris,true
        2,12,b@x.com,(555) 987-6543,2023-02-01,Paris,false
        3,11,not-an-email,12345,2023-13-45,Lyon,true
        4,13,c@y.org,+1 555 222 3333,01/02/2023,  ,true
        5,100,,555.444.1111,2023-03-03,Nice,false
        6,12,d@z.io,,2023-04-04,Paris,true
        """;

    private const double Tolerance = 1e-3;
    private static JsonObject _report = null!;

    [ClassInitialize]
    public static async Task ClassInit(TestContext context)
    {
        using var files = new AnalysisTestSupport();
        files.AddText("customers.csv", Customers);
        _report = await files.RunReportAsync(context.CancellationToken);
    }

    [TestMethod]
    public void Profile_ShouldComputeNumericStats_WhenColumnHasAnOutlier()
    {
        var amount = Column(_report, "amount");
        var stats = amount["numeric_stats"]!;

        Assert.AreEqual("integer", (string?)amount["inferred_type"]);
        Assert.AreEqual(10, (double)stats["min"]!);
        Assert.AreEqual(100, (double)stats["max"]!);
        Assert.AreEqual(26.3333, (double)stats["mean"]!, Tolerance);
        Assert.AreEqual(36.1036, (double)stats["std"]!, Tolerance);
        Assert.AreEqual(12, (double)stats["median"]!);
        Assert.AreEqual(11.25, (double)stats["q1"]!);
        Assert.AreEqual(12.75, (double)stats["q3"]!);
        Assert.AreEqual(9, (double)stats["lower_fence"]!);
        Assert.AreEqual(15, (double)stats["upper_fence"]!);
        Assert.AreEqual(1, (long)stats["outlier_count"]!);
        Assert.AreEqual(0, (long)stats["z_outlier_count"]!);
        Assert.AreEqual(83.33, (double)amount["quality"]!["validity"]!, Tolerance);
    }

    [TestMethod]
    public void Profile_ShouldComputeQuartiles_WhenColumnIsASequence()
    {
        var stats = Column(_report, "id")["numeric_stats"]!;

        Assert.AreEqual(3.5, (double)stats["mean"]!);
        Assert.AreEqual(1.8708, (double)stats["std"]!, Tolerance);
        Assert.AreEqual(2.25, (double)stats["q1"]!);
        Assert.AreEqual(4.75, (double)stats["q3"]!);
        Assert.AreEqual(100, (double)Column(_report, "id")["unique_pct"]!);
    }

    [TestMethod]
    public void Profile_ShouldCountNullsDistinctAndTopValues_WhenTextColumnHasWhitespaceCell()
    {
        var city = Column(_report, "city");

        Assert.AreEqual(1, (long)city["null_count"]!);
        Assert.AreEqual(0, (long)city["empty_count"]!);
        Assert.AreEqual(1, (long)city["whitespace_only_count"]!);
        Assert.AreEqual(16.67, (double)city["null_pct"]!);
        Assert.AreEqual(3, (long)city["distinct_count"]!);
        Assert.AreEqual(66.67, (double)city["unique_pct"]!);
        Assert.AreEqual(1.371, (double)city["entropy"]!, Tolerance);
        Assert.AreEqual(4, (int)city["text_length"]!["min"]!);
        Assert.AreEqual(5, (int)city["text_length"]!["max"]!);
        Assert.AreEqual(4.6, (double)city["text_length"]!["mean"]!);
        var top = city["top_values"]!.AsArray().Select(v => $"{v!["value"]}:{v["count"]}").ToArray();
        CollectionAssert.AreEqual(new[] { "Paris:3", "Lyon:1", "Nice:1" }, top);
    }

    [TestMethod]
    public void Profile_ShouldMeasurePatternValidity_WhenColumnsHoldEmailsPhonesAndDates()
    {
        var email = Column(_report, "email");
        var phone = Column(_report, "phone");
        var signup = Column(_report, "signup");

        Assert.AreEqual(1, (long)email["empty_count"]!);
        Assert.AreEqual(4, (long)email["valid_email_count"]!);
        Assert.AreEqual(80, (double)email["valid_email_pct"]!);
        Assert.AreEqual("email", (string?)email["detected_semantic"]);
        Assert.AreEqual(80, (double)phone["valid_phone_pct"]!);
        Assert.AreEqual("phone", (string?)phone["detected_semantic"]);
        Assert.AreEqual("string", (string?)phone["inferred_type"]);
        Assert.AreEqual(83.33, (double)signup["valid_date_pct"]!);
        Assert.AreEqual("date", (string?)signup["detected_semantic"]);
        Assert.AreEqual("boolean", (string?)Column(_report, "flag")["inferred_type"]);
    }

    [TestMethod]
    public void Profile_ShouldSuspectPii_WhenWellKnownColumnValuesFitThePattern()
    {
        Assert.IsTrue((bool)Column(_report, "email")["pii"]!["suspected"]!);
        Assert.IsTrue((bool)Column(_report, "phone")["pii"]!["suspected"]!);
        Assert.IsFalse((bool)Column(_report, "city")["pii"]!["suspected"]!);
        Assert.IsTrue(_report["alerts"]!.AsArray().Any(a => (string?)a!["alert_id"] == "alert_profiler_pii"));
    }

    [TestMethod]
    public void Profile_ShouldScoreQuality_WhenComputedFromTheThreeDimensions()
    {
        var metrics = Profiler(_report)["summary_metrics"]!;

        Assert.AreEqual(94.44, (double)Column(_report, "email")["quality"]!["score"]!);
        Assert.AreEqual(100, (double)Column(_report, "signup")["quality"]!["score"]!);
        Assert.AreEqual(96.83, (double)metrics["overall_quality_score"]!);
        Assert.AreEqual("A", (string?)metrics["quality_grade"]);
        Assert.AreEqual(6, (long)metrics["total_rows"]!);
        Assert.AreEqual(7, (int)metrics["total_columns"]!);
    }

    [TestMethod]
    public void Profile_ShouldListRowIssues_WhenNullsOutliersAndNumericTextOccur()
    {
        var summary = _report["issue_summary"]!;
        var rows = _report["row_level_issues"]!.AsArray();

        Assert.AreEqual(5, (long)summary["total_issues"]!);
        Assert.AreEqual(3, (long)summary["by_type"]!["null_value"]!);
        Assert.AreEqual(1, (long)summary["by_type"]!["iqr_outlier"]!);
        Assert.AreEqual(1, (long)summary["by_type"]!["numeric_text"]!);
        Assert.AreEqual(1, (long)summary["by_severity"]!["warning"]!);
        Assert.AreEqual(4, (long)summary["affected_rows"]!);
        Assert.AreEqual(4, (int)summary["affected_columns"]!);
        Assert.HasCount(5, rows);
        var outlier = rows.Single(r => (string?)r!["issue_type"] == "iqr_outlier")!;
        Assert.AreEqual(4, (int)outlier["row_index"]!);
        Assert.AreEqual("100", (string?)outlier["value"]);
        var numericText = rows.Single(r => (string?)r!["issue_type"] == "numeric_text")!;
        Assert.AreEqual("phone", (string?)numericText["column"]);
        Assert.AreEqual("12345", (string?)numericText["value"]);
    }

    [TestMethod]
    public async Task Profile_ShouldCountTextLengthsInCharacters_WhenValuesHoldEmoji()
    {
        using var files = new AnalysisTestSupport();
        files.AddText("t.csv", "t\n\U0001F600\U0001F600\U0001F600\n\u4E2D\u6587\u5B57\nabc\n");

        var report = await files.RunReportAsync(CancellationToken.None);

        var length = Column(report, "t")["text_length"]!;
        Assert.AreEqual(3, (int)length["min"]!);
        Assert.AreEqual(3, (int)length["max"]!, "three emoji are three characters, not six UTF-16 units");
    }

    [TestMethod]
    public async Task Profile_ShouldCountNullTokensAsNulls_AsCleanMyDataDoes()
    {
        using var files = new AnalysisTestSupport();
        files.AddText("readings.csv", "k,reading\na,1.5\nb,NaN\nc,2.5\nd,3.5\ne, n/a \n");

        var report = await files.RunReportAsync(CancellationToken.None);

        var reading = Column(report, "reading");
        Assert.AreEqual(2, (long)reading["null_count"]!);
        Assert.AreEqual(2, (long)reading["null_token_count"]!);
        Assert.AreEqual(2.5, (double)reading["numeric_stats"]!["mean"]!, "the numbers are a numeric column with two nulls, not text");
    }
}
