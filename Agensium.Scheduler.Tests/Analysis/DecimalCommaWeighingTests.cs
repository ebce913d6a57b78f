using System.Globalization;
using System.Text;
using Agensium.Analysis.Clean;
using Agensium.Analysis.Profile;
using Agensium.Scheduler.Tests.Analysis.Clean;
using static Agensium.Scheduler.Tests.Analysis.ProfileAgents.ProfileAgentSupport;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// The notation rule (CommaNotation.Shows) weighs which reading parses a column: a column of "48,331" (three decimals, or
/// US thousands) with one value in ten like "18,31" is decimal commas, for type-fixer, the profiler and drift-detector
/// alike (an outside probe: it was read as neither, the rule wanting three in ten values that can only be decimal commas).
/// </summary>
[TestClass]
public sealed class DecimalCommaWeighingTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(40, 4, 0, false, true)]   // 10 % unambiguous, every value read so: comma
    [DataRow(100, 3, 0, false, false)] // 3 % in a ','-file: too few to outweigh US groups
    [DataRow(100, 3, 0, true, false)]  // the same in a ';'-file: three values are too few to switch a file
    [DataRow(100, 4, 0, true, true)]   // four in a hundred in a ';'-file, which leans comma
    [DataRow(1000, 10, 0, true, false)] // one in a hundred in a ';'-file: too small a share
    [DataRow(60, 3, 0, false, false)]  // 5 % in a ','-file: likely US thousands beside stray values
    [DataRow(1000, 100, 0, false, true)] // 10 % in a ','-file (the outside probe's share)
    [DataRow(40, 4, 1, false, false)]  // one '.' decimal ("1.5") says decimal point
    [DataRow(40, 0, 0, true, false)]   // only "1,500"-style values: nothing unambiguous, stays ambiguous
    public void Shows_ShouldWeighWhichReadingParsesTheColumn(int nonNull, int unambiguous, int pointDecimals, bool semicolon, bool expected)
    {
        // Counts as read with decimal commas: the "48,331"s are comma numbers (CommaReading), the rest plain numbers.
        var counts = new NotationCounts(nonNull, pointDecimals, 0, pointDecimals, nonNull - pointDecimals, unambiguous, 0);

        Assert.AreEqual(expected, CommaNotation.Shows(counts, identifier: false, ColumnNotation.NumericThreshold, semicolon));
        Assert.IsFalse(CommaNotation.Shows(counts, identifier: true, ColumnNotation.NumericThreshold, semicolon), "never an identifier column");
    }

    [TestMethod]
    public void TypeFixer_ShouldLeaveThreeDigitGroupsAsWritten_WhenOnlyOneInTwentyCanBeADecimalComma()
    {
        // 57 "78,485"-style values (US thousands most likely) and 3 like "4,9" (5 %) in a ','-file: not read as
        // decimal commas (78.485 would be 1000 times too small); kept as written.
        using var files = new CleanTestFiles();
        var csv = new StringBuilder("id,betrag\n");
        for (int i = 0; i < 60; i++)
        {
            csv.Append(i).Append(',').Append(i % 20 == 19 ? $"\"{i % 9 + 1},{i % 7 + 2}\"" : $"\"{10 + i},{(i * 37 % 899) + 101}\"").Append('\n');
        }

        var result = files.RunAgent(TypeFixerAgent.AgentId, csv.ToString());

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        Assert.AreEqual("10,101", rows[0][1]);
        Assert.IsFalse(CleanTestFiles.Data(result)["conversions"]!.AsArray().Any(c => (string?)c!["column"] == "betrag" && (string?)c["notation"] == "decimal_comma"));
    }

    [TestMethod]
    public void TypeFixer_ShouldNotSwitchASemicolonFileToDecimalCommas_ForThreeValuesInOneColumn()
    {
        // 300 rows; "menge" writes "1,500"-style values and three like "4,9" (1 %); "preis" writes "1.234"-style values
        // (a '.' decimal or thousands). Three stray values must not make "1.234" one thousand two hundred thirty-four.
        using var files = new CleanTestFiles();
        var csv = new StringBuilder("id;menge;preis\n");
        for (int i = 0; i < 300; i++)
        {
            string menge = i % 100 == 50 ? $"{i % 9 + 1},{i % 7 + 2}" : $"{i % 9 + 1},{(i * 37 % 899) + 101}";
            string price = $"{i % 9 + 1}.{(i * 31 % 899) + 101}";
            csv.Append(i).Append(';').Append(menge).Append(";").Append(price).Append('\n');
        }

        var result = files.RunAgent(TypeFixerAgent.AgentId, csv.ToString());

        var (header, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        int preis = header.ToList().IndexOf("preis");
        Assert.AreEqual(1.101, double.Parse(rows[0][preis], CultureInfo.InvariantCulture), 1e-9, rows[0][preis]);
        Assert.IsFalse(CleanTestFiles.Data(result)["conversions"]!.AsArray().Any(c => (string?)c!["notation"] == "decimal_comma"));
    }

    [TestMethod]
    public void CommaReading_ShouldCountOneGroupValuesAsCommaNumbers_OnlyBesideUnambiguousOnes()
    {
        var raw = new NotationCounts(40, 0, 0, 0, 4, 4, 36);

        Assert.AreEqual(raw with { CommaNumbers = 40, CommaGrouped = 0 }, CommaNotation.CommaReading(raw, 36));
        var onlyGroups = new NotationCounts(40, 0, 0, 0, 0, 0, 40);
        Assert.AreEqual(onlyGroups, CommaNotation.CommaReading(onlyGroups, 40));
    }

    [TestMethod]
    public void TypeFixer_ShouldReadThreeDecimalCommaValuesAsDecimals_WhenOneInTenCanOnlyBeADecimalComma()
    {
        using var files = new CleanTestFiles();
        var (csv, values) = Weights(',');

        var result = files.RunAgent(TypeFixerAgent.AgentId, csv);

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray(), rows.Select(r => r[1]).ToArray());
        var conversion = CleanTestFiles.Data(result)["conversions"]!.AsArray().Single(c => (string?)c!["column"] == "gewicht")!;
        Assert.AreEqual("float", (string?)conversion["to"]);
        StringAssert.Contains((string?)conversion["reason"], "written with a decimal comma");
    }

    [TestMethod]
    public void TypeFixer_ShouldLeaveOneGroupValuesAsWritten_WhenNothingInTheColumnIsUnambiguous_EvenInASemicolonFile()
    {
        // "1,500" … alone: fifteen hundred or 1.5, the column does not say; kept as written (no conversion, no null).
        using var files = new CleanTestFiles();
        string csv = "id;menge\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i};{i + 1},{(i * 37 % 900) + 100}\n"));

        var result = files.RunAgent(TypeFixerAgent.AgentId, csv);

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        Assert.AreEqual("1,100", rows[0][1]);
        Assert.IsFalse(CleanTestFiles.Data(result)["conversions"]!.AsArray().Any(c => (string?)c!["column"] == "menge"));
    }

    [TestMethod]
    public async Task Profile_ShouldRaiseItsDecimalCommaAlert_ForTheThreeDecimalColumn()
    {
        using var files = new AnalysisTestSupport();
        files.AddText("waren.csv", Weights(',').Csv);

        var report = await files.RunReportAsync(TestContext.CancellationToken);

        var issue = report["issues"]!.AsArray().Single(i => (string?)i!["field_name"] == "gewicht" && (string?)i["issue_type"] == "decimal_comma_numbers")!;
        StringAssert.Contains((string?)issue["message"], "holds 40 number(s) written with a decimal comma");
    }

    [TestMethod]
    public void Drift_ShouldCompareTheThreeDecimalColumnAsNumbers()
    {
        // The current file's weights one higher: read as decimal commas, delta_mean 1 (as text: 80 categories, 40 new).
        using var files = new AnalysisTestSupport();
        var baseline = files.AddText("baseline.csv", Weights(',').Csv);
        var current = files.AddText("current.csv", Weights(',', plus: 1).Csv);

        var report = new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", """{"min_sample_size": 4}"""), TestContext.CancellationToken);

        var gewicht = ColumnOf(report, "gewicht");
        Assert.AreEqual("numeric", (string?)gewicht["type"], gewicht.ToJsonString());
        Assert.AreEqual("decimal_comma", (string?)gewicht["notation"]);
        Assert.AreEqual(1, (double)gewicht["delta_mean"]!, 1e-9);
    }

    // 40 weights: 36 written with three decimals ("48,331": US thousands or decimals alike), 4 with two or one ("18,31",
    // "22,5"), which can only be decimal commas (10 %). Returns the CSV (',' delimited, quoted) and the numbers.
    private static (string Csv, double[] Values) Weights(char delimiter, int plus = 0)
    {
        var csv = new StringBuilder($"id{delimiter}gewicht\n");
        var values = new List<double>();
        for (int i = 0; i < 40; i++)
        {
            string text = i % 10 == 9
                ? $"{10 + i + plus},{(i * 7 % 89) + 10}"
                : $"{10 + i + plus},{(i * 37 % 899) + 101}";
            values.Add(double.Parse(text.Replace(',', '.'), CultureInfo.InvariantCulture));
            csv.Append(i).Append(delimiter).Append(delimiter == ',' ? $"\"{text}\"" : text).Append('\n');
        }

        return (csv.ToString(), [.. values]);
    }
}
