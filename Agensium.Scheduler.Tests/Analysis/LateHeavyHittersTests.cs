using Agensium.Analysis.Common;
using Agensium.Analysis.Profile;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// The profiler's count of the values met past its exact table's cap: lossy counting (Manku and Motwani) whose
/// once-a-bucket values are only noted (<see cref="BucketSightings"/>) keeps exactly what plain lossy counting keeps.
/// </summary>
[TestClass]
public sealed class LateHeavyHittersTests
{
    [TestMethod]
    [DataRow(1, 0.0)]
    [DataRow(2, 0.3)]
    [DataRow(3, 0.6)]
    [DataRow(4, 0.9)]
    public void Frequent_ShouldBeWhatPlainLossyCountingKeeps(int seed, double repeatedShare)
    {
        // Mostly unique values with a share drawn from a few hundred repeated ones (some once a bucket or less, some
        // often), and a block of one value late in the stream: every kind of entry, kept and pruned.
        var random = new Random(seed);
        var counter = new LateHeavyHitters();
        var model = new PlainLossyCounting();
        for (int i = 0; i < 120_000; i++)
        {
            string value = i is > 90_000 and < 95_000 ? "PENDING"
                : random.NextDouble() < repeatedShare ? $"R{(int)Math.Pow(random.Next(1, 400), 1.6)}"
                : $"U{seed}-{i}";
            int hash = ValueCounter<TrackedValue>.HashOf(value);
            counter.Add(value, hash);
            model.Add(value, hash);
        }

        CollectionAssert.AreEquivalent(model.Frequent(), counter.Frequent().Select(p => $"{p.Key}:{p.Value}").ToList());
    }

    [TestMethod]
    public void SeenBefore_ShouldSayTheSecondSightingInABucket_AndForgetEveryHashAtTheNext()
    {
        var sightings = new BucketSightings();
        // Hashes that share their low bits probe on past each other.
        int[] hashes = [5, 5 + (1 << 14), 5 + (2 << 14), -7, 0];
        Assert.IsTrue(hashes.All(h => !sightings.SeenBefore(h)), "first sightings");
        Assert.IsTrue(hashes.All(sightings.SeenBefore), "second sightings");
        for (int bucket = 0; bucket < 70_000; bucket++)
        {
            // Past the generation counter's wrap too: no hash of an earlier bucket is taken for one of this bucket.
            sightings.NextBucket();
            Assert.IsFalse(sightings.SeenBefore(hashes[bucket % hashes.Length]), $"bucket {bucket}");
        }
    }

    [TestMethod]
    public void SeenBefore_ShouldTellAFullBucketsHashesApart()
    {
        var sightings = new BucketSightings();
        var random = new Random(3);
        var hashes = Enumerable.Range(0, LateHeavyHitters.BucketWidth).Select(_ => random.Next(int.MinValue, int.MaxValue)).Distinct().ToList();
        Assert.IsTrue(hashes.All(h => !sightings.SeenBefore(h)));
        Assert.IsTrue(hashes.All(sightings.SeenBefore));
        int other = Enumerable.Range(1, 100).Select(i => i * 7919).First(h => !hashes.Contains(h));
        Assert.IsFalse(sightings.SeenBefore(other));
    }

    // Lossy counting as written in the paper: every value is an entry from its first sighting, pruned at a bucket's end.
    private sealed class PlainLossyCounting
    {
        private readonly Dictionary<int, (long Count, long Delta, string? Value)> _entries = [];
        private long _seen;

        public void Add(string value, int hash)
        {
            _seen++;
            long bucket = (_seen + LateHeavyHitters.BucketWidth - 1) / LateHeavyHitters.BucketWidth;
            _entries[hash] = _entries.TryGetValue(hash, out var e) ? (e.Count + 1, e.Delta, e.Value ?? value) : (1, bucket - 1, null);
            if (_seen % LateHeavyHitters.BucketWidth == 0)
            {
                foreach (var key in _entries.Where(p => p.Value.Count + p.Value.Delta <= bucket).Select(p => p.Key).ToList())
                {
                    _entries.Remove(key);
                }
            }
        }

        public List<string> Frequent() => [.. _entries.Values.Where(e => e.Value is not null && e.Count >= 3).Select(e => $"{e.Value}:{e.Count}")];
    }
}
