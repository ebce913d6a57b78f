using Agensium.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

[TestClass]
public sealed class OutlierRemoverAgentTests
{
    // v: 1..8 and 100. Sorted n=9: Q1 = 3, Q3 = 7, IQR 4 → fences [-3, 13]; 100 is the only outlier.
    private const string Csv = "id,v,t\na,1,x\nb,2,x\nc,3,x\nd,4,x\ne,100,x\nf,5,x\ng,6,x\nh,7,x\ni,8,x\n";

    private CleanTestFiles _files = null!;

    [TestInitialize]
    public void Init() => _files = new CleanTestFiles();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public void Run_ShouldRemoveIqrOutlierRows_WhenDefaults()
    {
        var result = _files.RunAgent(OutlierRemoverAgent.AgentId, Csv);

        var column = CleanTestFiles.Data(result)["columns"]!.AsArray().Single()!;
        Assert.AreEqual("v", (string?)column["column"]);
        Assert.AreEqual(-3.0, (double)column["lower_bound"]!, 1e-9);
        Assert.AreEqual(13.0, (double)column["upper_bound"]!, 1e-9);
        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        Assert.HasCount(8, rows);
        Assert.IsFalse(rows.Any(r => r[0] == "e"));
        Assert.AreEqual(1L, (long)CleanTestFiles.Metrics(result)["rows_removed"]!);
        // 0.6·100 + 0.4·(8/9·100) = 95.56.
        Assert.AreEqual(95.56, (double)CleanTestFiles.Metrics(result)["outlier_score"]!, 1e-9);
        Assert.AreEqual(4, (int)result.Report.RowIssues.Kept[0]["row_index"]!);
    }

    [TestMethod]
    public void Run_ShouldImputeMedian_WhenActionIsImputeMedian()
    {
        var result = _files.RunAgent(OutlierRemoverAgent.AgentId, Csv, "{\"action\":\"impute_median\"}");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        Assert.HasCount(9, rows);
        Assert.AreEqual("5", rows[4][1]);
        Assert.AreEqual(1L, (long)CleanTestFiles.Metrics(result)["values_imputed"]!);
    }

    [TestMethod]
    public void Run_ShouldActOnEveryOutlier_WhenMoreThanFiftyOutliers()
    {
        var lines = Enumerable.Range(0, 200).Select(i => i < 60 ? "1000" : (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var result = _files.RunAgent(OutlierRemoverAgent.AgentId, "v\n" + string.Join("\n", lines) + "\n", "{\"method\":\"percentile\",\"lower_percentile\":0,\"upper_percentile\":50}");

        // 140 values 0–9 (14 each) and 60 × 1000; P50 = sorted[99.5] = 7 → the 28 eights and nines and all 60 × 1000 are outliers.
        Assert.AreEqual(88L, (long)CleanTestFiles.Metrics(result)["outliers_found"]!);
        Assert.AreEqual(112L, result.RowsWritten);
    }

    [TestMethod]
    public void Run_ShouldUseMeanPlusMinusThreeStd_WhenZScore()
    {
        var values = Enumerable.Repeat("10", 20).Append("1000");
        var result = _files.RunAgent(OutlierRemoverAgent.AgentId, "v\n" + string.Join("\n", values) + "\n", "{\"method\":\"z_score\"}");

        // mean = 1200/21 = 57.142857; sample std = 216.0247… → 1000 has z ≈ 4.36 > 3.
        Assert.AreEqual(1L, (long)CleanTestFiles.Metrics(result)["outliers_found"]!);
        Assert.AreEqual(20L, result.RowsWritten);
    }
}
