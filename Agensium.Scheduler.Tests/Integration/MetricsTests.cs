using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>/metrics in Prometheus format: job counters with the right values after a run (summed over both nodes).</summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed partial class MetricsTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    [GeneratedRegex("""^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)""", RegexOptions.Multiline)]
    private static partial Regex Sample();

    /// <summary>Sum of a metric over both nodes, for samples whose labels contain all the given pairs.</summary>
    private static async Task<double> SumAsync(string metric, string[] labels, CancellationToken ct)
    {
        double total = 0;
        foreach (var node in new[] { TestCluster.NodeA, TestCluster.NodeB })
        {
            using var api = new ApiClient(node);
            var text = await api.Http.GetStringAsync("/metrics", ct);
            foreach (Match m in Sample().Matches(text))
            {
                if (m.Groups["name"].Value == metric && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
                {
                    total += double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
                }
            }
        }
        return total;
    }

    [TestMethod]
    public async Task Metrics_ShouldCountStartedCompletedAndFailedJobs_ByToolAndQueue()
    {
        var ct = TestContext.CancellationToken;
        string[] profile = ["job=\"process-analysis\"", "tool=\"profile-my-data\"", "queue=\"high_priority\""];
        string[] fault = ["tool=\"x-fault-injection\"", "error_code=\"PROCESSING_ERROR\""];
        var startedBefore = await SumAsync("agensium_jobs_started_total", profile, ct);
        var completedBefore = await SumAsync("agensium_jobs_completed_total", profile, ct);
        var failedBefore = await SumAsync("agensium_jobs_failed_total", fault, ct);

        using var api = new ApiClient(TestCluster.NodeA);
        for (var i = 0; i < 3; i++)
        {
            var id = await api.CreateTaskAsync(ct: ct);
            await api.UploadOkAsync(id, "sample.csv", TestFiles.Sample("sample.csv"), ct);
            using var response = await api.ProcessAsync(id, """{"queue": "high_priority"}""", ct);
            Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode);
            await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(60), ct);
        }
        await api.WaitForFinalAsync(await api.SubmitFaultAsync("permanent", ct: ct), TimeSpan.FromSeconds(60), ct);

        Assert.AreEqual(3.0, await SumAsync("agensium_jobs_started_total", profile, ct) - startedBefore);
        Assert.AreEqual(3.0, await SumAsync("agensium_jobs_completed_total", profile, ct) - completedBefore);
        Assert.AreEqual(1.0, await SumAsync("agensium_jobs_failed_total", fault, ct) - failedBefore);
        Assert.IsGreaterThanOrEqualTo(3.0, await SumAsync("agensium_job_duration_seconds_count", profile, ct));
        using var scrape = new ApiClient(TestCluster.NodeA);
        var text = await scrape.Http.GetStringAsync("/metrics", ct);
        StringAssert.Contains(text, "agensium_queue_depth{");
        StringAssert.Contains(text, "agensium_progress_publish_lag_seconds_bucket");
        // The histograms record seconds, so their buckets are in seconds (not the millisecond defaults 0, 5, 10, 25 …).
        StringAssert.Matches(text, new Regex("""agensium_progress_publish_lag_seconds_bucket\{[^}]*le="0.005"\}"""));
        StringAssert.Matches(text, new Regex("""agensium_job_duration_seconds_bucket\{[^}]*le="0.25"\}"""));
        StringAssert.Matches(text, new Regex("""agensium_job_duration_seconds_bucket\{[^}]*le="7200"\}"""));
        Assert.IsFalse(new Regex("""agensium_progress_publish_lag_seconds_bucket\{[^}]*le="10000"\}""").IsMatch(text));
    }

    [TestMethod]
    public async Task Metrics_ShouldNeedTheApiKey_UnlessConfiguredOpen()
    {
        var ct = TestContext.CancellationToken;
        using var anonymous = new ApiClient(TestCluster.NodeA, apiKey: null);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync("/metrics", ct)).StatusCode);
    }
}
