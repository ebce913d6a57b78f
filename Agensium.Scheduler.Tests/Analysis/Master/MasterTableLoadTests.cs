using System.Text;
using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>Reading a CSV file into a <see cref="MasterTable"/> (rows parsed in blocks, columns encoded in parallel).</summary>
[TestClass]
public sealed class MasterTableLoadTests
{
    [TestMethod]
    public void Load_ShouldKeepEveryCellInOrder_WhenTheFileSpansSeveralBlocksAndHasShortAndQuotedRows()
    {
        const int width = 5000; // wide enough for blocks of a few dozen rows
        const int rows = 150;
        var csv = new StringBuilder();
        csv.AppendJoin(',', Enumerable.Range(0, width).Select(c => "c" + c)).Append("\r\n");
        for (int r = 0; r < rows; r++)
        {
            if (r == 100)
            {
                csv.Append("short,\"quoted, with comma\",\"two\nlines\"\r\n"); // three fields: the rest padded with ""
                continue;
            }

            csv.AppendJoin(',', Enumerable.Range(0, width).Select(c => ((r + c) % 7).ToString(System.Globalization.CultureInfo.InvariantCulture))).Append("\r\n");
        }

        string path = Path.Combine(Path.GetTempPath(), "agensium-load-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
            var table = MasterTable.Load(new Agensium.Analysis.InputFile("wide.csv", path), CancellationToken.None);

            Assert.AreEqual(rows, table.RowCount);
            Assert.AreEqual(width, table.Columns.Count);
            foreach (int r in new[] { 0, 1, 63, 64, 99, 101, 149 })
            {
                foreach (int c in new[] { 0, 1, 2, 3, 4998, 4999 })
                {
                    Assert.AreEqual(((r + c) % 7).ToString(System.Globalization.CultureInfo.InvariantCulture), table[r, c], $"row {r}, column {c}");
                }
            }

            CollectionAssert.AreEqual(new[] { "short", "quoted, with comma", "two\nlines", "", "" }, new[] { table[100, 0], table[100, 1], table[100, 2], table[100, 3], table[100, 4999] });
            Assert.AreEqual(table.Column(0).CodeOf(0), table.Column(0).CodeOf(7)); // equal cells of a column share one code
        }
        finally
        {
            File.Delete(path);
        }
    }
}
