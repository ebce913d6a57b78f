using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static Agensium.Scheduler.Tests.Analysis.AnalysisTestSupport;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// A numeric column longer than exact_quantile_limit: the profiler switches to a sketch, says its quartiles and outlier
/// counts are estimates, keeps count/min/max/mean/std exact, and lists no outlier rows; under the limit nothing changes.
/// </summary>
[TestClass]
public sealed class UnifiedProfilerSketchTests
{
    private const int Rows = 50_000;

    private static string File()
    {
        var random = new Random(7);
        var csv = new StringBuilder("id,amount\n");
        for (var i = 0; i < Rows; i++)
        {
            // Mostly 100 ± 20, with 1% far outliers.
            var amount = i % 100 == 0 ? 1000 + random.Next(500) : 100 + ((random.NextDouble() - 0.5) * 40);
            csv.Append(i).Append(',').Append(amount.ToString("0.###", CultureInfo.InvariantCulture)).Append('\n');
        }
        return csv.ToString();
    }

    private static async Task<JsonObject> ProfileAsync(string? parameters, CancellationToken ct)
    {
        using var files = new AnalysisTestSupport();
        files.AddText("amounts.csv", File());
        if (parameters is not null)
        {
            files.AddText("parameters.json", parameters);
        }
        return await files.RunReportAsync(ct, ["unified-profiler"]);
    }

    [TestMethod]
    public async Task Profile_ShouldEstimateQuartilesAndOutliers_WhenAColumnPassesTheExactLimit()
    {
        var ct = TestContext.CancellationToken;
        var exact = await ProfileAsync(null, ct);
        var sketched = await ProfileAsync("""{"unified-profiler": {"exact_quantile_limit": 1000}}""", ct);

        var e = Column(exact, "amount")["numeric_stats"]!;
        var s = Column(sketched, "amount")["numeric_stats"]!;
        Assert.IsFalse((bool)e["quantiles_estimated"]!);
        Assert.AreEqual("exact", (string?)e["quantile_method"]);
        Assert.IsTrue((bool)s["quantiles_estimated"]!);
        StringAssert.Contains((string?)s["quantile_method"], "KLL sketch");

        foreach (var exactFigure in new[] { "count", "min", "max", "mean", "std" })
        {
            Assert.AreEqual((double)e[exactFigure]!, (double)s[exactFigure]!, 1e-9, exactFigure);
        }
        // The quartiles: within 1% of rank of the exact ones (the middle 40 spans ~40 units over 98% of rows).
        foreach (var quartile in new[] { "q1", "median", "q3" })
        {
            Assert.AreEqual((double)e[quartile]!, (double)s[quartile]!, 40 * 0.02, quartile);
        }
        var exactOutliers = (long)e["outlier_count"]!;
        Assert.AreEqual(Rows / 100, exactOutliers, "the far values are the IQR outliers");
        Assert.AreEqual(exactOutliers, (long)s["outlier_count"]!, Rows * 0.005, "outlier count within 0.5% of the rows");

        // Counted, not listed.
        var rows = sketched["row_level_issues"]!.AsArray();
        Assert.IsFalse(rows.Any(r => (string?)r!["issue_type"] == "iqr_outlier"));
        Assert.AreEqual((long)s["outlier_count"]!, (long)sketched["issue_summary"]!["by_type"]!["iqr_outlier"]!);
        Assert.AreEqual(1000, (int)Profiler(sketched)["data"]!["parameters"]!["exact_quantile_limit"]!);
        Assert.IsTrue(exact["row_level_issues"]!.AsArray().Any(r => (string?)r!["issue_type"] == "iqr_outlier"), "under the limit rows are listed");
    }

    // The profiler works out a value's formats once per distinct value it tracks, and every time for a value met after
    // the column passed its distinct cap (no longer tracked): the counts must come out the same either way.
    [TestMethod]
    public async Task Profile_ShouldCountEveryFormat_WhenValuesRepeatBeforeAndAfterTheDistinctCap()
    {
        const int rows = 280_000;
        var csv = new StringBuilder("mixed\n");
        for (int i = 0; i < rows; i++)
        {
            csv.Append((i % 4) switch
            {
                0 => i.ToString(CultureInfo.InvariantCulture),                              // unique integers
                1 => $"user{i / 4 % 50}@example.org",                                       // 50 e-mails, repeated
                2 => $"2020-01-{(i / 4 % 28) + 1:D2}",                                      // 28 dates, repeated
                _ => $"555-{i:D7}",                                                         // unique phone numbers
            }).Append('\n');
        }

        using var files = new AnalysisTestSupport();
        files.AddText("mixed.csv", csv.ToString());
        var column = Column(await files.RunReportAsync(TestContext.CancellationToken, ["unified-profiler"]), "mixed");

        Assert.IsTrue((bool)column["distinct_count_is_estimate"]!, "more than 100,000 distinct values: past the cap");
        Assert.AreEqual(rows / 4, (long)column["numeric_like_count"]!);
        Assert.AreEqual(rows / 4, (long)column["valid_email_count"]!);
        Assert.AreEqual(rows / 4, (long)column["valid_date_count"]!);
        Assert.AreEqual(rows / 4, (long)column["valid_phone_count"]!);
        var top = column["top_values"]!.AsArray();
        Assert.AreEqual(rows / 4 / 28, (long)top[0]!["count"]!, "the dates are the most frequent values, each counted every time");
    }

    [TestMethod]
    public async Task Profile_ShouldListAValueThatFillsRowsAfterTheDistinctCap_AmongTheTopValues()
    {
        // An outside probe: 110,000 unique references, then PENDING 40,000 times. The exact table was full before
        // PENDING came, so it was in no top value (the top were count-1 references) and the entropy was that of the
        // references alone (16.6 bits; pandas 13.1).
        var csv = new StringBuilder("ref\n");
        for (int i = 0; i < 110_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"R{i:D7}\n");
        }

        for (int i = 0; i < 40_000; i++)
        {
            csv.Append("PENDING\n");
        }

        using var files = new AnalysisTestSupport();
        files.AddText("refs.csv", csv.ToString());
        var column = Column(await files.RunReportAsync(TestContext.CancellationToken, ["unified-profiler"]), "ref");

        Assert.IsTrue((bool)column["top_values_is_estimate"]!);
        var top = column["top_values"]!.AsArray();
        Assert.AreEqual("PENDING", (string?)top[0]!["value"]);
        // Lossy counting: short by at most 1/10,000 of the 50,000 values seen past the cap (5), here by its first sighting.
        Assert.AreEqual(40_000, (long)top[0]!["count"]!, 5);
        Assert.AreEqual(13.1, (double)column["entropy"]!, 0.6, "close to pandas' figure over every value");
    }

    [TestMethod]
    [DataRow("""{"unified-profiler": {"exact_quantile_limit": 10}}""")]
    [DataRow("""{"unified-profiler": {"exact_quantile_limit": "many"}}""")]
    public async Task Profile_ShouldRefuseTheParameter_WhenTheLimitIsInvalid(string parameters)
    {
        using var files = new AnalysisTestSupport();
        files.AddText("amounts.csv", "id,amount\n1,2\n");
        files.AddText("parameters.json", parameters);
        var result = await files.RunAsync(TestContext.CancellationToken, ["unified-profiler"]);
        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual("INVALID_PARAMETERS", result.ErrorCode);
    }

    public TestContext TestContext { get; set; } = null!;
}
