using System.Text;
using Agensium.Analysis.Input;
using Agensium.Analysis.Profile;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// <see cref="RowBatch"/> keeps each column's fields in a buffer of its own: every field must read back as the reader
/// gave it (past the buffers' first size, with short rows), and a column may need composing only when one of its own
/// fields holds a mark, batch by batch.
/// </summary>
[TestClass]
public sealed class RowBatchTests
{
    [TestMethod]
    public void Fields_ShouldReadBackAsTheReaderGaveThem_AndComposingBeAskedPerColumnAndBatch()
    {
        var random = new Random(20261208);
        var text = new StringBuilder("a,b,c\n");
        var expected = new List<string[]>();
        for (int i = 0; i < 3_000; i++)
        {
            string[] row = random.Next(20) == 0
                ? [$"short{i}"]
                : [$"a{i}", new string('x', random.Next(0, 400)), i == 2_500 ? "Jose\u0301" : $"c{random.Next(50)}"];
            expected.Add(row);
            text.Append(string.Join(',', row)).Append('\n');
        }

        string path = Path.Combine(Path.GetTempPath(), $"rowbatch-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text.ToString());
        try
        {
            using var reader = CsvTableReader.Open(path, "rows.csv");
            var batch = new RowBatch(3, 1_000);
            int seen = 0;
            for (int round = 0; round < 3; round++)
            {
                batch.Clear();
                while (batch.Count < batch.Capacity && reader.Read())
                {
                    batch.Add(reader);
                }

                for (int r = 0; r < batch.Count; r++)
                {
                    var row = expected[seen + r];
                    Assert.AreEqual(row.Length, batch.Present(r), $"row {seen + r}");
                    Assert.AreEqual(seen + r, batch.RowIndex(r));
                    for (int c = 0; c < row.Length; c++)
                    {
                        Assert.AreEqual(row[c], batch.Field(r, c).ToString(), $"row {seen + r}, column {c}");
                    }
                }

                Assert.IsFalse(batch.MayNeedComposing(0));
                Assert.IsFalse(batch.MayNeedComposing(1));
                Assert.AreEqual(round == 2, batch.MayNeedComposing(2), $"batch {round}");
                seen += batch.Count;
            }

            Assert.AreEqual(expected.Count, seen);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
