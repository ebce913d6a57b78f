using Agensium.Analysis.Profile;

namespace Agensium.Scheduler.Tests.Analysis.ProfileAgents;

/// <summary>
/// drift-detector on columns of many distinct values (ids, e-mails): the noise guard's merge of sparse categories groups
/// them by pooled count instead of sorting every one, and the new and missing categories listed are the 50 most frequent
/// picked with a bounded heap, with the others only counted (review: a 1M-row pair with two id columns took twice as
/// long). The results are those of the full sorts.
/// </summary>
[TestClass]
public sealed class DriftManyCategoriesTests
{
    [TestMethod]
    public void OnlyIn_ShouldListTheFiftyMostFrequent_ThenInOrdinalOrder_AndCountTheRest()
    {
        var current = new DriftColumnSample("id");
        var baseline = new DriftColumnSample("id");
        var random = new Random(7);
        for (int i = 0; i < 5_000; i++)
        {
            // Counts 1 to 4 with many ties, so the ordinal order decides most of the list; every third value shared.
            string value = $"V{random.Next(0, 3_000)}";
            current.Add(value, i, keepTexts: false);
            if (i % 3 == 0)
            {
                baseline.Add(value, i, keepTexts: false);
            }

            baseline.Add($"B{random.Next(0, 2_000)}", i, keepTexts: false);
        }

        AssertLikeFullSort(current, baseline);
        AssertLikeFullSort(baseline, current);
    }

    [TestMethod]
    public void OnlyIn_ShouldListEveryCategory_WhenFewerThanFifty()
    {
        var current = new DriftColumnSample("c");
        var baseline = new DriftColumnSample("c");
        foreach (var (v, n) in new[] { ("b", 2), ("a", 2), ("z", 5), ("shared", 1) })
        {
            for (int i = 0; i < n; i++)
            {
                current.Add(v, i, keepTexts: false);
            }
        }

        baseline.Add("shared", 0, keepTexts: false);

        var (top, count) = DriftColumnAnalyzer.OnlyIn(current, baseline);

        CollectionAssert.AreEqual(new[] { "z", "a", "b" }, top);
        Assert.AreEqual(3, count);
        Assert.AreEqual(0, DriftColumnAnalyzer.OnlyIn(baseline, current).Count);
    }

    [TestMethod]
    public void Test_ShouldMergeManySparseCategories_AsTheFullSortDid()
    {
        // 20,000 categories of 1 to 6 values on one side or both (ties everywhere) beside a few frequent ones: the tested
        // PSI, its threshold and the cells are those of the merge that sorted every sparse category.
        var random = new Random(11);
        var b = new List<double>();
        var c = new List<double>();
        for (int i = 0; i < 20_000; i++)
        {
            b.Add(random.Next(0, 4));
            c.Add(i % 1_000 == 0 ? 3_000 : random.Next(0, 3));
        }

        long n = (long)b.Sum();
        long m = (long)c.Sum();

        var test = PsiGuard.Test(b, c, n, m, ordered: false, noiseGuard: true);

        var (mb, mc) = ReferenceMerge(b, c, n, m);
        Assert.AreEqual(mb.Count, test.TestedCells);
        Assert.AreEqual(DistributionDistance.Psi([.. mb.Select(x => x / n)], [.. mc.Select(x => x / m)]), test.Tested);
        Assert.AreEqual(PsiGuard.Threshold(mb, mc, n, m), test.Threshold);
    }

    private static void AssertLikeFullSort(DriftColumnSample side, DriftColumnSample other)
    {
        var all = side.Counts.Where(kv => !other.Counts.ContainsKey(kv.Key)).OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToList();

        var (top, count) = DriftColumnAnalyzer.OnlyIn(side, other);

        Assert.IsTrue(all.Count > DriftColumnAnalyzer.CategoryListCap, $"{all.Count}");
        CollectionAssert.AreEqual(all.Take(DriftColumnAnalyzer.CategoryListCap).ToList(), top);
        Assert.AreEqual(all.Count, count);
    }

    // The merge as it was written first: every sparse category sorted by pooled count, largest first, ties in index order.
    private static (List<double> B, List<double> C) ReferenceMerge(List<double> bCounts, List<double> cCounts, long n, long m)
    {
        double cell = PsiGuard.CellMinimum(n, m);
        bool Enough(double x, double y) => Math.Min(n, m) * (x + y) / (n + m) / cell >= 1;
        var (b, c) = (new List<double>(), new List<double>());
        var sparse = new List<int>();
        for (int i = 0; i < bCounts.Count; i++)
        {
            if (bCounts[i] + cCounts[i] <= 0)
            {
                continue;
            }

            if (Enough(bCounts[i], cCounts[i]))
            {
                b.Add(bCounts[i]);
                c.Add(cCounts[i]);
            }
            else
            {
                sparse.Add(i);
            }
        }

        int kept = b.Count;
        double ab = 0, ac = 0;
        foreach (int i in sparse.OrderByDescending(i => bCounts[i] + cCounts[i]).ThenBy(i => i))
        {
            ab += bCounts[i];
            ac += cCounts[i];
            if (Enough(ab, ac))
            {
                b.Add(ab);
                c.Add(ac);
                (ab, ac) = (0, 0);
            }
        }

        if (ab + ac > 0)
        {
            if (b.Count == kept && kept > 0)
            {
                int smallest = Enumerable.Range(0, kept).MinBy(i => b[i] + c[i]);
                b[smallest] += ab;
                c[smallest] += ac;
            }
            else if (b.Count == 0)
            {
                b.Add(ab);
                c.Add(ac);
            }
            else
            {
                b[^1] += ab;
                c[^1] += ac;
            }
        }

        return (b, c);
    }
}
