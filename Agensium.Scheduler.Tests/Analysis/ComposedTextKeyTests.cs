using Agensium.Analysis.Clean;
using Agensium.Analysis.Common;
using Agensium.Analysis.Master;
using Agensium.Scheduler.Tests.Analysis.Clean;
using static Agensium.Scheduler.Tests.Analysis.Master.MasterTestData;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// One name written in Unicode form C ("José", precomposed é) and form D ("Jose" + U+0301, as macOS and some exports
/// write it) is one value wherever the three tools compare or key values; the cells they write keep the user's text.
/// </summary>
[TestClass]
public sealed class ComposedTextKeyTests
{
    private const string Composed = "Jos\u00e9";
    private const string Decomposed = "Jose\u0301";

    [TestMethod]
    public void ComposedText_ShouldComposeOnlyWhatIsNotComposed()
    {
        Assert.AreEqual(Composed, ComposedText.Of(Decomposed));
        Assert.AreSame(Composed, ComposedText.Of(Composed));
        Assert.IsTrue(ComposedText.IsComposed("plain ascii"));
        Assert.IsFalse(ComposedText.IsComposed(Decomposed));
        Assert.AreEqual("a\ud800\u00E9", ComposedText.Of("a\ud800e\u0301"), "a lone surrogate is kept as written, not thrown on");
        Assert.AreEqual("\u1EAD", ComposedText.Of("a\u0323\u0302"), "marks in canonical order, then composed");
        Assert.AreEqual("\u1EAD", ComposedText.Of("a\u0302\u0323"));
        Assert.AreEqual("\u00C5", ComposedText.Of("\u212B"), "the Angstrom sign is a singleton: Å");
        Assert.AreEqual("\uAC01", ComposedText.Of("\u1100\u1161\u11A8"), "Hangul jamo compose by rule");
        Assert.AreEqual("e\u0301\u0301".Length - 1, ComposedText.Of("e\u0301\u0301").Length, "the second acute is blocked");
        string japanese = "\u6771\u4EAC\u30AC";
        Assert.AreSame(japanese, ComposedText.Of(japanese));
        Assert.AreEqual("\u30AC", ComposedText.Of("\u30AB\u3099"), "katakana ka + voiced mark");
    }

    [TestMethod]
    public void ComposedText_ShouldJudgeEveryMixOfMarksAsComposingItWholeDoes()
    {
        // Starters, marks, NFC_QC=Maybe characters (Tamil, Bengali, Malayalam vowel signs, kana voicing marks, Hangul
        // jamo, Kaithi's U+110BA beyond the BMP), singletons and precomposed letters, 20,000 random mixes. The reference
        // is Of of the text with " \u212B" appended (a singleton: composed in full, and the space lets nothing before it
        // compose across), cut back.
        string[] pool = ["a", "e", "k", " ", "\u0301", "\u0323", "\u0302", "\u0308", "\u00E9", "\u1EAD", "\u0B95", "\u0BC6", "\u0BC7",
            "\u0BBE", "\u0BD7", "\u09C7", "\u09BE", "\u09D7", "\u0D46", "\u0D3E", "\u30AB", "\u3099", "\u309A", "\uAC00", "\u1100",
            "\u1161", "\u11A8", "\U00011099", "\U000110BA", "\U0001D15E", "\u0340"];
        var random = new Random(37);
        for (int n = 0; n < 20_000; n++)
        {
            string text = string.Concat(Enumerable.Range(0, random.Next(1, 7)).Select(_ => pool[random.Next(pool.Length)]));
            string full = ComposedText.Of(text + " \u212B");
            string expected = full[..^2];

            Assert.AreEqual(" \u00C5", full[^2..], text);
            Assert.AreEqual(expected, ComposedText.Of(text), text);
            Assert.AreEqual(expected == text, ComposedText.IsComposed(text), text);
        }
    }

    [TestMethod]
    public void ComposedText_ShouldNotComposeAWholeTextToCheckIt_WhenItHoldsCharactersThatMayCompose()
    {
        // 1,000 Tamil syllables "\u0B95\u0BBE" (ka + vowel sign aa, NFC_QC=Maybe) are in form C. IsComposed composed the
        // whole text to tell (a string per code point, ~50 KB here); Of composed a decomposed text twice.
        string tamil = string.Concat(Enumerable.Repeat("\u0B95\u0BBE", 1000));
        Assert.IsTrue(ComposedText.IsComposed(tamil));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.IsTrue(ComposedText.IsComposed(tamil));
        long checking = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.IsLessThan(4096L, checking, "bytes allocated to check 2,000 characters");

        string decomposed = string.Concat(Enumerable.Repeat("\u0B95\u0BC6\u0BBE", 1000)); // ko written as e + aa
        Assert.AreEqual(string.Concat(Enumerable.Repeat("\u0B95\u0BCA", 1000)), ComposedText.Of(decomposed));
        before = GC.GetAllocatedBytesForCurrentThread();
        ComposedText.Of(decomposed);
        long composing = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.IsLessThan(16L * decomposed.Length, composing, "bytes allocated to compose 3,000 characters");
    }

    [TestMethod]
    public void GoldenRecords_ShouldClusterExactKeys_WhenOneNameIsWrittenComposedAndDecomposed()
    {
        var table = Table($"id,name,city\n1,{Composed} Garcia,Madrid\n2,{Decomposed} Garcia,Madrid\n3,Anna Berg,Oslo\n");

        var result = new GoldenRecordBuilderAgent(Clock).Run(table, Params(GoldenRecordBuilderAgent.AgentId, """{"match_key_columns":["name"]}"""), CancellationToken.None);

        Assert.AreEqual(2, result.Output!.RowCount);
        Assert.AreEqual("2", Cell(result.Output, 0, "__source_count__"));
    }

    [TestMethod]
    public void Survivorship_ShouldClusterExactKeys_WhenOneNameIsWrittenComposedAndDecomposed()
    {
        var table = Table($"id,name,phone\n1,{Decomposed} Garcia,\n2,{Composed} Garcia,555-0100\n");

        var result = new SurvivorshipResolverAgent(Clock).Run(table, Params(SurvivorshipResolverAgent.AgentId, """{"match_key_columns":["name"]}"""), CancellationToken.None);

        Assert.AreEqual(1, result.Output!.RowCount);
        Assert.AreEqual("555-0100", Cell(result.Output, 0, "phone"));
    }

    [TestMethod]
    public void MostFrequentValue_ShouldCountOneNameWrittenTwoWays_InGoldenRecordsAndSurvivorship()
    {
        // "Jose" once, "José" twice (once in each form): every value was seen once, and the first row's "Jose" won.
        string csv = $"email,name\nj@x.com,Jose\nj@x.com,{Composed}\nj@x.com,{Decomposed}\n";

        var golden = new GoldenRecordBuilderAgent(Clock).Run(Table(csv),
            Params(GoldenRecordBuilderAgent.AgentId, """{"match_key_columns":["email"],"survivorship_rules":{"name":"most_frequent"}}"""), CancellationToken.None);
        var survivor = new SurvivorshipResolverAgent(Clock).Run(Table(csv),
            Params(SurvivorshipResolverAgent.AgentId, """{"match_key_columns":["email"],"survivorship_rules":{"name":"frequency"}}"""), CancellationToken.None);

        Assert.AreEqual(Composed, Cell(golden.Output!, 0, "name"));
        Assert.AreEqual(Composed, Cell(survivor.Output!, 0, "name"));
    }

    [TestMethod]
    public void Stewardship_ShouldSuspectADuplicate_WhenTheKeyIsOneNameWrittenTwoWays()
    {
        var table = Table($"id,name\n1,{Composed}\n2,{Decomposed}\n3,Anna\n");

        var result = new StewardshipFlaggerAgent(Clock).Run(table, Params(StewardshipFlaggerAgent.AgentId, """{"duplicate_key_columns":["name"]}"""), CancellationToken.None);

        StringAssert.Contains(Cell(result.Output!, 1, "__stewardship_issues__"), "DUPLICATE_SUSPECTED");
        Assert.IsFalse(Cell(result.Output!, 2, "__stewardship_issues__").Contains("DUPLICATE_SUSPECTED", StringComparison.Ordinal));
    }

    [TestMethod]
    public void MatchNormalizer_ShouldKeepTheAccent_WhenItIsACombiningMark()
    {
        // The combining acute is no letter: Basic dropped it, so "josé garcia" met "jose garcia" as a fuzzy near-miss.
        Assert.AreEqual(MatchNormalizer.Normalize($"{Composed} Garcia", MatchFieldKind.FullName), MatchNormalizer.Normalize($"{Decomposed} Garcia", MatchFieldKind.FullName));
        Assert.AreEqual("josé garcia", MatchNormalizer.Normalize($"{Decomposed} Garcia", MatchFieldKind.FullName));
        Assert.AreEqual(MatchNormalizer.Normalize("Zoë Ltd", MatchFieldKind.Organization), MatchNormalizer.Normalize("Zoe\u0308 Ltd", MatchFieldKind.Organization));
    }

    [TestMethod]
    public void DuplicateResolver_ShouldRemoveTheDecomposedCopy_AndKeepTheFirstRowAsWritten()
    {
        using var files = new CleanTestFiles();

        var result = files.RunAgent(DuplicateResolverAgent.AgentId, $"name,city\n{Decomposed},Madrid\n{Composed},Madrid\nAnna,Oslo\n");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        Assert.AreEqual(2, rows.Count);
        Assert.AreEqual(Decomposed, rows[0][0], "the kept row is written as the user wrote it");
        Assert.AreEqual(1L, (long)CleanTestFiles.Metrics(result)["duplicates_removed"]!);
    }

    [TestMethod]
    public async Task Profiler_ShouldCountOneDistinctValue_WhenOneNameIsWrittenComposedAndDecomposed()
    {
        using var files = new AnalysisTestSupport();
        files.AddText("people.csv", $"id,name\n1,{Composed}\n2,{Decomposed}\n3,{Composed}\n4,Anna\n");

        var report = await files.RunReportAsync(CancellationToken.None);

        var name = AnalysisTestSupport.Column(report, "name");
        Assert.AreEqual(2, (long)name["distinct_count"]!);
        var top = name["top_values"]!.AsArray().Select(v => $"{v!["value"]}:{v["count"]}").ToArray();
        CollectionAssert.AreEqual(new[] { $"{Composed}:3", "Anna:1" }, top);
    }
}
