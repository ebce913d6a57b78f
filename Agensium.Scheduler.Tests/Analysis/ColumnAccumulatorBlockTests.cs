using System.Globalization;
using System.Text;
using Agensium.Analysis.Common;
using Agensium.Analysis.Input;
using Agensium.Analysis.Profile;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// <see cref="ColumnAccumulator.AddColumn"/> hashes, prefetches and counts a batch's values a block of
/// <see cref="ColumnAccumulator.PrefetchBlock"/> rows at a time: its figures must be those of the same rows added one
/// row per batch (the definition), whatever the batch and block boundaries, and a column past the distinct cap must
/// estimate what a HyperLogLog of every one of its values does.
/// </summary>
[TestClass]
public sealed class ColumnAccumulatorBlockTests
{
    [TestMethod]
    [DataRow(4_096)]
    [DataRow(1_000)]
    [DataRow(257)]
    public void AddColumn_ShouldGiveTheFiguresOfOneRowAtATime_WhateverTheBatchSize(int batchRows)
    {
        string path = WriteFile(rows: 9_000, distinctIds: 9_000);
        try
        {
            var blocked = Accumulate(path, batchRows);
            var oneByOne = Accumulate(path, 1);
            for (int c = 0; c < blocked.Length; c++)
            {
                Assert.AreEqual(Figures(oneByOne[c]), Figures(blocked[c]), $"column {c}, batches of {batchRows}");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void DistinctCount_ShouldBeTheHyperLogLogOfEveryValue_WhenTheColumnPassesTheCap()
    {
        // 300,000 rows of ~160,000 ids, many met more than once (before the cap and after): the estimate is that of a
        // HyperLogLog given every non-null value, however often the table already counted it.
        string path = WriteFile(rows: 300_000, distinctIds: 250_000);
        try
        {
            var accumulator = Accumulate(path, 4_096)[0];
            var expected = new HyperLogLog();
            using (var reader = CsvTableReader.Open(path, "ids.csv"))
            {
                while (reader.Read())
                {
                    var id = reader.GetField(0);
                    if (!id.IsWhiteSpace() && !Agensium.Analysis.Clean.CellValues.IsNullToken(id))
                    {
                        expected.Add(id);
                    }
                }
            }

            Assert.IsTrue(accumulator.DistinctIsEstimate);
            Assert.AreEqual(expected.Estimate(), accumulator.DistinctCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void KnownEntropy_ShouldBeTheEntropyOfKnownCounts_ToTheBit_BeforeAndPastTheCap()
    {
        // 130,000 rows: 110,000 unique ids fill the table past the cap, then placeholders met often (the late frequent
        // values) among more unique ids; a second column stays below the cap.
        var text = new StringBuilder("id,kind\n");
        var random = new Random(20261208);
        for (int i = 0; i < 130_000; i++)
        {
            string id = i < 110_000 ? $"U{i:D7}" : random.Next(4) switch
            {
                0 => "PENDING",
                1 => $"LATER{random.Next(5)}",
                _ => $"U{i:D7}",
            };
            text.Append(id).Append(',').Append($"k{random.Next(40)}").Append('\n');
        }

        string path = Path.Combine(Path.GetTempPath(), $"entropy-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text.ToString());
        try
        {
            var accumulators = Accumulate(path, 4_096);
            Assert.IsTrue(accumulators[0].DistinctIsEstimate);
            Assert.IsTrue(accumulators[0].KnownCounts().Count() > accumulators[0].ValueCounts.Count, "late frequent values counted");
            Assert.IsFalse(accumulators[1].DistinctIsEstimate);
            foreach (var accumulator in accumulators)
            {
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(EntropyByDefinition(accumulator.KnownCounts())), BitConverter.DoubleToInt64Bits(accumulator.KnownEntropy()), accumulator.Name);
            }
        }
        finally
        {
            File.Delete(path);
        }

        long[] counts = [.. Enumerable.Range(0, 5_000).Select(_ => (long)random.Next(1, 1_000))];
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(EntropyByDefinition(counts)), BitConverter.DoubleToInt64Bits(ColumnAccumulator.Entropy(counts)));
        Assert.AreEqual(0.0, ColumnAccumulator.Entropy([]));
        Assert.AreEqual(0.0, ColumnAccumulator.Entropy([7]));
    }

    // The entropy as the profile computed it through LINQ before KnownEntropy: Sum, then each term in the counts' order.
    private static double EntropyByDefinition(IEnumerable<long> counts)
    {
        long total = counts.Sum();
        double h = 0;
        foreach (long c in counts)
        {
            double p = (double)c / total;
            h -= p * Math.Log2(p);
        }

        return h == 0 ? 0 : h;
    }

    private static ColumnAccumulator[] Accumulate(string path, int batchRows)
    {
        using var reader = CsvTableReader.Open(path, "rows.csv");
        var accumulators = reader.Columns.Select((name, i) => new ColumnAccumulator(name, i, new RowBitmap(), keepPiiSample: true, 500)).ToArray();
        var batch = new RowBatch(accumulators.Length, batchRows);
        bool more = true;
        while (more)
        {
            batch.Clear();
            while (batch.Count < batch.Capacity && (more = reader.Read()))
            {
                batch.Add(reader);
            }

            for (int c = 0; c < accumulators.Length; c++)
            {
                accumulators[c].AddColumn(batch, c);
            }
        }

        return accumulators;
    }

    // Ids (repeated and unique), a number column with blanks and null tokens, text with marks to compose, short rows.
    private static string WriteFile(int rows, int distinctIds)
    {
        var random = new Random(20261207);
        var text = new StringBuilder("id,amount,name\n");
        for (int i = 0; i < rows; i++)
        {
            string id = random.Next(8) == 0 ? "" : $"C{random.Next(distinctIds):D7}";
            string amount = random.Next(10) switch
            {
                0 => "",
                1 => "N/A",
                2 => "  ",
                _ => (random.Next(100_000) / 100.0).ToString(CultureInfo.InvariantCulture),
            };
            string name = random.Next(6) switch
            {
                0 => "Jose\u0301",
                1 => "Jos\u00e9",
                2 => $"name {random.Next(300)}",
                _ => "Anna",
            };
            text.Append(random.Next(50) == 0 ? $"{id}\n" : $"{id},{amount},{name}\n");
        }

        string path = Path.Combine(Path.GetTempPath(), $"blocks-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string Figures(ColumnAccumulator a) => string.Join(" | ",
        a.NullCount, a.EmptyCount, a.WhitespaceCount, a.NullTokenCount, a.MissingCount, a.NonNullCount, a.NumberCount,
        a.IntegerCount, a.MinLength, a.MaxLength, a.TotalLength, a.DistinctCount, a.DistinctIsEstimate, a.LeadingZeroCount,
        a.NumericMin, a.NumericMax, a.NumericMean, a.NumericStd,
        string.Join(",", a.TopValues(20).Select(p => $"{p.Key}={p.Value}")),
        string.Join(",", a.NullRows), string.Join(",", a.Values ?? []), string.Join(",", a.ValueRows ?? []),
        string.Join(",", a.PiiSample ?? []), string.Join(",", a.NumericTextRows.Select(p => $"{p.Row}:{p.Value}")));
}
