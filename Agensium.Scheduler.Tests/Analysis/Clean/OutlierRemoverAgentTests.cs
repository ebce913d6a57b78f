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
    public void Run_ShouldCheckANumberColumnWithNullTokens_WhenRunWithoutNullHandler()
    {
        // v: the numbers of Csv plus "N/A", "-", "?" and "null": "Column 'v' is not numeric; outlier detection skipped
        // it" (outside probe). The tokens are nulls: the fences are those of the 9 numbers, the tokens' rows stay.
        var result = _files.RunAgent(OutlierRemoverAgent.AgentId, Csv + "j,N/A,x\nk,-,x\nl,?,x\nm,null,x\n", "{\"columns\": [\"v\"]}");

        var column = CleanTestFiles.Data(result)["columns"]!.AsArray().Single()!;
        Assert.AreEqual(13.0, (double)column["upper_bound"]!, 1e-9);
        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "a", "b", "c", "d", "f", "g", "h", "i", "j", "k", "l", "m" }, rows.Select(r => r[0]).ToArray());
        Assert.AreEqual(1L, (long)CleanTestFiles.Metrics(result)["numeric_columns_checked"]!);
    }

    [TestMethod]
    public void Run_ShouldRaiseAHighAlert_WhenRemovalDropsTenPercentOfTheRowsOrMore()
    {
        // 1 of 9 rows (11.1%) is a large removal; 1 of 20 (5%) is not. sample_10000.csv lost 2,655 of 10,000 rows to the
        // defaults with only a medium alert about outliers.
        var large = _files.RunAgent(OutlierRemoverAgent.AgentId, Csv);
        var alert = large.Report.Alerts.Single(a => (string?)a!["alert_id"] == "alert_outliers_large_removal")!;
        Assert.AreEqual("high", (string?)alert["severity"]);
        Assert.AreEqual("Outlier removal dropped 1 of 9 rows (11.11%): v (1)", (string?)alert["message"]);

        string twenty = "v\n" + string.Concat(Enumerable.Range(1, 19).Select(i => $"{i % 5}\n")) + "100\n";
        var small = _files.RunAgent(OutlierRemoverAgent.AgentId, twenty);
        Assert.AreEqual(1L, (long)CleanTestFiles.Metrics(small)["rows_removed"]!);
        Assert.IsFalse(small.Report.Alerts.Any(a => ((string?)a!["alert_id"])!.EndsWith("large_removal", StringComparison.Ordinal)));

        // Imputing removes nothing: no alert whatever the outliers.
        var imputed = _files.RunAgent(OutlierRemoverAgent.AgentId, Csv, "{\"action\":\"impute_median\"}");
        Assert.IsFalse(imputed.Report.Alerts.Any(a => ((string?)a!["alert_id"])!.EndsWith("large_removal", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Run_ShouldLeaveIdentifierColumnsAlone_WhenNoColumnsAreNamed()
    {
        // zip has leading zeros and customer_id is an id by name: both hold a value far from the others (94105, 9000)
        // that is no outlier of a measure; v's 100 still is.
        const string csv = "customer_id,zip,v\n1,02134,1\n2,00501,2\n3,02135,3\n4,02136,4\n5,94105,100\n6,02137,5\n7,02138,6\n9000,02139,7\n8,02140,8\n";

        var result = _files.RunAgent(OutlierRemoverAgent.AgentId, csv);

        CollectionAssert.AreEqual(new[] { "customer_id", "zip" }, CleanTestFiles.Data(result)["identifier_columns_skipped"]!.AsArray().Select(n => (string?)n).ToArray());
        Assert.AreEqual("v", (string?)CleanTestFiles.Data(result)["columns"]!.AsArray().Single()!["column"]);
        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        Assert.HasCount(8, rows);
        Assert.IsTrue(rows.Any(r => r[0] == "9000"));
        Assert.IsTrue(rows.All(r => r[1].StartsWith('0')), "the 94105 row went for v's 100, and no zip lost its zero");
    }

    [TestMethod]
    public void Run_ShouldCheckAnIdentifierColumn_WhenItIsNamed()
    {
        const string csv = "zip,v\n02134,1\n00501,2\n02135,3\n02136,4\n94105,5\n02137,6\n02138,7\n02139,8\n02140,9\n";

        var result = _files.RunAgent(OutlierRemoverAgent.AgentId, csv, "{\"columns\":[\"zip\"]}");

        // As numbers: 501, 2134 … 2140, 94105; Q1 2135, Q3 2139 → fences [2129, 2145]: 00501 and 94105 are outside.
        Assert.AreEqual(2L, (long)CleanTestFiles.Metrics(result)["rows_removed"]!);
        Assert.IsEmpty(CleanTestFiles.Data(result)["identifier_columns_skipped"]!.AsArray());
    }

    [TestMethod]
    [DataRow("customer_id", true)]
    [DataRow("ZipCode", true)]
    [DataRow("postcode", true)]
    [DataRow("PhoneNumber", true)]
    [DataRow("order_number", true)]
    [DataRow("product code", true)]
    [DataRow("number_of_children", false)]
    [DataRow("amount", false)]
    [DataRow("paid", false)]
    [DataRow("idaho_population", false)]
    [DataRow("age", false)]
    [DataRow("userid", true)]
    [DataRow("CUSTOMERID", true)]
    [DataRow("phone1", true)]
    [DataRow("zip5", true)]
    [DataRow("accountnumber", true)]
    [DataRow("homephone", true)]
    [DataRow("postalcode", true)]
    [DataRow("valid", false)]
    [DataRow("rapid_count", false)]
    [DataRow("amount2", false)]
    [DataRow("score_2024", false)]
    [DataRow("humid", false)]
    [DataRow("automobile_count", false)]
    public void NameSaysIdentifier_ShouldReadTheNamesTokens(string name, bool expected) =>
        Assert.AreEqual(expected, IdentifierColumns.NameSaysIdentifier(name), name);

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

    [TestMethod]
    public void Run_ShouldKeepEveryRowAndDigit_WhenWholeNumbersAreTooLongForADouble()
    {
        // As doubles these four consecutive account numbers become …992, …996, …996, …1000: IQR 0 and two "outliers".
        var result = _files.RunAgent(OutlierRemoverAgent.AgentId, "rec,amt\na,9007199254740993\nb,9007199254740995\nc,9007199254740997\nd,9007199254740999\n");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "9007199254740993", "9007199254740995", "9007199254740997", "9007199254740999" }, rows.Select(r => r[1]).ToArray());
        Assert.AreEqual(0, CleanTestFiles.Data(result)["columns"]!.AsArray().Count, "the column is text, not a measure");
    }
}
