using System.Diagnostics.Metrics;
using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// Both histograms record seconds, so their bucket boundaries must be in seconds too: the default boundaries
/// (0, 5, 10, 25 … 10000, meant for milliseconds) put every publish lag and nearly every job in le="5".
/// </summary>
[TestClass]
public sealed class SchedulerMetricsBucketsTests
{
    private static Dictionary<string, IReadOnlyList<double>?> AdviceOfHistograms()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var found = new Dictionary<string, IReadOnlyList<double>?>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == SchedulerMetrics.MeterName && instrument is Histogram<double> h)
                {
                    found[h.Name] = h.Advice?.HistogramBucketBoundaries;
                }
            },
        };
        listener.Start();
        using var db = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1");
        var probe = new QueueDepthProbe(db, Options.Create(new SchedulerOptions()), TimeProvider.System);
        using var metrics = new SchedulerMetrics(services.GetRequiredService<IMeterFactory>(), probe);
        return found;
    }

    [TestMethod]
    public void PublishLag_ShouldAdviseBucketsFromOneMillisecondToTenSeconds()
    {
        var buckets = AdviceOfHistograms()["agensium.progress.publish.lag"];
        Assert.IsNotNull(buckets, "no bucket advice: the exporter falls back to the millisecond defaults");
        Assert.AreEqual(0.001, buckets[0]);
        Assert.AreEqual(10.0, buckets[^1]);
        CollectionAssert.Contains(buckets.ToList(), 0.005, "a ~7 ms publish must not share a bucket with a 1 s one");
    }

    [TestMethod]
    public void JobDuration_ShouldAdviseBucketsFromATenthOfASecondToTwoHours()
    {
        var buckets = AdviceOfHistograms()["agensium.job.duration"];
        Assert.IsNotNull(buckets, "no bucket advice: the exporter falls back to the millisecond defaults");
        Assert.AreEqual(0.1, buckets[0]);
        Assert.AreEqual(7200.0, buckets[^1]);
        Assert.IsTrue(buckets.Count(b => b <= 5) >= 4, "runs under 5 s must be told apart");
        CollectionAssert.AreEqual(buckets.OrderBy(b => b).ToList(), buckets.ToList());
    }
}
