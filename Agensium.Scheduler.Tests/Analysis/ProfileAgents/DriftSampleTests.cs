using Agensium.Analysis.Profile;
using static Agensium.Scheduler.Tests.Analysis.ProfileAgents.ProfileAgentSupport;

namespace Agensium.Scheduler.Tests.Analysis.ProfileAgents;

/// <summary>drift-detector on the sample drift pairs.</summary>
[TestClass]
public sealed class DriftSampleTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Run_ShouldAnalyseEverySharedColumn_WhenSyntheticControlPairMeetsTheDefaultMinimum()
    {
        var report = new DriftDetectorAgent(Clock).Run(Sample("synthetic_control_treatment.csv"), Sample("synthetic_control_baseline.csv"),
            Params("drift-detector"), TestContext.CancellationToken);

        // 240 and 120 rows, six shared columns with no blanks: none skipped, none missing or new.
        Assert.AreEqual(240, (long)report.SummaryMetrics["baseline_rows"]!);
        Assert.AreEqual(120, (long)report.SummaryMetrics["current_rows"]!);
        Assert.AreEqual(6, (int)report.SummaryMetrics["shared_columns"]!);
        Assert.AreEqual(6, (int)report.SummaryMetrics["analysed_columns"]!);
        Assert.AreEqual(0, (int)report.SummaryMetrics["missing_columns"]!);
        Assert.AreEqual(0, (int)report.SummaryMetrics["new_columns"]!);
        var amount = ColumnOf(report, "Transaction_Amount");
        Assert.AreEqual("numeric", (string?)amount["type"]);
        Assert.IsNotNull(amount["p_value"]);
        Assert.IsTrue((double)amount["ks_statistic"]! is > 0 and <= 1);
        Assert.AreEqual("categorical", (string?)ColumnOf(report, "Channel")["type"]);
        // Customer ids B… vs T… never overlap: every category is new, so Customer_ID drifts.
        Assert.IsTrue((bool)ColumnOf(report, "Customer_ID")["drift_detected"]!);
        Assert.IsTrue(report.RowIssues.Total <= 50 * (int)report.SummaryMetrics["drifted_columns"]!);
    }

    [TestMethod]
    public void Run_ShouldSkipEveryColumn_WhenSmallPairUsesTheDefaultMinimum()
    {
        var report = new DriftDetectorAgent(Clock).Run(Sample("current_customers.csv"), Sample("baseline_customers.csv"),
            Params("drift-detector"), TestContext.CancellationToken);

        Assert.AreEqual(0, (int)report.SummaryMetrics["analysed_columns"]!);
        Assert.AreEqual(4, (int)report.SummaryMetrics["skipped_columns"]!);
    }

    [TestMethod]
    public async Task RunAsync_ShouldReportMissingRegionAndNewReferralCode_WhenCustomersPairIsAnalysed()
    {
        using var files = new AnalysisTestSupport();
        files.Inputs.Add(Sample("current_customers.csv"));
        files.Inputs.Add(Sample("baseline_customers.csv"));
        files.AddText("parameters.json", """{"drift-detector":{"min_sample_size":5}}""");

        var report = await files.RunReportAsync(TestContext.CancellationToken);

        var drift = report["agent_results"]!["drift-detector"]!;
        Assert.AreEqual("region", (string?)drift["data"]!["missing_columns"]![0]);
        Assert.AreEqual("referral_code", (string?)drift["data"]!["new_columns"]![0]);
        var missing = report["alerts"]!.AsArray().Single(a => (string?)a!["alert_id"] == "alert_drift_missing_columns")!;
        Assert.AreEqual("critical", (string?)missing["severity"]);
        Assert.AreEqual(4, (int)drift["summary_metrics"]!["analysed_columns"]!);
        var method = drift["data"]!["columns"]!.AsArray().Single(c => (string?)c!["column"] == "payment_method")!;
        Assert.AreEqual("Crypto", (string?)method["new_categories"]![0]);
        Assert.IsEmpty(report["metadata"]!["failed_agents"]!.AsArray());
        Assert.HasCount(5, report["agent_results"]!.AsObject());
    }
}
