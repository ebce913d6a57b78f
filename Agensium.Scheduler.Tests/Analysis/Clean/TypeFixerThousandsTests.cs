using System.Text.Json.Nodes;
using Agensium.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

/// <summary>
/// type-fixer and numbers whose thousands are grouped with a space, a no-break space, a narrow no-break space or an
/// apostrophe (outside probe: "1 234,56" and "1'234.50" were never converted, columns_converted 0, no alert).
/// </summary>
[TestClass]
public sealed class TypeFixerThousandsTests
{
    private CleanTestFiles _files = null!;

    [TestInitialize]
    public void Init() => _files = new CleanTestFiles();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    private static JsonObject Conversion(CleanAgentResult result, string column) =>
        CleanTestFiles.Data(result)["conversions"]!.AsArray().Single(c => (string?)c!["column"] == column)!.AsObject();

    private static string[] Separators(JsonObject conversion) =>
        [.. conversion["thousands_separators"]!.AsArray().Select(s => (string)s!)];

    [TestMethod]
    public void Run_ShouldReadSpaceGroupedDecimalCommas_AndWriteThemPlain()
    {
        // The tester's intl2.csv, with the same amounts grouped by a no-break space (U+00A0) and whole numbers by a
        // narrow no-break space (U+202F). All 6 values of montant and nbsp can only be decimal commas: the file writes
        // them (';'-delimited). montant: 1 234,56 → 1234.56, 987,10 → 987.1, 12 000,00 → 12000, … a float column;
        // nnbsp: 2 500, 980, 12 000, 45, 3 500, 1 are whole → an integer column.
        var result = _files.RunAgent(TypeFixerAgent.AgentId,
            "id;montant;nbsp;nnbsp\n1;1 234,56;1\u00a0234,56;2\u202f500\n2;987,10;987,10;980\n3;12 000,00;12\u00a0000,00;12\u202f000\n"
            + "4;45,90;45,90;45\n5;3 500,25;3\u00a0500,25;3\u202f500\n6;0,99;0,99;1\n");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        string[] amounts = ["1234.56", "987.1", "12000", "45.9", "3500.25", "0.99"];
        CollectionAssert.AreEqual(amounts, rows.Select(r => r[1]).ToArray());
        CollectionAssert.AreEqual(amounts, rows.Select(r => r[2]).ToArray());
        CollectionAssert.AreEqual(new[] { "2500", "980", "12000", "45", "3500", "1" }, rows.Select(r => r[3]).ToArray());

        var m = CleanTestFiles.Metrics(result);
        Assert.AreEqual(3L, (long)m["columns_converted"]!);
        Assert.AreEqual(0L, (long)m["values_coerced_to_null"]!);
        Assert.AreEqual(0L, (long)m["values_kept_unconverted"]!);
        var montant = Conversion(result, "montant");
        Assert.AreEqual("float", (string?)montant["to"]);
        Assert.AreEqual("decimal_comma", (string?)montant["notation"]);
        CollectionAssert.AreEqual(new[] { "space" }, Separators(montant));
        CollectionAssert.AreEqual(new[] { "no-break space" }, Separators(Conversion(result, "nbsp")));
        var nnbsp = Conversion(result, "nnbsp");
        Assert.AreEqual("integer", (string?)nnbsp["to"]);
        CollectionAssert.AreEqual(new[] { "narrow no-break space" }, Separators(nnbsp));

        var alerts = result.Report.Alerts.Select(a => a!.AsObject()).ToList();
        Assert.IsTrue(alerts.Any(a => ((string?)a["alert_id"])!.EndsWith("decimal_comma", StringComparison.Ordinal)), result.Report.Alerts.ToJsonString());
        var spaced = alerts.Single(a => ((string?)a["alert_id"])!.EndsWith("thousands_separators", StringComparison.Ordinal));
        Assert.AreEqual("medium", (string?)spaced["severity"]);
        StringAssert.StartsWith((string?)spaced["message"], "montant (space), nbsp (no-break space), nnbsp (narrow no-break space) write thousands groups");
    }

    [TestMethod]
    public void Run_ShouldReadSpaceAndApostropheGroupsBeforeADecimalPoint()
    {
        // amount: 5 of 6 values in space groups before a '.', 15 plain; swiss (Swiss style): 4 in apostrophe groups
        // (' and U+2019), 999.95 and 15.00 plain. Every value is a number so read: two float columns, written plainly.
        var result = _files.RunAgent(TypeFixerAgent.AgentId,
            "item,amount,swiss\nA,1 234.56,1'234.50\nB,12 500.00,2\u2019000.00\nC,3 400.10,999.95\nD,2 000.75,10'500.75\nE,9 999.99,1'000'000.00\nF,15,15.00\n");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "1234.56", "12500", "3400.1", "2000.75", "9999.99", "15" }, rows.Select(r => r[1]).ToArray());
        CollectionAssert.AreEqual(new[] { "1234.5", "2000", "999.95", "10500.75", "1000000", "15" }, rows.Select(r => r[2]).ToArray());
        var amount = Conversion(result, "amount");
        Assert.AreEqual("float", (string?)amount["to"]);
        Assert.IsNull(amount["notation"]);
        CollectionAssert.AreEqual(new[] { "space" }, Separators(amount));
        StringAssert.Contains((string?)amount["reason"], "100% of the values are numbers (5 written with thousands groups, e.g. 1 234.50)");
        CollectionAssert.AreEqual(new[] { "apostrophe" }, Separators(Conversion(result, "swiss")));
        Assert.AreEqual(0L, (long)CleanTestFiles.Metrics(result)["values_coerced_to_null"]!);
    }

    [TestMethod]
    public void Run_ShouldKeepAGroupedDecimalCommaAsWritten_InAColumnOfDecimalPoints()
    {
        // 1.5, 2.25 and 3 000.50 are numbers with a decimal point (3 of 4, 75 % > 70 %): a float column, in which
        // 1 234,56 (a decimal comma) is no number; it is kept as written, as other notations are, never nulled.
        var result = _files.RunAgent(TypeFixerAgent.AgentId, "id,amount\n1,1.5\n2,2.25\n3,3 000.50\n4,\"1 234,56\"\n");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "1.5", "2.25", "3000.5", "1 234,56" }, rows.Select(r => r[1]).ToArray());
        var m = CleanTestFiles.Metrics(result);
        Assert.AreEqual(1L, (long)m["values_kept_unconverted"]!);
        Assert.AreEqual(0L, (long)m["values_coerced_to_null"]!);
    }

    [TestMethod]
    public void Run_ShouldReadAFileWithDecimalPoints_WhenAColumnGroupsThousandsBeforeAPoint()
    {
        // price writes decimal commas (0,5, 1,25, 2,75), weight space groups before a '.' (1 234.56): two notations
        // in one file, read with decimal points (1 234.56 = 1234.56 like 1,234.56) and said in notation_conflict.
        var result = _files.RunAgent(TypeFixerAgent.AgentId, "price;weight\n0,5;1 234.56\n1,25;2.5\n2,75;3.5\n");

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "0,5", "1,25", "2,75" }, rows.Select(r => r[0]).ToArray());
        CollectionAssert.AreEqual(new[] { "1234.56", "2.5", "3.5" }, rows.Select(r => r[1]).ToArray());
        var alert = result.Report.Alerts.Single(a => ((string?)a!["alert_id"])!.Contains("notation_conflict"))!;
        StringAssert.Contains((string?)alert["message"], "'price' write(s) numbers with a decimal comma, but 'weight' (thousands groups before a '.' decimal such as 1 234.50) says");
    }

    [TestMethod]
    public void Run_ShouldLeaveTextThatOnlyLooksGrouped()
    {
        // Each of a, b and c has 7 plain numbers and 3 texts that are no strictly grouped number: 7 of 10 is not above
        // 70 %, so none is converted; any one of the texts read as a number would make it 8 of 10 and convert it.
        // a: groups of 1, 2 or 4 digits; b: a nine-digit phone number, a SIREN number, a phone number with its country
        // code; c: two separators, a leading zero, a space after the sign. postcode is an identifier by its name.
        string[] a = ["1 2", "12 34 56 78", "1 2345"], b = ["612 345 678", "732 829 320", "+48 612 345 678"], c = ["1 234'567", "012 345", "- 1 234"];
        string[] postcodes = ["75 001", "13 008", "69 003", "33 000", "59 000", "31 000", "67 000", "44 000", "06 000", "35 000"];
        var csv = new System.Text.StringBuilder("a,b,c,postcode\n");
        for (int i = 0; i < 10; i++)
        {
            string Cell(string[] lookalikes) => i < 3 ? lookalikes[i] : ((i + 1) * 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
            csv.Append($"{Cell(a)},{Cell(b)},{Cell(c)},{postcodes[i]}\n");
        }

        var result = _files.RunAgent(TypeFixerAgent.AgentId, csv.ToString());

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(a, rows.Take(3).Select(r => r[0]).ToArray());
        CollectionAssert.AreEqual(b, rows.Take(3).Select(r => r[1]).ToArray());
        CollectionAssert.AreEqual(c, rows.Take(3).Select(r => r[2]).ToArray());
        CollectionAssert.AreEqual(postcodes, rows.Select(r => r[3]).ToArray());
        Assert.AreEqual(0L, (long)CleanTestFiles.Metrics(result)["columns_converted"]!, CleanTestFiles.Data(result)["conversions"]!.ToJsonString());
    }

    [TestMethod]
    public async Task Chain_ShouldFindARowRepeatedWithAndWithoutGroups()
    {
        // Ann's 1 234,56 and 1234,56 are one amount: type-fixer writes both 1234.56, so duplicate-resolver removes the
        // second row (3 rows left). Before, 1 234,56 was kept as written and the rows differed.
        _files.AddText("orders.csv", "name;amount\nAnn;1 234,56\nAnn;1234,56\nBob;0,99\nCid;12,50\n");

        var result = await _files.RunToolAsync(CancellationToken.None, [TypeFixerAgent.AgentId, DuplicateResolverAgent.AgentId]);

        Assert.IsTrue(result.Succeeded, result.ErrorMessage);
        var (_, rows) = CleanTestFiles.ReadCsv(result.Outputs.Single(o => o.ContentType == "text/csv").Path);
        CollectionAssert.AreEqual(new[] { "Ann|1234.56", "Bob|0.99", "Cid|12.5" }, rows.Select(r => string.Join('|', r)).ToArray());
    }
}
