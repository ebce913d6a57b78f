using System.Text;
using Agensium.Analysis.Clean;
using Agensium.Analysis;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

/// <summary>
/// The cleaned files' writer encodes each field into its own byte buffer: the bytes are those a UTF-8
/// <see cref="StreamWriter"/> writes for <see cref="CsvFileWriter.Escape"/> of each field (what it wrote before), quotes,
/// commas, line breaks, letters beyond ASCII, pairs and lone surrogates, empty and very long fields alike.
/// </summary>
[TestClass]
public sealed class CsvFileWriterTests
{
    private static readonly string[] Pieces =
        ["a", "Zoë", "\"", ",", "\r", "\n", "\r\n", " ", "日本", "\U0001F600", "\uD83D", "\uDE00", "x\"y", "", "1.5", "é", "\u2014", "\"\""];

    [TestMethod]
    public void WrittenBytes_ShouldBeThoseOfEscapeThroughAStreamWriter_ForAnyFields()
    {
        var random = new Random(52);
        var rows = new List<string?[]>();
        for (int r = 0; r < 20_000; r++)
        {
            rows.Add([.. Enumerable.Range(0, 3).Select(_ => Field(random))]);
        }

        rows.Add([new string('q', 200_000) + "\u00e9\"", "", null]); // longer than the buffer, quoted
        rows.Add([string.Concat(Enumerable.Repeat("\u20ac", 70_000)), "b", "c"]); // 210,000 bytes, none quoted
        rows.Add(["", null, ""]);
        var (header, written) = WriteOver("h1,\"h\"\"2\",h é\n1,2,3\n", writer => rows.ForEach(row => writer.WriteRow(row)));
        CollectionAssert.AreEqual(new[] { "h1", "h\"2", "h é" }, header.ToArray());

        var expected = new MemoryStream();
        using (var reference = new StreamWriter(expected, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true))
        {
            foreach (var row in new[] { header.ToArray<string?>() }.Concat(rows))
            {
                reference.Write(row.Length == 1 && string.IsNullOrEmpty(row[0]) ? "\"\"" : string.Join(",", row.Select(CsvFileWriter.Escape)));
                reference.Write("\r\n");
            }
        }

        CollectionAssert.AreEqual(expected.ToArray(), written);
    }

    [TestMethod]
    public void ALoneEmptyField_ShouldBeWrittenQuoted()
    {
        var (_, written) = WriteOver("only\nx\n", writer =>
        {
            writer.WriteRow([""]);
            writer.WriteRow(["a,b"]);
            writer.WriteRow([null]);
        });

        Assert.AreEqual("only\r\n\"\"\r\n\"a,b\"\r\n\"\"\r\n", Encoding.UTF8.GetString(written));
    }

    // A writer made over the scan of a file holding <paramref name="input"/>, given the rows by <paramref name="write"/>:
    // the header the scan read and the bytes written.
    private static (IReadOnlyList<string> Header, byte[] Written) WriteOver(string input, Action<CsvFileWriter> write)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"csvwriter-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "in.csv");
            File.WriteAllText(path, input);
            var file = new InputFile("in.csv", path);
            string output = Path.Combine(dir, "out.csv");
            IReadOnlyList<string> header;
            using (var scan = RowScan.Open(file))
            using (var writer = CsvFileWriter.Over(new CleanAgentContext(file, file, output, []), scan))
            {
                header = scan.Columns;
                write(writer);
            }

            return (header, File.ReadAllBytes(output));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string? Field(Random random)
    {
        int n = random.Next(-1, 6);
        return n < 0 ? null : string.Concat(Enumerable.Range(0, n).Select(_ => Pieces[random.Next(Pieces.Length)]));
    }
}
