using Agensium.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

[TestClass]
public sealed class DuplicateResolverAgentTests
{
    private const string Csv = "id,name,email\n1,Ann,ann@x.com\n2,Bob,bob@x.com\n1,Ann,ann@x.com\n1, ann ,ANN@x.com\n3,Cy,cy@x.com\n2,Bob,bob@x.com\n";

    private CleanTestFiles _files = null!;

    [TestInitialize]
    public void Init() => _files = new CleanTestFiles();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public void Run_ShouldRemoveExactAndCaseDuplicatesKeepingFirst_WhenDefaults()
    {
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, Csv);

        var (header, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "id", "name", "email" }, header.ToArray());
        CollectionAssert.AreEqual(new[] { "1", "2", "3" }, rows.Select(r => r[0]).ToArray());
        Assert.AreEqual("Ann", rows[0][1]);
        var m = CleanTestFiles.Metrics(result);
        Assert.AreEqual(2L, (long)m["exact_duplicates"]!);
        Assert.AreEqual(1L, (long)m["case_variations"]!);
        Assert.AreEqual(3L, (long)m["duplicates_removed"]!);
        Assert.AreEqual(3L, result.RowsWritten);
        Assert.AreEqual(1L, (long)CleanTestFiles.Data(result)["detection"]!["email_case"]!["email"]!);
        Assert.AreEqual(3L, result.Report.RowIssues.Total);
    }

    [TestMethod]
    public void Run_ShouldRemoveRowsThatWriteTheSameNumbersDifferently()
    {
        // 1.50 and 1.5, 10 and 10.0, 2 and 2.00 are one value each (as pandas' drop_duplicates sees them after
        // read_csv); type-fixer keeps "1.50" as written in a float column, so the chain removed none of them either.
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, "sku,price,qty\nA,1.50,10\nA,1.5,10.0\nB,2,3\nB,2.00,3\nC,-0.0,+4\nC,0,4\n");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "A,1.50,10", "B,2,3", "C,-0.0,+4" }, rows.Select(r => string.Join(",", r)).ToArray());
        Assert.AreEqual(3L, (long)CleanTestFiles.Metrics(result)["duplicates_removed"]!);
    }

    [TestMethod]
    public void Run_ShouldCompareThousandsGroupsByValue_WhenRunAlone()
    {
        // amount is a number column as type-fixer reads it ("1,234.50" makes the file write US groups, so "1,234" is
        // one thousand two hundred thirty-four, not 1.234): 1234, "1,234", "1 234" and "1'234" are one value,
        // "1,234.50" and 1234.5 another. The default chain removed rows 2-4 and 6 (type-fixer rewrote them first); alone
        // the agent compared them as text and removed none.
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, "sku,amount\nA,1234\nA,\"1,234\"\nA,1 234\nA,1'234\nB,\"1,234.50\"\nB,1234.5\nC,12\n");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "A|1234", "B|1,234.50", "C|12" }, rows.Select(r => string.Join("|", r)).ToArray());
        var m = CleanTestFiles.Metrics(result);
        Assert.AreEqual(4L, (long)m["duplicates_removed"]!);
        Assert.AreEqual(4L, (long)m["number_format_variations"]!, m.ToJsonString());
        Assert.AreEqual(0L, (long)m["case_variations"]!);
    }

    [TestMethod]
    public void Run_ShouldCompareGroupedDecimalCommaNumbersByValue_InADecimalCommaFile()
    {
        // A ';' file of decimal commas, as type-fixer reads it: "1 234,50", "1234,5" and "1.234,5" are 1234.5; "0,5"
        // and "0,50" are 0.5. Three rows repeat an earlier one by value; as text none did.
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, "sku;amount\nA;1 234,50\nA;1234,5\nA;1.234,5\nB;0,5\nB;0,50\nC;2,25\n");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "A|1 234,50", "B|0,5", "C|2,25" }, rows.Select(r => string.Join("|", r)).ToArray());
        Assert.AreEqual(3L, (long)CleanTestFiles.Metrics(result)["number_format_variations"]!);
    }

    [TestMethod]
    public void Run_ShouldKeepGroupedNumbersAsText_WhenTheColumnHoldsText()
    {
        // "1 234" and "1234" beside "call us" are texts of a text column (type-fixer would blank "call us"): kept apart.
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, "sku,amount\nA,1234\nA,1 234\nB,call us\n");

        Assert.AreEqual(3L, result.RowsWritten);
    }

    [TestMethod]
    public void Run_ShouldCountNumberFormatVariationsApartFromCaseVariations()
    {
        // Row 2 repeats row 1 in another casing and spacing; rows 4 and 6 repeat rows 3 and 5 with a number written
        // otherwise (1.50 for 1.5, 2.0 for 2): they were counted as case variations, "another casing or spacing". Row 7
        // writes its numbers as row 6 does, in another casing: a case variation.
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, "name,price\nAnn,1.5\n ann ,1.5\nBob,1.5\nBob,1.50\nCy,2\ncy,2.0\nCY,2.0\n");

        var m = CleanTestFiles.Metrics(result);
        Assert.AreEqual(4L, (long)m["duplicates_removed"]!);
        Assert.AreEqual(2L, (long)m["case_variations"]!, m.ToJsonString());
        Assert.AreEqual(2L, (long)m["number_format_variations"]!);
        var detection = CleanTestFiles.Data(result)["detection"]!["case_variations"]!;
        Assert.AreEqual(2L, (long)detection["duplicate_rows"]!);
        Assert.AreEqual(2L, (long)detection["number_format_rows"]!);
        var issues = result.Report.Issues.ToDictionary(i => (string)i!["issue_type"]!, i => (string)i!["message"]!);
        StringAssert.StartsWith(issues["case_variations"], "2 row(s)");
        StringAssert.StartsWith(issues["number_format_variations"], "2 row(s) repeat an earlier row with a number written otherwise");
    }

    [TestMethod]
    [DataRow("amount\n2.0\n2\n3.0\n3\n")]
    [DataRow("price,qty\n2.0,4\n2,4\n3.0,5\n3,5\n")]
    public void Run_ShouldCountNumberFormatVariations_WhenEveryColumnHoldsNumbers(string csv)
    {
        // Stop 43 review: with number columns alone, a row writing its numbers plainly ("2", "3") got the same "as written"
        // key as every other such row (the normalised row's hash and its numbers' hash were of one text and cancelled), so
        // "3" after "3.0" was taken for a repeat of how "2" was written: one case variation and one number-format one.
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, csv);

        var m = CleanTestFiles.Metrics(result);
        Assert.AreEqual(2L, (long)m["duplicates_removed"]!);
        Assert.AreEqual(0L, (long)m["case_variations"]!, m.ToJsonString());
        Assert.AreEqual(2L, (long)m["number_format_variations"]!, m.ToJsonString());
    }

    [TestMethod]
    public void Run_ShouldCountNoNumberFormatVariation_WhenNoColumnHoldsOnlyNumbers()
    {
        // "1.50" and "1.5" in a column that also holds text are two texts: not the same row at all.
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, "name,price\nAnn,1.5\nann,1.5\nAnn,1.50\nBob,n/a price\n");

        var m = CleanTestFiles.Metrics(result);
        Assert.AreEqual(1L, (long)m["case_variations"]!);
        Assert.AreEqual(0L, (long)m["number_format_variations"]!);
        Assert.AreEqual(3L, result.RowsWritten);
    }

    [TestMethod]
    public void Run_ShouldKeepZeroPaddedIdentifiersAndVersionsApart_WhenComparingNumbersByValue()
    {
        // "007" is not "7" (a zero-padded code), "1.10" is not "1.1" nor "1.0" "1" (versions): none is a duplicate.
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, "batch,app_version,qty\n007,1.10,5\n7,1.10,5\n8,1.1,5\n8,1.10,5\n9,1.0,5\n9,1,5\n");

        Assert.AreEqual(6L, result.RowsWritten);
        Assert.AreEqual(0L, (long)CleanTestFiles.Metrics(result)["duplicates_removed"]!);
    }

    [TestMethod]
    public void Run_ShouldNotCountNullTokensAsEmailCaseVariants()
    {
        // "N/A" and "n/a" in the e-mail column were one e-mail in two casings (outside probe); NULL / null too.
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId,
            "id,email,name\n1,John@Example.com,John\n2,john@example.com,Jon\n3,N/A,Bob\n4,n/a,Alice\n5,NULL,Cy\n6,null,Di\n7,,Eve\n8,,Fay\n");

        Assert.AreEqual(1L, (long)CleanTestFiles.Data(result)["detection"]!["email_case"]!["email"]!);
    }

    [TestMethod]
    public void Run_ShouldScoreUniquenessAndRetention_WhenRowsAreRemoved()
    {
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, Csv);

        // 0.6·100 + 0.4·(3/6·100) = 80 → good (75 ≤ 80 < 90).
        Assert.AreEqual(80.0, (double)CleanTestFiles.Metrics(result)["dedup_score"]!, 1e-9);
        Assert.AreEqual("good", (string?)CleanTestFiles.Metrics(result)["status"]);
    }

    [TestMethod]
    public void Run_ShouldDedupOnKeyColumnsAndCountConflicts_WhenKeyColumnsGiven()
    {
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, "id,v\n1,a\n1,b\n2,c\n1,a\n", "{\"key_columns\":[\"id\"]}");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        Assert.HasCount(2, rows);
        Assert.AreEqual(1L, (long)CleanTestFiles.Data(result)["detection"]!["conflicting"]!["conflicting_rows"]!);
    }

    // Stop 44: a row key joined the (normalised) fields with U+001F after each, so a field holding U+001F moved the
    // joint: "x␟y","z" and "x","y␟z" hashed alike and the second row, no duplicate, was removed. Every key path: the
    // whole row as written and normalised, key_columns, a key with an e-mail, numbers by value, merge_smart.
    [TestMethod]
    [DataRow("a,b,c\n\"x\u001Fy\",z,1\n\"x\",\"y\u001Fz\",1\n", null, DisplayName = "whole row, as written")]
    [DataRow("a,b,c\n\"x\u001Fy\",z,1\n\"X\",\"Y\u001Fz \",1\n", null, DisplayName = "whole row, normalised")]
    [DataRow("a,b,c\nx,\"\u001F\",\"\u001F\"\nx,\"\u001F\u001F\",\n", null, DisplayName = "separators alone")]
    [DataRow("a,b,c\n\"x\u001Fy\",z,1\n\"x\",\"y\u001Fz\",2\n", "{\"key_columns\":[\"a\",\"b\"]}", DisplayName = "key_columns")]
    [DataRow("email,name,n\n\"ann@x.com\u001Fann\",lee,1\n\"ANN@x.com\",\"ann\u001Flee\",1\n", "{\"key_columns\":[\"email\",\"name\"]}", DisplayName = "e-mail key")]
    [DataRow("price,a,b\n1.5,\"x\u001Fy\",z\n1.50,x,\"y\u001Fz\"\n2,x,y\n", null, DisplayName = "numbers by value")]
    [DataRow("a,b,c\n\"x\u001Fy\",z,\n\"x\",\"y\u001Fz\",2\n", "{\"key_columns\":[\"a\",\"b\"],\"merge_strategy\":\"merge_smart\"}", DisplayName = "merge_smart")]
    [DataRow("a,b,c\n\"x\u001Fy\",z,1\n\"x\",\"y\u001Fz\",1\n", "{\"merge_strategy\":\"merge_smart\"}", DisplayName = "merge_smart, whole row")]
    public void Run_ShouldKeepRowsThatDifferOnlyInWhereASeparatorStands(string csv, string? parametersJson)
    {
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, csv, parametersJson);

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        int written = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        Assert.HasCount(written, rows, "no row repeats another");
        var m = CleanTestFiles.Metrics(result);
        Assert.AreEqual(0L, (long)m["duplicates_removed"]!);
        Assert.AreEqual(0L, (long)m["exact_duplicates"]! + (long)m["case_variations"]! + (long)m["number_format_variations"]!, m.ToJsonString());
        Assert.AreEqual(0, result.Report.RowIssues.Total);
    }

    [TestMethod]
    public void Of_ShouldGiveDifferentKeys_WhenTheFieldsDifferOnlyInWhereTheirBoundsStand()
    {
        // The keys of every clean agent that compares rows (duplicate-resolver, the previewer's drop_duplicates, the
        // profiles' exact-duplicate counts, cleanse-writeback's duplicates check) are RowKey's.
        var key = new RowKey();
        int[] two = [0, 1];
        string[][][] pairs =
        [
            [["x\u001Fy", "z"], ["x", "y\u001Fz"]],
            [["", "\u001F"], ["\u001F", ""]],
            [["\u001F", "\u001F"], ["\u001F\u001F", ""]],
            [["a\u0000", "b"], ["a", "\u0000b"]],
            [["a\u001E", "b"], ["a", "\u001Eb"]],
        ];
        foreach (var pair in pairs)
        {
            foreach (bool normalized in new[] { false, true })
            {
                Assert.AreNotEqual(key.Of(pair[0], two, normalized), key.Of(pair[1], two, normalized), $"{string.Join("|", pair[0])} / {string.Join("|", pair[1])}, normalized {normalized}");
            }
        }

        Assert.AreEqual(key.Of(["x", "y"], two, normalized: true), key.Of([" X ", "Y"], two, normalized: true), "normalised keys still trim and lower-case");
    }

    [TestMethod]
    public void Run_ShouldDedupOnTheKeyColumns_WhenAColumnIsNamedTwice()
    {
        // Three key entries in a three-column file passed for "every column": the rows differing in e-mail stayed.
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, "name,amount,email\nann,1.5,a@x.com\nann,1.5,b@x.com\n",
            "{\"key_columns\":[\"name\",\"name\",\"amount\"]}");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        Assert.HasCount(1, rows);
    }

    [TestMethod]
    public void Run_ShouldFillFirstNonBlankPerColumn_WhenMergeSmart()
    {
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, "id,a,b\n1,,x\n1,y,\n2,p,q\n",
            "{\"key_columns\":[\"id\"],\"merge_strategy\":\"merge_smart\"}");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "1", "y", "x" }, rows[0]);
        CollectionAssert.AreEqual(new[] { "2", "p", "q" }, rows[1]);
        // The value row 0 took from its duplicate is said, cell by cell, beside the removed row.
        var merged = result.Report.RowIssues.Kept.Where(e => (string?)e["issue_type"] == "merged_value").ToList();
        Assert.HasCount(1, merged);
        Assert.AreEqual("a", (string?)merged[0]["column"]);
        Assert.AreEqual(0, (int)merged[0]["row_index"]!);
        Assert.AreEqual("y", (string?)merged[0]["value"]);
        StringAssert.Contains((string?)merged[0]["message"], "from its duplicate row 1");
    }

    [TestMethod]
    [DataRow("remove_duplicates")]
    [DataRow("merge_smart")]
    public void Run_ShouldKeepRowsApart_WhenTheirKeyIsBlankOrANullToken(string strategy)
    {
        // Bob and Dina were removed as duplicates of Ann and Carl: two customers without an e-mail are not one.
        const string csv = "email,name,phone\n,Ann Lee,555-0101\n,Bob Ray,555-0202\nN/A,Carl Sun,555-0303\nn/a,Dina Fox,555-0404\n"
            + "gus@x.com,Gus Ma,555-0707\nGUS@x.com ,Gus Ma,\n,Ann Lee,555-0101\n";
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, csv, $$"""{"key_columns":["email"],"merge_strategy":"{{strategy}}"}""");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        // Gus's two rows are one (same e-mail); Ann's identical copy goes; everyone else stays.
        CollectionAssert.AreEqual(new[] { "Ann Lee", "Bob Ray", "Carl Sun", "Dina Fox", "Gus Ma" }, rows.Select(r => r[1]).ToArray());
        Assert.AreEqual("555-0707", rows[4][2]);
        Assert.AreEqual(5L, (long)CleanTestFiles.Data(result)["rows_without_complete_key"]!);
    }

    [TestMethod]
    public void Run_ShouldMergeWholeRowGroups_WhenMergeSmartWithoutKeyColumns()
    {
        // Without key_columns a group is the rows equal after lower+trim of every column: nothing is left to fill,
        // the first row of each group stays (this failed with "The given key '0' was not present" before).
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, "name,email,city\nAnn,a@x.com,Paris\nann ,A@x.com,PARIS\nBob,b@x.com,\nAnn,a@x.com,Paris\nBob,b@x.com,\n",
            "{\"merge_strategy\":\"merge_smart\"}");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "Ann", "Bob" }, rows.Select(r => r[0]).ToArray());
        Assert.AreEqual("Paris", rows[0][2]);
        Assert.AreEqual(3L, (long)CleanTestFiles.Metrics(result)["duplicates_removed"]!);
        Assert.AreEqual(3L, result.Report.RowIssues.Total);
    }

    [TestMethod]
    public void Run_ShouldPreferARealValueToANullToken_WhenMergeSmart()
    {
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, "email,phone,city\nc@x.com,N/A,Denver\nc@x.com,555-0303,-\nc@x.com,555-9999,Boston\n",
            "{\"key_columns\":[\"email\"],\"merge_strategy\":\"merge_smart\"}");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "c@x.com", "555-0303", "Denver" }, rows.Single());
    }

    [TestMethod]
    public void Run_ShouldTakeTheFirstRealValueOfTheLaterRows_WhenMergeSmartAndTheFirstRowHasNone()
    {
        // Id 1's rows are 0, 2, 3, 4. Column a: blank, a null token, z, y: z (row 3). Column b: N/A, blank, "-", w: w
        // (row 4). The later rows' values are gathered while the groups are found, and filled in as the file is written.
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, "id,a,b\n1,,N/A\n2,p,q\n1,N/A,\n1,z,-\n1,y,w\n",
            "{\"key_columns\":[\"id\"],\"merge_strategy\":\"merge_smart\"}");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "1", "z", "w" }, rows[0]);
        CollectionAssert.AreEqual(new[] { "2", "p", "q" }, rows[1]);
        var merged = result.Report.RowIssues.Kept.Where(e => (string?)e["issue_type"] == "merged_value").ToList();
        Assert.HasCount(2, merged);
        StringAssert.Contains((string?)merged[0]["message"], "'a' and took it from its duplicate row 3");
        StringAssert.Contains((string?)merged[1]["message"], "'b' and took it from its duplicate row 4");
        Assert.AreEqual(3, result.Report.RowIssues.Kept.Count(e => (string?)e["issue_type"] == "duplicate_row"));
    }

    [TestMethod]
    public void Run_ShouldRemoveSixRows_WhenDedupAgentSampleHasElevenRowsInExactGroups()
    {
        var result = _files.RunAgent(DuplicateResolverAgent.AgentId, File.ReadAllText(CleanTestFiles.SamplePath("dedup_agent.csv")));

        // 5 groups of 2, 3, 2, 2, 2 rows = 11 rows; 6 of them are repeats.
        Assert.AreEqual(6L, (long)CleanTestFiles.Metrics(result)["duplicates_removed"]!);
        Assert.AreEqual(100L, result.RowsWritten);
        Assert.AreEqual(5, (int)CleanTestFiles.Data(result)["duplicate_groups"]!);
    }
}
