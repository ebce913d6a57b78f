using Agensium.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

[TestClass]
public sealed class QuarantineAgentTests
{
    // The plain reference for injection matching: any pattern contained in the cell, ordinal ignore-case.
    private static readonly string[] Patterns = ["drop table", "delete from", "insert into", "update ", "select *", "or 1=1", "<script>", "javascript:"];

    private CleanTestFiles _files = null!;

    [TestInitialize]
    public void Init() => _files = new CleanTestFiles();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public void Run_ShouldQuarantineExactlyTheCellsContainingAPatternIgnoringCase_WhenTextIsMixedCaseOrNonAscii()
    {
        string[] notes = ["ınsert ınto t", "İNSERT INTO t", "DeLeTe FrOm t", "ſelect * from t", "\u212Aavascript:x", "safe text", "upDATE\u00A0x",
            "update x", "select * from x; drop table y", "javascript", "or 1=1"];
        bool[] expected = [.. notes.Select(n => ContainsPattern(n))];

        var result = _files.RunAgent(QuarantineAgent.AgentId, "id,note\n" + string.Concat(notes.Select((n, i) => $"{i},{n}\n")));

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(notes.Where((_, i) => !expected[i]).ToArray(), rows.Select(r => r[1]).ToArray());
        // Several patterns in one cell: the first in list order is named.
        var issue = result.Report.RowIssues.Kept.Single(k => (int)k["row_index"]! == 8);
        StringAssert.Contains((string?)issue["message"], "('drop table')");
    }

    [TestMethod]
    public void Run_ShouldQuarantineInjectionLikeText_WhenDefaults()
    {
        const string csv = "id,note\n1,hello\n2,'; DROP TABLE users; --\n3,x' or 1=1\n4,<script>alert(1)</script>\n5,JavaScript:void(0)\n"
            + "6,please update me\n7,SELECT * FROM t\n8,delete from t\n9,insert into t\n,\n10,fine\n";

        var result = _files.RunAgent(QuarantineAgent.AgentId, csv);

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        // 8 injection rows (2–9) and 1 all-empty row are quarantined; rows 1 and 10 are kept.
        CollectionAssert.AreEqual(new[] { "1", "10" }, rows.Select(r => r[0]).ToArray());
        var m = CleanTestFiles.Metrics(result);
        Assert.AreEqual(9L, (long)m["quarantined_rows"]!);
        Assert.AreEqual(8L, (long)CleanTestFiles.Data(result)["violations_by_reason"]!["injection_pattern"]!);
        Assert.AreEqual(1L, (long)CleanTestFiles.Data(result)["violations_by_reason"]!["empty_row"]!);
        // 9 of 11 quarantined = 81.818%: 0.5·81.818 + 0.3·18.182 + 0.2·50 = 56.36.
        Assert.AreEqual(56.36, (double)m["quarantine_score"]!, 1e-9);
        Assert.AreEqual("needs_improvement", (string?)m["status"]);
    }

    [TestMethod]
    public void Run_ShouldQuarantineRuleViolations_WhenRulesConfigured()
    {
        const string csv = "id,age,email,score\n1,30,a@x.com,1.5\n,40,b@x.com,2\n3,200,c@x.com,3\n4,50,not-an-email,4\n5,20,e@x.com,abc\n6,25,f@x.com,5\n";
        const string p = "{\"required_fields\":[\"id\"],\"range_rules\":{\"age\":{\"min\":0,\"max\":120}},\"format_rules\":{\"email\":\"email\"},"
            + "\"expected_schema\":{\"score\":\"float\",\"missing\":\"integer\"}}";

        var result = _files.RunAgent(QuarantineAgent.AgentId, csv, p);

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "1", "6" }, rows.Select(r => r[0]).ToArray());
        var reasons = CleanTestFiles.Data(result)["violations_by_reason"]!;
        Assert.AreEqual(1L, (long)reasons["missing_required"]!);
        Assert.AreEqual(1L, (long)reasons["range_violation"]!);
        Assert.AreEqual(1L, (long)reasons["format_violation"]!);
        Assert.AreEqual(1L, (long)reasons["schema_mismatch"]!);
        Assert.IsTrue(result.Report.Issues.Any(i => (string?)i!["issue_type"] == "missing_column"));
    }

    [TestMethod]
    public void Run_ShouldReadNullTokensAsNulls_WhenCheckingRequiredFieldsAndTheSchema()
    {
        // N/A, NULL, NaN and '-' were kept by required_fields (only an empty cell was missing) and quarantined by
        // expected_schema as not integers, while an empty cell passed it: a null token is a null for both.
        const string csv = "id,name,amount\n1,Alice,10\n2,Bob,\n3,Carl,NaN\n4,Dan,N/A\n5,Eve,NULL\n6,Fay,-\n7,Gus,12\n8,Hal,twelve\n";

        var required = _files.RunAgent(QuarantineAgent.AgentId, csv, "{\"required_fields\":[\"amount\"]}");
        CollectionAssert.AreEqual(new[] { "1", "7", "8" }, CleanTestFiles.ReadCsv(required.CleanedFilePath!).Rows.Select(r => r[0]).ToArray());
        var schema = _files.RunAgent(QuarantineAgent.AgentId, csv, "{\"expected_schema\":{\"amount\":\"integer\"}}");

        Assert.AreEqual(5L, (long)CleanTestFiles.Data(required)["violations_by_reason"]!["missing_required"]!);
        Assert.IsTrue(required.Report.RowIssues.Kept.Any(i => (string?)i["message"] == "Required field 'amount' holds the null token 'N/A'; row quarantined"));
        CollectionAssert.AreEqual(new[] { "1", "2", "3", "4", "5", "6", "7" }, CleanTestFiles.ReadCsv(schema.CleanedFilePath!).Rows.Select(r => r[0]).ToArray());
        Assert.AreEqual(1L, (long)CleanTestFiles.Data(schema)["violations_by_reason"]!["schema_mismatch"]!);
    }

    [TestMethod]
    public void Run_ShouldQuarantineARowOfNullTokens_AsAnEmptyRow()
    {
        // "N/A,null,-" was kept by empty_row while required_fields read each of its cells as a null (outside probe).
        var result = _files.RunAgent(QuarantineAgent.AgentId, "a,b,c\n1,2,3\n , ,  \nN/A,null,-\n,,\n4,5,6\nNaN,x,-\n");

        CollectionAssert.AreEqual(new[] { "1", "4", "NaN" }, CleanTestFiles.ReadCsv(result.CleanedFilePath!).Rows.Select(r => r[0]).ToArray());
        Assert.AreEqual(3L, (long)CleanTestFiles.Data(result)["violations_by_reason"]!["empty_row"]!);
        Assert.IsTrue(result.Report.RowIssues.Kept.Any(i => ((string?)i["message"])!.StartsWith("Every field of the row is empty or a null token", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Run_ShouldReadFormattedNumbersAndSkipNullTokens_WhenCheckingARange()
    {
        // $300.00, 1,200.00 and '-' were quarantined as "outside [0, 5000]".
        var result = _files.RunAgent(QuarantineAgent.AgentId, "item,price\nA,$300.00\nB,250\nC,-\nD,\"1,200.00\"\nE,120\nF,12,50 €\nG,9000\nH,cheap\n".Replace("12,50 €", "\"12,50\"", StringComparison.Ordinal),
            "{\"range_rules\":{\"price\":{\"min\":0,\"max\":5000}}}");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "A", "B", "C", "D", "E", "F" }, rows.Select(r => r[0]).ToArray());
        var messages = result.Report.RowIssues.Kept.Select(i => (string?)i["message"]).ToList();
        Assert.IsTrue(messages.Any(m => m!.StartsWith("'9000' in 'price' is outside [0, 5000]", StringComparison.Ordinal)), string.Join(" | ", messages));
        Assert.IsTrue(messages.Any(m => m!.StartsWith("'cheap' in 'price' is not a number, so not within [0, 5000]", StringComparison.Ordinal)), string.Join(" | ", messages));
    }

    [TestMethod]
    public void Run_ShouldReadATypographicMinus_WhenCheckingARangeOrAnIntegerType()
    {
        // "\u22123" (U+2212, as type-fixer keeps it) was set aside as "not a number" by a range rule and as not integer.
        const string csv = "id,temp\n1,\u22123\n2,12\n3,18\n4,\u221212\n5,4\n6,\u221260\n";

        var range = _files.RunAgent(QuarantineAgent.AgentId, csv, "{\"range_rules\":{\"temp\":{\"min\":-50,\"max\":50}}}");

        var (_, rows) = CleanTestFiles.ReadCsv(range.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "1", "2", "3", "4", "5" }, rows.Select(r => r[0]).ToArray(), "only \u221260 is outside [-50, 50]");
        var messages = range.Report.RowIssues.Kept.Select(i => (string)i["message"]!).ToList();
        Assert.IsTrue(messages.Any(m => m.StartsWith("'\u221260' in 'temp' is outside [-50, 50]", StringComparison.Ordinal)), string.Join(" | ", messages));

        var schema = _files.RunAgent(QuarantineAgent.AgentId, csv, "{\"expected_schema\":{\"temp\":\"integer\"}}");

        Assert.AreEqual(6, CleanTestFiles.ReadCsv(schema.CleanedFilePath!).Rows.Count);
    }

    [TestMethod]
    public void Run_ShouldReadDotThousandsOfADecimalCommaFile_WhenCheckingARange()
    {
        // A German export: prices with decimal commas, stock with '.' thousands. "1.500" (1500 units) was read as 1.5
        // and quarantined as outside [100, 10000], while "12.345" (12345) passed a max of 20000 only by luck of reading.
        const string csv = "Produkt;Preis;Lagerbestand\nA;1,99;1.500\nB;2,49;2.000\nC;10,00;750\nD;5,50;12.345\nE;3,10;80\nF;7,25;3.200\n";

        var result = _files.RunAgent(QuarantineAgent.AgentId, csv, "{\"range_rules\":{\"Lagerbestand\":{\"min\":100,\"max\":10000},\"Preis\":{\"max\":9}}}");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        // C: price 10,00 above 9; D: 12.345 units above 10000; E: 80 units below 100.
        CollectionAssert.AreEqual(new[] { "A", "B", "F" }, rows.Select(r => r[0]).ToArray());
        var messages = result.Report.RowIssues.Kept.Select(i => (string)i["message"]!).ToList();
        Assert.IsTrue(messages.Any(m => m.StartsWith("'12.345' in 'Lagerbestand' is outside [100, 10000]", StringComparison.Ordinal)), string.Join(" | ", messages));
        Assert.IsFalse(messages.Any(m => m.Contains("'1.500'", StringComparison.Ordinal)), string.Join(" | ", messages));
    }

    [TestMethod]
    public void Run_ShouldTakeEveryNumberARangeRuleReads_ForExpectedSchemaNumberTypes()
    {
        // expected_schema float read plain numbers only: "1,200.00", "$300.00" and "(12.00)" were quarantined as "not
        // float" (and, in a decimal-comma file, every row: "12,50" is not float), though type-fixer converts them all.
        var us = _files.RunAgent(QuarantineAgent.AgentId, "id,amount,units\n1,\"1,200.00\",\"1,200\"\n2,$300.00,4\n3,45.50,5.0\n4,(12.00),6\n5,abc,7\n6,8,2.5\n",
            "{\"expected_schema\":{\"amount\":\"float\",\"units\":\"integer\"}}");
        CollectionAssert.AreEqual(new[] { "1", "2", "3", "4" }, CleanTestFiles.ReadCsv(us.CleanedFilePath!).Rows.Select(r => r[0]).ToArray());
        var mismatches = us.Report.RowIssues.Kept.Select(i => ((string)i["column"]!, (string)i["value"]!)).ToList();
        CollectionAssert.AreEquivalent(new[] { ("amount", "abc"), ("units", "2.5") }, mismatches);

        var de = _files.RunAgent(QuarantineAgent.AgentId, "Artikel;Preis;Menge\nApfel;1,20;3\nBirne;0,99;1.000\nKirsche;12,50;1\nMango;1.234,56;2\nKiwi;3,75;5\n",
            "{\"expected_schema\":{\"Preis\":\"float\",\"Menge\":\"integer\"}}");
        Assert.HasCount(5, CleanTestFiles.ReadCsv(de.CleanedFilePath!).Rows);
        Assert.AreEqual(0L, (long)CleanTestFiles.Metrics(de)["quarantined_rows"]!);
    }

    [TestMethod]
    public void Run_ShouldTakeYesNoAndOneZeroFlags_ForAnExpectedBoolean()
    {
        // Only true/false passed: a flag column written yes/no, Y/N or 1/0 had every row quarantined as "not boolean".
        var result = _files.RunAgent(QuarantineAgent.AgentId, "id,active\n1,yes\n2,No\n3,Y\n4,n\n5,1\n6,0\n7,TRUE\n8,f\n9,maybe\n10,2\n",
            "{\"expected_schema\":{\"active\":\"boolean\"}}");

        CollectionAssert.AreEqual(new[] { "1", "2", "3", "4", "5", "6", "7", "8" }, CleanTestFiles.ReadCsv(result.CleanedFilePath!).Rows.Select(r => r[0]).ToArray());
        Assert.AreEqual(2L, (long)CleanTestFiles.Data(result)["violations_by_reason"]!["schema_mismatch"]!);
    }

    [TestMethod]
    public void Run_ShouldSkipNullTokens_WhenCheckingAFormat()
    {
        // 'N/A' in an e-mail column was quarantined as "does not match email" (and so lost from the cleaned file before
        // null-handler could read it as a null), while an empty cell and the range rule's null tokens pass.
        var result = _files.RunAgent(QuarantineAgent.AgentId, "id,email\n1,a@x.com\n2,N/A\n3,\n4,NULL\n5,not-an-email\n",
            "{\"format_rules\":{\"email\":\"email\"}}");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "1", "2", "3", "4" }, rows.Select(r => r[0]).ToArray());
        StringAssert.StartsWith((string?)result.Report.RowIssues.Kept.Single(i => (string?)i["issue_type"] == "format_violation")["message"], "'not-an-email' in 'email' does not match email");
    }

    [TestMethod]
    public void Run_ShouldScoreFiftyWithNothingQuarantined_WhenDataIsClean()
    {
        var result = _files.RunAgent(QuarantineAgent.AgentId, "a\n1\n2\n");

        // 0.5·0 + 0.3·100 + 0.2·100 = 50 (AGENSIUM's formula rewards quarantining).
        Assert.AreEqual(50.0, (double)CleanTestFiles.Metrics(result)["quarantine_score"]!, 1e-9);
        Assert.AreEqual(2L, result.RowsWritten);
    }

    private static bool ContainsPattern(string cell) => Patterns.Any(p => cell.Contains(p, StringComparison.OrdinalIgnoreCase));

    [TestMethod]
    public void Run_ShouldQuarantineARowWithMoreFieldsThanTheHeader_InsteadOfDroppingItsExtraFields()
    {
        // "$1,000" unquoted splits into two fields: kept, the row would read amount "$1" and lose "000".
        const string csv = "id,name,amount\n1,Ann,10\n2,Bob,$1,000\n3,Cy\n4,Di,40\n";

        var result = _files.RunAgent(QuarantineAgent.AgentId, csv);

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "1", "3", "4" }, rows.Select(r => r[0]).ToArray(), "a short row is only padded");
        Assert.AreEqual(1L, (long)CleanTestFiles.Data(result)["violations_by_reason"]!["extra_fields"]!);

        var kept = _files.RunAgent(QuarantineAgent.AgentId, csv, "{\"check_extra_fields\": false}");
        Assert.HasCount(4, CleanTestFiles.ReadCsv(kept.CleanedFilePath!).Rows);
    }
}
