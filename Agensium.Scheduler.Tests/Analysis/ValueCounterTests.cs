using Agensium.Analysis.Common;
using ValueCounter = Agensium.Analysis.Common.ValueCounter<int>;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>The allocation-free value counter behind the profiler's distinct counts, top values and entropy.</summary>
[TestClass]
public sealed class ValueCounterTests
{
    [TestMethod]
    public void Top_ShouldOrderByCountThenOrdinalText_WhenCountsTie()
    {
        var counter = new ValueCounter();
        foreach (string v in (string[])["b", "a", "B", "b", "a", "c", "a"])
        {
            counter.Increment(v);
        }

        // a ×3, b ×2, then B and c once each: "B" (0x42) sorts before "c" (0x63) ordinally.
        CollectionAssert.AreEqual(new[] { "a=3", "b=2", "B=1", "c=1" }, counter.Top(10).Select(p => $"{p.Key}={p.Value}").ToArray());
        CollectionAssert.AreEqual(new[] { "a=3", "b=2" }, counter.Top(2).Select(p => $"{p.Key}={p.Value}").ToArray());
        Assert.AreEqual(4, counter.Count);
        CollectionAssert.AreEqual(new long[] { 2, 3, 1, 1 }, counter.Counts().ToArray()); // insertion order: b, a, B, c
    }

    [TestMethod]
    public void Increment_ShouldOnlyCountTrackedValues_WhenAddingIsOff()
    {
        var counter = new ValueCounter();
        Assert.IsTrue(counter.Increment("x"));
        Assert.IsFalse(counter.Increment("x", add: false));
        Assert.IsFalse(counter.Increment("y", add: false));

        Assert.AreEqual(1, counter.Count);
        Assert.AreEqual(2L, counter.Top(1)[0].Value);
    }

    [TestMethod]
    public void Increment_ShouldKeepEveryValueApart_WhenTheTableGrowsManyTimes()
    {
        var counter = new ValueCounter();
        for (int i = 0; i < 50_000; i++)
        {
            counter.Increment((i % 20_000).ToString(System.Globalization.CultureInfo.InvariantCulture).AsSpan());
        }

        Assert.AreEqual(20_000, counter.Count);
        Assert.AreEqual(50_000L, counter.Counts().Sum());
        // 0..9 999 occur three times (i, i + 20 000, i + 40 000), 10 000..19 999 twice; ordinal ties: "0" < "1" < "10" …
        CollectionAssert.AreEqual(new[] { "0", "1", "10" }, counter.Top(3).Select(p => p.Key).ToArray());
        Assert.AreEqual(3L, counter.Top(1)[0].Value);
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 20_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), counter.Values().ToArray());
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(7)]
    [DataRow(100)]
    [DataRow(5_000)]
    public void Top_ShouldEqualTheFullSortsFirstN_WhenCountsAreSkewedAndTie(int n)
    {
        var random = new Random(20261203);
        var counter = new ValueCounter();
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < 60_000; i++)
        {
            // Skewed: a few values often, most rarely; many equal counts, so the text order decides.
            string v = "v" + (int)Math.Floor(Math.Pow(random.NextDouble(), 3) * 8_000);
            counter.Increment(v);
            expected[v] = expected.GetValueOrDefault(v) + 1;
        }

        var fullSort = expected.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(n).Select(p => $"{p.Key}={p.Value}").ToArray();
        CollectionAssert.AreEqual(fullSort, counter.Top(n).Select(p => $"{p.Key}={p.Value}").ToArray());
    }

    [TestMethod]
    public void IncrementAt_ShouldReturnEachValuesInsertionIndex_AndMinusOneForAnUntrackedValue()
    {
        var counter = new ValueCounter();
        var indexes = Enumerable.Range(0, 1_000).Select(i => counter.IncrementAt($"k{i % 300}")).ToArray();

        CollectionAssert.AreEqual(Enumerable.Range(0, 1_000).Select(i => i % 300).ToArray(), indexes);
        Assert.AreEqual(-1, counter.IncrementAt("never seen", add: false));
        Assert.AreEqual(42, counter.IncrementAt("k42", add: false));
        Assert.AreEqual(300, counter.Count);
    }

    [TestMethod]
    public void Payload_ShouldStayWithItsValue_WhenTheTableGrows()
    {
        var counter = new ValueCounter();
        for (int i = 0; i < 5_000; i++)
        {
            int entry = counter.IncrementAt($"v{i}");
            counter.Payload(entry) = i * 3;
        }

        for (int i = 0; i < 5_000; i++)
        {
            int entry = counter.IncrementAt($"v{i}", add: false);
            Assert.AreEqual(i, entry);
            Assert.AreEqual(i * 3, counter.Payload(entry));
        }
    }
}
