using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Reporting;
using Agensium.Scheduler.Tests.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis.Reporting;

[TestClass]
public sealed class LongTextTests
{
    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Ct => TestContext.CancellationToken;

    [TestMethod]
    public void Cut_ShouldKeepTheStartAndTheEndAndCountWhatIsLeftOut_WhenTextIsLongerThanTheCap()
    {
        // A message naming a 6,000-character column lost what was wrong with it when only its start was kept. 1,234 + 19
        // characters past the cap are left out.
        string text = new string('x', LongText.MaxChars + 1234) + " is not in the file";

        string cut = LongText.Cut(text);

        int head = LongText.MaxChars - LongText.TailChars;
        Assert.AreEqual(new string('x', head) + "…[1,253 characters left out]…" + text[^LongText.TailChars..], cut);
        StringAssert.EndsWith(cut, "x is not in the file");
        Assert.AreEqual("short", LongText.Cut("short"));
    }

    [TestMethod]
    public void Cut_ShouldNotSplitASurrogatePair_WhenACutFallsInsideOne()
    {
        int head = LongText.MaxChars - LongText.TailChars;
        // An emoji across the head's end and one across the tail's start: neither is kept as half a pair.
        string text = new string('a', head - 1) + "😀" + new string('b', 20) + "😀" + new string('c', LongText.TailChars - 1);

        string cut = LongText.Cut(text);

        StringAssert.StartsWith(cut, new string('a', head - 1) + "…[", "the first emoji's high surrogate is not kept alone");
        StringAssert.EndsWith(cut, "]…" + new string('c', LongText.TailChars - 1), "nor the second's low surrogate");
        StringAssert.Contains(cut, "[22 characters left out]", "two emoji and twenty b's: characters, not UTF-16 units");
    }

    [TestMethod]
    public void Clip_ShouldCutValuesAndPropertyNames_KeepingTheOrderAndEveryKeyApart()
    {
        // Two 5,000-character names with the same start and end cut to one text: the second is told apart by " (2)".
        string longName = new('n', LongText.MaxChars + 1);
        string twinA = "a" + new string('m', 5000) + "z";
        string twinB = "a" + new string('m', 3999) + "X" + new string('m', 1000) + "z"; // the X is in the part left out
        var tree = new JsonObject
        {
            ["short"] = "ok",
            [longName] = new JsonArray(new string('v', LongText.MaxChars + 5), 3, new JsonObject { ["deep"] = new string('d', LongText.MaxChars * 2) }),
            [twinA] = 1,
            [twinB] = 2,
            ["last"] = true,
        };

        int clipped = LongText.Clip(tree);

        Assert.AreEqual(5, clipped, "two values and three names");
        CollectionAssert.AreEqual(new[] { "short", LongText.Cut(longName), LongText.Cut(twinA), LongText.Cut(twinB) + " (2)", "last" },
            tree.Select(p => p.Key).ToArray());
        Assert.AreEqual(LongText.Cut(twinA), LongText.Cut(twinB));
        Assert.AreEqual("ok", (string?)tree["short"]);
        Assert.AreEqual(2, (int)tree[LongText.Cut(twinB) + " (2)"]!);
        var array = tree[LongText.Cut(longName)]!.AsArray();
        StringAssert.Contains((string)array[0]!, "…[5 characters left out]…");
        Assert.AreEqual(3, (int)array[1]!);
        StringAssert.Contains((string)array[2]!["deep"]!, "…[" + LongText.MaxChars.ToString("N0", CultureInfo.InvariantCulture) + " characters left out]…");
    }

    [TestMethod]
    public async Task CleanMyData_ShouldCutALongColumnNameInItsReport_WhereverItIsAKey()
    {
        // A 200,000-character header cell was quoted whole as a key (column_types, per-column figures) in every agent.
        using var files = new CleanTestFiles();
        string name = "col_" + new string('h', 200_000);
        files.AddText("wide.csv", $"id,{name}\n" + string.Concat(Enumerable.Range(1, 20).Select(i => $"{i},{i * 1.5}\n")));

        var result = await files.RunToolAsync(Ct);

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        var report = JsonNode.Parse(await File.ReadAllTextAsync(files.ReportPath, Ct))!.AsObject();
        Assert.IsLessThanOrEqualTo(LongText.MaxChars + 40, LongestName(report));
        Assert.IsLessThan(1_000_000L, new FileInfo(files.ReportPath).Length);
        var (header, _) = CleanTestFiles.ReadCsv(result.Outputs.Single(o => o.ContentType == "text/csv").Path);
        Assert.AreEqual(name, header[1], "the cleaned file keeps the name whole");
    }

    [TestMethod]
    public async Task CleanMyData_ShouldCutLongCellsInItsReportsButKeepThemWholeInTheCleanedFile()
    {
        // A 40-row file with a 1 MB cell made a 10 MB report: the value was quoted in top values, examples before and after.
        using var files = new CleanTestFiles();
        string big = "  " + new string('q', 300_000) + "  ";
        files.AddText("notes.csv", "id,note\n" + string.Concat(Enumerable.Range(1, 40).Select(i => $"{i},{(i % 2 == 0 ? big : "short " + i)}\n")));

        var result = await files.RunToolAsync(Ct);

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        var reportFile = new FileInfo(files.ReportPath);
        Assert.IsLessThan(1_000_000L, reportFile.Length, "the report quotes the start of the value, not all of it");
        var report = JsonNode.Parse(await File.ReadAllTextAsync(files.ReportPath, Ct))!.AsObject();
        var note = report["metadata"]!["long_text_clipped"]!;
        Assert.IsGreaterThan(0, (int)note["values"]!);
        Assert.AreEqual(LongText.MaxChars, (int)note["max_characters"]!);
        Assert.IsLessThanOrEqualTo(LongText.MaxChars + 40, LongestText(report));
        var (_, rows) = CleanTestFiles.ReadCsv(result.Outputs.Single(o => o.ContentType == "text/csv").Path);
        Assert.AreEqual(new string('q', 300_000), rows.Single(r => r[0] == "2")[1], "the cleaned file keeps the value whole (trimmed)");
        var book = WorkbookReader.Open(result.Outputs.Single(o => o.Name.EndsWith(".xlsx", StringComparison.Ordinal)).Path);
        string tooLong = new('q', LongText.MaxChars + 1);
        Assert.IsFalse(book.AllText().Any(c => c.Contains(tooLong, StringComparison.Ordinal)), "the Excel report shows the same cut text");
    }

    [TestMethod]
    public async Task ProfileMyData_ShouldSayNothingWasCut_WhenNoValueIsLong()
    {
        using var support = new AnalysisTestSupport();
        support.AddText("small.csv", "id,name\n1,Ann\n2,Bob\n");

        var report = await support.RunReportAsync(Ct);

        Assert.IsNull(report["metadata"]!["long_text_clipped"]);
    }

    private static int LongestName(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Select(p => Math.Max(p.Key.Length, LongestName(p.Value))).DefaultIfEmpty(0).Max(),
        JsonArray array => array.Select(LongestName).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    private static int LongestText(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Select(p => LongestText(p.Value)).DefaultIfEmpty(0).Max(),
        JsonArray array => array.Select(LongestText).DefaultIfEmpty(0).Max(),
        JsonValue value when value.TryGetValue<string>(out var s) => s.Length,
        _ => 0,
    };
}
