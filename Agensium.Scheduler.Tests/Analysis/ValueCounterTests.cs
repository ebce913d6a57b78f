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
    [TestMethod]
    public void HashOf_ShouldSpreadValuesOfOneShapeEvenlyOverTheTable()
    {
        // Values of one shape (ids, e-mails, plain numbers, long notes) must not crowd a few slots of an open-addressing
        // table: bucket counts of the low 10 bits stay within ±6 standard deviations of the mean, and 32-bit
        // collisions stay near the birthday expectation (n²/2³³ ≈ 4.7 for 200,000 values).
        var values = Enumerable.Range(0, 50_000).SelectMany(i => new[]
        {
            $"C0{i:D7}", $"user{i}@mail.com", i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Address change requested: {i} Washington Blvd, Suite {i % 97}, Springfield",
        }).ToList();
        var buckets = new int[1024];
        var seen = new HashSet<int>();
        int collisions = 0;
        foreach (string v in values)
        {
            int hash = ValueCounter.HashOf(v);
            buckets[hash & 1023]++;
            collisions += seen.Add(hash) ? 0 : 1;
        }

        double mean = values.Count / 1024.0;
        Assert.IsTrue(buckets.All(b => Math.Abs(b - mean) < 6 * Math.Sqrt(mean)), $"bucket counts {buckets.Min()}..{buckets.Max()} around {mean:F0}");
        Assert.IsLessThan(25, collisions);
    }

    [TestMethod]
    public void HashOf_ShouldChange_WhenAnyOneCharacterOfAValueOfAnyLengthChanges()
    {
        // Every length takes one of the hash's paths (short, up to 8 characters, 48-byte blocks, 16-byte tail); a change
        // of any one character anywhere must change the hash, and equal text in different arrays hashes the same.
        var hashes = new HashSet<int>();
        int made = 0;
        for (int length = 0; length <= 130; length++)
        {
            var text = new string('a', length).ToCharArray();
            hashes.Add(ValueCounter.HashOf(text));
            made++;
            Assert.AreEqual(ValueCounter.HashOf(text), ValueCounter.HashOf(("xx" + new string(text)).AsSpan(2)));
            for (int at = 0; at < length; at++)
            {
                text[at] = 'b';
                hashes.Add(ValueCounter.HashOf(text));
                made++;
                text[at] = 'a';
            }
        }

        Assert.IsGreaterThan(made - 3, hashes.Count, "8,646 variants should (almost) never share a 32-bit hash");
    }

    [TestMethod]
    public void IncrementAt_ShouldKeepEveryValuesTextCountAndPayload_WhenItsTextAndEntriesSpanManyChunks()
    {
        // Past 4,096 entries and 65,536 characters the counter keeps further chunks (and a value longer than a chunk one
        // of its own): every value must still be found, keep its own count, payload and text, and stay in insertion order.
        var random = new Random(20261207);
        var counter = new ValueCounter();
        var expected = new Dictionary<string, (int Index, long Count)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int i = 0; i < 60_000; i++)
        {
            int roll = random.Next(1_000);
            string v = roll switch
            {
                0 => new string((char)('a' + random.Next(26)), 65_536 + random.Next(3) - 1), // a chunk's length, ±1
                1 => new string('x', 70_000 + random.Next(50_000)) + i,
                < 60 => "", // empty text takes no room
                < 400 => "r" + random.Next(2_000), // repeats
                _ => $"value {i} " + new string('n', random.Next(40)),
            };
            int index = counter.IncrementAt(v);
            if (expected.TryGetValue(v, out var known))
            {
                Assert.AreEqual(known.Index, index, v.Length > 20 ? v[..20] : v);
                expected[v] = (index, known.Count + 1);
            }
            else
            {
                Assert.AreEqual(order.Count, index);
                counter.Payload(index) = index * 7;
                expected[v] = (index, 1);
                order.Add(v);
            }
        }

        Assert.IsGreaterThan(EntryChunks * 4_096, counter.Count);
        Assert.AreEqual(order.Count, counter.Count);
        CollectionAssert.AreEqual(order, counter.Values().ToList());
        CollectionAssert.AreEqual(order.Select(v => expected[v].Count).ToList(), counter.Counts().ToList());
        foreach (var (v, (index, count)) in expected)
        {
            Assert.AreEqual(index, counter.IncrementAt(v, add: false));
            Assert.AreEqual(count + 1, counter.CountAt(index));
            Assert.AreEqual(index * 7, counter.Payload(index));
        }
    }

    // The test above fills more than this many chunks of 4,096 entries.
    private const int EntryChunks = 8;

    [TestMethod]
    public void TrackedValue_ShouldTakeSixteenBytes_SoThatATableEntryTakesThirtyTwo()
    {
        Assert.AreEqual(16, System.Runtime.CompilerServices.Unsafe.SizeOf<Agensium.Analysis.Profile.TrackedValue>());
        var cell = new Agensium.Analysis.Profile.CellClass(Agensium.Analysis.Profile.CellKinds.Number | Agensium.Analysis.Profile.CellKinds.LeadingZero, 2134.5);
        var tracked = new Agensium.Analysis.Profile.TrackedValue(cell, 6);
        Assert.AreEqual(cell, tracked.Cell);
        Assert.AreEqual(6, tracked.CodePoints);
    }
}
