using Agensium.Analysis.Clean;
using Agensium.Analysis.Input;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

[TestClass]
public sealed class CleansePreviewerAgentTests
{
    public TestContext TestContext { get; set; } = null!;

    // 10 rows: one exact duplicate (row 2 = row 1), one null in b, v = 1..9 and 100 (100 is an IQR outlier).
    private const string Csv = "a,b,v\nx,1,1\nx,1,1\ny,,3\nz,2,4\nw,3,5\nq,4,6\nr,5,7\ns,6,8\nt,7,9\nu,8,100\n";

    private CleanTestFiles _files = null!;

    [TestInitialize]
    public void Init() => _files = new CleanTestFiles();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public void Run_ShouldSimulateDefaultRulesWithoutWritingAFile_WhenNoRulesGiven()
    {
        var result = _files.RunAgent(CleansePreviewerAgent.AgentId, Csv);

        Assert.IsNull(result.CleanedFilePath);
        var previews = CleanTestFiles.Data(result)["previews"]!.AsArray();
        CollectionAssert.AreEqual(new[] { "drop_duplicates", "drop_nulls", "impute_nulls", "remove_outliers" }, previews.Select(p => (string?)p!["rule"]).ToArray());
        // Each rule removes 1 of 10 rows (10%) → high impact; impute_nulls fills 1 cell → low.
        CollectionAssert.AreEqual(new[] { 9L, 9L, 10L, 9L }, previews.Select(p => (long)p!["rows_after"]!).ToArray());
        CollectionAssert.AreEqual(new[] { "high", "high", "low", "high" }, previews.Select(p => (string?)p!["impact"]).ToArray());
        Assert.AreEqual(1L, (long)previews[2]!["cells_changed"]!);
        // 0.7·90 + 0.3·100 = 93.
        Assert.AreEqual(93.0, (double)CleanTestFiles.Metrics(result)["preview_score"]!, 1e-9);
    }

    [TestMethod]
    public void Run_ShouldPreviewTheRowsDuplicateResolverRemoves_WhenDroppingDuplicates()
    {
        // One exact copy (Cy), one in other casing and spacing (ann), one with its price written otherwise (1.50), one
        // both (BOB, 2.0): duplicate-resolver removes 4 rows; the preview counted only the exact copy.
        const string csv = "name,city,price\nAnn,Paris,1.5\n ann ,PARIS,1.5\nAnn,Paris,1.50\nBob,Rome,2\nBOB,rome,2.0\nCy,Oslo,3\nCy,Oslo,3\nDee,Oslo,4\n";
        var removed = 8 - _files.RunAgent(DuplicateResolverAgent.AgentId, csv).RowsWritten;

        var result = _files.RunAgent(CleansePreviewerAgent.AgentId, csv, "{\"preview_rules\":[\"drop_duplicates\"]}");

        var preview = CleanTestFiles.Data(result)["previews"]!.AsArray()[0]!;
        Assert.AreEqual(4L, removed);
        Assert.AreEqual(8L - removed, (long)preview["rows_after"]!, preview.ToJsonString());
    }

    [TestMethod]
    public void Run_ShouldPreviewTheRowsDuplicateResolverRemoves_WhenNumbersAreWrittenWithThousandsGroups()
    {
        // 1234, "1,234", "1 234" and "1'234" are one amount (the file writes US groups: "1,234.50"), as
        // duplicate-resolver reads them: 3 rows go, and the preview said none.
        const string csv = "sku,amount\nA,1234\nA,\"1,234\"\nA,1 234\nA,1'234\nB,\"1,234.50\"\nC,12\n";
        var removed = 6 - _files.RunAgent(DuplicateResolverAgent.AgentId, csv).RowsWritten;

        var result = _files.RunAgent(CleansePreviewerAgent.AgentId, csv, "{\"preview_rules\":[\"drop_duplicates\"]}");

        var preview = CleanTestFiles.Data(result)["previews"]!.AsArray()[0]!;
        Assert.AreEqual(3L, removed);
        Assert.AreEqual(6L - removed, (long)preview["rows_after"]!, preview.ToJsonString());
    }

    [TestMethod]
    public void Run_ShouldPreviewDuplicatesOnTheRulesColumnsAsKeyColumns()
    {
        // Key "email": rows 2 (ANN@X.COM) and 4 repeat an earlier e-mail; the blank e-mails of rows 5 to 7 say nothing
        // about identity (duplicate-resolver compares such rows whole), so only row 6, a copy of row 5 in another casing,
        // goes too. The preview compared raw e-mails: it kept row 2 and removed rows 6 and 7 as repeats of a blank.
        const string csv = "email,name\nann@x.com,Ann\nANN@X.COM,Annie\nbob@x.com,Bob\nbob@x.com,Robert\n,Cy\n,cy\n,Dee\n,Eve\n";
        var resolver = _files.RunAgent(DuplicateResolverAgent.AgentId, csv, "{\"key_columns\":[\"email\"]}");

        var result = _files.RunAgent(CleansePreviewerAgent.AgentId, csv, "{\"preview_rules\":[{\"rule\":\"drop_duplicates\",\"columns\":[\"email\"]}]}");

        var preview = CleanTestFiles.Data(result)["previews"]!.AsArray()[0]!;
        Assert.AreEqual(5L, resolver.RowsWritten);
        Assert.AreEqual(5L, (long)preview["rows_after"]!, preview.ToJsonString());
    }

    [TestMethod]
    public void Run_ShouldCountEachDuplicateRuleOnItsOwnKey_WhenRulesShareAPass()
    {
        // Rules of one pass, in any order, each counted as when previewed alone: the e-mail key removes rows 2 and 4 and
        // row 6 (a copy of row 5 in another casing; blank e-mails compare whole rows), whole rows (trimmed, lower-cased)
        // rows 2, 4 and 6 too, the name key rows 2 (ann), 4 (Bob) and 6 (cy); the null rules between them read the blanks
        // of the same rows.
        const string csv = "email,name\nann@x.com,Ann\nANN@X.COM,ann\nbob@x.com,Bob\nbob@x.com,Bob \n,Cy\n,cy\n,Dee\n,Eve\n";
        const string rules = "{\"preview_rules\":[{\"rule\":\"drop_duplicates\",\"columns\":[\"email\"]},\"drop_nulls\",\"drop_duplicates\","
            + "{\"rule\":\"drop_duplicates\",\"columns\":[\"name\"]},\"impute_nulls\"]}";

        var previews = CleanTestFiles.Data(_files.RunAgent(CleansePreviewerAgent.AgentId, csv, rules))["previews"]!.AsArray();

        CollectionAssert.AreEqual(new[] { 5L, 4L, 5L, 5L, 8L }, previews.Select(p => (long)p!["rows_after"]!).ToArray(), previews.ToJsonString());
        Assert.AreEqual(4L, (long)previews[4]!["cells_changed"]!);
        foreach (int i in new[] { 0, 2, 3 })
        {
            string alone = $"{{\"preview_rules\":[{previews[i]!.AsObject().Where(p => p.Key is "rule" or "columns").Aggregate("{", (a, p) => a + (a.Length > 1 ? "," : "") + $"\"{p.Key}\":{p.Value!.ToJsonString()}")}}}]}}";
            var single = CleanTestFiles.Data(_files.RunAgent(CleansePreviewerAgent.AgentId, csv, alone))["previews"]!.AsArray()[0]!;
            Assert.AreEqual((long)single["rows_after"]!, (long)previews[i]!["rows_after"]!, alone);
        }
    }

    [TestMethod]
    public void Run_ShouldCountNullTokensAsNulls_AsNullHandlerDoes()
    {
        // a: one blank and three tokens (NaN, N/A, -): 4 nulls for null-handler, so 4 for the preview too (it saw 1).
        var result = _files.RunAgent(CleansePreviewerAgent.AgentId, "id,a\n1,x\n2,\n3,NaN\n4,N/A\n5,-\n6,y\n");

        var previews = CleanTestFiles.Data(result)["previews"]!.AsArray();
        var impute = previews.Single(p => (string?)p!["rule"] == "impute_nulls")!;
        var drop = previews.Single(p => (string?)p!["rule"] == "drop_nulls")!;
        Assert.AreEqual(4L, (long)impute["cells_changed"]!);
        Assert.AreEqual(2L, (long)drop["rows_after"]!);
    }

    [TestMethod]
    public void Run_ShouldPreviewConversionsAsTypeFixerDoesThem()
    {
        // "(75.25)" is read, "12%" and "2021-03" are kept as written by type-fixer: none becomes null (review: the
        // preview counted them as lost); "abc" and "Novel 1984" do.
        var result = _files.RunAgent(CleansePreviewerAgent.AgentId, "amount,when\n(75.25),2021-03\n12%,March 2021\n10,2021-01-05\n\" 11 \",Novel 1984\nabc,2021-01-06\n\"1,200.50\",2021-01-07\n",
            "{\"preview_rules\":[{\"rule\":\"convert_types\",\"columns\":[\"amount\"],\"target_type\":\"float\"},{\"rule\":\"convert_types\",\"columns\":[\"when\"],\"target_type\":\"date\"}]}");

        var previews = CleanTestFiles.Data(result)["previews"]!.AsArray();
        Assert.AreEqual(1L, (long)previews[0]!["cells_changed"]!, previews.ToJsonString());
        Assert.AreEqual(1L, (long)previews[1]!["cells_changed"]!);
    }

    // A German export: prices with decimal commas, stock with '.' thousands. Type-fixer rewrites "49,99" as 49.99 and
    // "12.345" as 12345, and outlier-remover then removes rows P7 (49.99 against prices of about 2) and P10 (12345
    // against stock of about 1000). The preview read "1.500" as 1.5 (no outlier among 1.1, 800 and 12.345) and skipped
    // Preis, which it did not read as numbers: it predicted 12 rows left where the chain left 10.
    private const string GermanCsv = "Artikel;Preis;Lagerbestand\nP1;1,99;800\nP2;2,49;950\nP3;1,79;1.100\nP4;2,19;1.200\nP5;1,89;1.300\n"
        + "P6;2,29;900\nP7;49,99;1.000\nP8;1,69;850\nP9;2,09;1.050\nP10;1,99;12.345\nP11;2,39;1.150\nP12;1,59;990\n";

    [TestMethod]
    public async Task Run_ShouldPredictTheOutlierRowsTheChainRemoves_InADecimalCommaFile()
    {
        _files.AddText("lager.csv", GermanCsv);

        var results = (await _files.RunReportAsync(TestContext.CancellationToken,
            [CleansePreviewerAgent.AgentId, TypeFixerAgent.AgentId, OutlierRemoverAgent.AgentId]))["agent_results"]!;

        var preview = results[CleansePreviewerAgent.AgentId]!["data"]!["previews"]!.AsArray().Single(p => (string?)p!["rule"] == "remove_outliers")!;
        long removed = (long)results[OutlierRemoverAgent.AgentId]!["summary_metrics"]!["rows_removed"]!;
        Assert.AreEqual(2L, removed);
        Assert.AreEqual(12L - removed, (long)preview["rows_after"]!, preview.ToJsonString());
    }

    [TestMethod]
    public void Run_ShouldPreviewAnIntegerConversionInTheFilesNotation_InADecimalCommaFile()
    {
        // "1.100" and "12.345" are whole numbers of units in this file, as type-fixer converts them: no cell is lost.
        var result = _files.RunAgent(CleansePreviewerAgent.AgentId, GermanCsv,
            "{\"preview_rules\":[{\"rule\":\"convert_types\",\"columns\":[\"Lagerbestand\"],\"target_type\":\"integer\"}]}");

        var preview = CleanTestFiles.Data(result)["previews"]!.AsArray()[0]!;
        Assert.AreEqual(0L, (long)preview["cells_changed"]!, preview.ToJsonString());
    }

    [TestMethod]
    public void Run_ShouldKeepTheBooleanWordsQuarantineTakes_WhenPreviewingABooleanConversion()
    {
        // Y/N, yes/no, t/f flags: quarantine's expected_schema boolean takes them all; the preview took only
        // true/false/0/1 and counted 6 of 9 cells as lost. Only "maybe" is no boolean.
        var result = _files.RunAgent(CleansePreviewerAgent.AgentId, "id,active\n1,Y\n2,n\n3,yes\n4,No\n5,T\n6,f\n7,TRUE\n8,0\n9,maybe\n",
            "{\"preview_rules\":[{\"rule\":\"convert_types\",\"columns\":[\"active\"],\"target_type\":\"boolean\"}]}");

        var preview = CleanTestFiles.Data(result)["previews"]!.AsArray()[0]!;
        Assert.AreEqual(1L, (long)preview["cells_changed"]!, preview.ToJsonString());
    }

    [TestMethod]
    public void Run_ShouldRateDropColumnsHighAndConversionsLow_WhenRulesGiven()
    {
        var result = _files.RunAgent(CleansePreviewerAgent.AgentId, Csv,
            "{\"preview_rules\":[{\"rule\":\"drop_columns\",\"columns\":[\"b\"]},{\"rule\":\"convert_types\",\"columns\":[\"a\"],\"target_type\":\"float\"}]}");

        var previews = CleanTestFiles.Data(result)["previews"]!.AsArray();
        Assert.AreEqual(2, (int)previews[0]!["columns_after"]!);
        Assert.AreEqual("high", (string?)previews[0]!["impact"]);
        Assert.AreEqual(10L, (long)previews[1]!["cells_changed"]!);
        Assert.AreEqual("low", (string?)previews[1]!["impact"]);
    }

    [TestMethod]
    public void Run_ShouldCountRowsWithAnOutlierInAnyNumericColumn_WhenColumnsHaveBlanks()
    {
        // a: 1, 2, 3, 100, 4 and a blank → fences [-1, 7], 100 is out (row 3). c: 5, 6, 7, 1000 and two blanks →
        // q1 5.75, q3 255.25, upper fence 629.5, 1000 is out (row 5). b is text; a text cell in d drops d.
        var result = _files.RunAgent(CleansePreviewerAgent.AgentId, "a,b,c,d\n1,x,,1\n2,y,5,2\n3,z,,3\n100,w,6,4\n,v,7,x\n4,u,1000,900\n",
            "{\"preview_rules\":[{\"rule\":\"remove_outliers\"},{\"rule\":\"remove_outliers\",\"columns\":[\"c\"]}]}");

        var previews = CleanTestFiles.Data(result)["previews"]!.AsArray();
        Assert.AreEqual(4L, (long)previews[0]!["rows_after"]!);
        Assert.AreEqual(5L, (long)previews[1]!["rows_after"]!);
    }

    [TestMethod]
    public void Run_ShouldPreviewOutliersOfANumberColumnWithNullTokens()
    {
        // temp: 20..24 twice, 999 and "N/A" (a null, as drop_nulls reads it): fences from the 11 numbers drop the 999
        // row. The column was "not numeric" for the preview while outlier-remover, after null-handler, removed the row.
        var result = _files.RunAgent(CleansePreviewerAgent.AgentId, "temp\n20\n21\n22\n23\n24\n999\nN/A\n20\n21\n22\n23\n24\n",
            "{\"preview_rules\":[{\"rule\":\"remove_outliers\"},{\"rule\":\"drop_nulls\"}]}");

        var previews = CleanTestFiles.Data(result)["previews"]!.AsArray();
        Assert.AreEqual(11L, (long)previews[0]!["rows_after"]!, previews.ToJsonString());
        Assert.AreEqual(11L, (long)previews[1]!["rows_after"]!);
    }

    [TestMethod]
    public void Run_ShouldPreviewOutliersOfMeasuresOnly_WhenIdentifierColumnsAreNotNamed()
    {
        // zip (leading zeros) would lose its 94105 row as an outlier; only a named zip is checked, as outlier-remover does.
        var result = _files.RunAgent(CleansePreviewerAgent.AgentId, "zip,v\n02134,1\n02135,2\n02136,3\n94105,4\n02137,5\n",
            "{\"preview_rules\":[{\"rule\":\"remove_outliers\"},{\"rule\":\"remove_outliers\",\"columns\":[\"zip\"]}]}");

        var previews = CleanTestFiles.Data(result)["previews"]!.AsArray();
        Assert.AreEqual(5L, (long)previews[0]!["rows_after"]!);
        Assert.AreEqual(4L, (long)previews[1]!["rows_after"]!);
    }

    [TestMethod]
    [DataRow("Caller")]
    [DataRow("Shared")]
    public void Run_ShouldReportAsWhenTheParserHashesEveryKey_WhenThisThreadHashesSome(string side)
    {
        var keying = Enum.Parse<RowKeying>(side);
        // drop_duplicates' keys are hashed by the parser or by the agent's own thread, whichever is behind: the counts
        // must be those of the parser hashing every row. ~12,000 rows (several batches), repeated in other casing,
        // spacing and number notation, with nulls and an outlier, two keyed rules beside the whole-row one.
        var csv = new System.Text.StringBuilder("name,city,price,note\n");
        var random = new Random(7);
        string[] names = ["Ann", " ann", "ANN ", "Bob", "bob", "", "N/A", "Cy"];
        string[] prices = ["1.5", "1.50", "2", "2.0", "", "3", "1,234", "1234"];
        for (int i = 0; i < 12_000; i++)
        {
            csv.Append(names[random.Next(names.Length)]).Append(",City ").Append(random.Next(40)).Append(',')
                .Append(i == 5_000 ? "99999" : prices[random.Next(prices.Length)]).Append(',').Append(random.Next(3) == 0 ? "" : "n" + random.Next(30)).Append('\n');
        }

        const string rules = "{\"preview_rules\":[\"drop_duplicates\",{\"rule\":\"drop_duplicates\",\"columns\":[\"name\"]},{\"rule\":\"drop_duplicates\",\"columns\":[\"city\",\"price\"]},\"drop_nulls\",\"impute_nulls\",\"remove_outliers\"]}";
        string text = csv.ToString();

        var parser = RunPreviewer(text, rules, RowKeying.Parser);
        var other = RunPreviewer(text, rules, keying);

        Assert.AreEqual(parser.Report.Data.ToJsonString(), other.Report.Data.ToJsonString());
        Assert.AreEqual(parser.Report.SummaryMetrics.ToJsonString(), other.Report.SummaryMetrics.ToJsonString());
        var previews = CleanTestFiles.Data(other)["previews"]!.AsArray();
        Assert.IsTrue(previews.Take(3).All(p => (long)p!["rows_after"]! is > 0 and < 12_000), previews.ToJsonString());
    }

    [TestMethod]
    public void Run_ShouldThrowInvalidParameters_WhenRuleIsUnknown()
    {
        var ex = Assert.ThrowsExactly<Agensium.Analysis.AnalysisException>(() =>
            _files.RunAgent(CleansePreviewerAgent.AgentId, Csv, "{\"preview_rules\":[\"shuffle\"]}"));
        Assert.AreEqual("INVALID_PARAMETERS", ex.ErrorCode);
    }

    private CleanAgentResult RunPreviewer(string csv, string parametersJson, RowKeying keying)
    {
        var input = _files.AddText($"preview_{keying}.csv", csv);
        var parameters = ToolParameters.Parse($"{{\"{CleansePreviewerAgent.AgentId}\":{parametersJson}}}", _files.Tool.Agents);
        var context = new CleanAgentContext(input, input, Path.Combine(_files.OutputDir, $"preview_{keying}_out.csv"), []);
        return new CleansePreviewerAgent(_files.Clock) { Keying = keying }.Run(context, parameters.For(CleansePreviewerAgent.AgentId), TestContext.CancellationToken);
    }
}
