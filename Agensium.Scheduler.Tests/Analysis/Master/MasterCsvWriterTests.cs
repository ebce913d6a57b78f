using System.Text;
using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>RFC 4180 output of the mastered CSV.</summary>
[TestClass]
public sealed class MasterCsvWriterTests
{
    [TestMethod]
    public void Escape_ShouldQuoteAndDoubleQuotes_WhenFieldNeedsIt()
    {
        Assert.AreEqual("plain", MasterCsvWriter.Escape("plain"));
        Assert.AreEqual("\"a,b\"", MasterCsvWriter.Escape("a,b"));
        Assert.AreEqual("\"say \"\"hi\"\"\"", MasterCsvWriter.Escape("say \"hi\""));
        Assert.AreEqual("\"line\nbreak\"", MasterCsvWriter.Escape("line\nbreak"));
        Assert.AreEqual("\" edge\"", MasterCsvWriter.Escape(" edge"));
    }

    [TestMethod]
    public void Write_ShouldRoundTripWithoutBom_WhenTableHasSpecialCharacters()
    {
        var table = MasterTable.FromRows(["a", "b"], [["x,y", "München \"q\""], ["", "two\r\nlines"]]);
        string path = Path.Combine(Path.GetTempPath(), "agensium-master-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            MasterCsvWriter.Write(table, path);
            var bytes = File.ReadAllBytes(path);
            var back = MasterTable.Load(new Agensium.Analysis.InputFile("x.csv", path), CancellationToken.None);

            Assert.AreNotEqual(0xEF, bytes[0]);
            Assert.StartsWith("a,b\r\n\"x,y\",", Encoding.UTF8.GetString(bytes));
            CollectionAssert.AreEqual(table.Row(0), back.Row(0));
            CollectionAssert.AreEqual(table.Row(1), back.Row(1));
            Assert.IsFalse(File.Exists(path + ".tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
