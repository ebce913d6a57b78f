using Agensium.Analysis.Common;
using static Agensium.Scheduler.Tests.Analysis.AnalysisTestSupport;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>Whole numbers a double cannot hold exactly stay text in every tool, so no digit of an identifier changes.</summary>
[TestClass]
public sealed class NumberTextTests
{
    [TestMethod]
    [DataRow("9007199254740993", false)]
    [DataRow("-1234567890123456", false)]
    [DataRow("12345678901234567891", false)]
    [DataRow("12345678901234567897.0", false)]
    [DataRow("123456789012345", true)]
    [DataRow("999999999999999.5", true)]
    [DataRow("000000000000000012", true)]
    [DataRow("1e20", true)]
    [DataRow("1.5E+19", true)]
    [DataRow("0.12345678901234567890", true)]
    [DataRow(" 42 ", true)]
    [DataRow("NaN", false)]
    public void TryParse_ShouldRefuseOnlyLongWholeParts_WhenTheyExceedFifteenDigits(string text, bool expected)
    {
        Assert.AreEqual(expected, NumberText.TryParse(text, out double number), text);
        if (expected)
        {
            Assert.AreEqual(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), number);
        }
    }

    // Cells of digits only are read without the parser (cleanse-previewer's pass): the value must be the parser's to the
    // bit, a negative zero and the longest exact integers included, so no figure of any agent moves.
    [TestMethod]
    [DataRow("0")]
    [DataRow("-0")]
    [DataRow("+0")]
    [DataRow("007")]
    [DataRow("000000000000000")]
    [DataRow("999999999999999")]
    [DataRow("1000000000000000")]
    [DataRow("9007199254740993")]
    [DataRow("-42")]
    [DataRow("42")]
    public void TryParse_ShouldReadDigitsAsTheParserDoes(string text)
    {
        PinsTheParser(text);
    }

    [TestMethod]
    public void TryParse_ShouldReadRandomDigitStringsAsTheParserDoes()
    {
        var random = new Random(20261206);
        for (int i = 0; i < 20_000; i++)
        {
            var digits = new char[random.Next(1, NumberText.MaxExactDigits + 1)];
            for (int d = 0; d < digits.Length; d++)
            {
                digits[d] = (char)('0' + random.Next(10));
            }

            PinsTheParser(new string(digits));
        }
    }

    // At most 15 digits (a sign aside) is a number; any number read is the parser's double, to the bit.
    private static void PinsTheParser(string text)
    {
        bool read = NumberText.TryParse(text, out double number);
        if (text.TrimStart('-', '+').Length <= NumberText.MaxExactDigits)
        {
            Assert.IsTrue(read, text); // longer texts are left to the tests of significant digits above
        }

        if (read)
        {
            double expected = double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(number), text);
        }
    }

    [TestMethod]
    [DataRow("1001.123456789012345678", false, '.', "1001.123456789012345678")]
    [DataRow(" +0001001.1234567890123456780 ", false, '.', "1001.123456789012345678")]
    [DataRow("0.000012345678901234567891", false, '.', "0.000012345678901234567891")]
    [DataRow("$1,001.123456789012345678", false, '.', "1001.123456789012345678")]
    [DataRow("-$1,001.123456789012345678", true, '.', "-1001.123456789012345678")]
    [DataRow("1.001,123456789012345678", false, ',', "1001.123456789012345678")]
    [DataRow("1.2345678901234567890e3", false, '.', "1234.567890123456789")]
    [DataRow("1001.5", false, '.', null)]
    [DataRow("123456789012345", false, '.', null)]
    [DataRow("1001.000000000000000000", false, '.', null)]
    [DataRow("0.12345678901234500000", false, '.', null)]
    public void ExactText_ShouldKeepEveryDigit_WhenADoubleWouldRoundThem(string text, bool negative, char separator, string? expected)
    {
        Assert.AreEqual(expected, NumberText.ExactText(text, negative, separator, out bool keepAsWritten), text);
        Assert.IsFalse(keepAsWritten, text);
    }

    [TestMethod]
    public void ExactText_ShouldReadALongCell_WithoutRunningOutOfStack()
    {
        string padded = new string(' ', 4_000_000) + "1001.123456789012345678";
        Assert.AreEqual("1001.123456789012345678", NumberText.ExactText(padded, false, '.', out _));
    }

    [TestMethod]
    public void ExactText_ShouldAskToKeepTheText_WhenAnExponentCarriesMoreDigitsThanADecimalHolds()
    {
        Assert.IsNull(NumberText.ExactText("1.23456789012345678901234567890123e3", false, '.', out bool keepAsWritten));
        Assert.IsTrue(keepAsWritten);
    }

    [TestMethod]
    public void TryParse_ShouldAgreeWithDoubleTryParse_WhateverTheFirstCharacters()
    {
        // The pre-check that lets text skip the parser must never refuse what the parser reads.
        string[] starts = ["", " ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u2000", "\u3000", "  \t", "+", "-", "\u2212", ".", "+.", "-.",
            "(", "$", "€", "e", "E", "x", "0x", "١", "٣", "Ⅻ", "∞", "-∞", "Infinity", "-Infinity", "NaN", "inf", "\u0000"];
        string[] rests = ["", "1", "12.5", "5e3", ".5", "1,000", " 7 ", "\t8\t", "a", "-1", "e5"];
        foreach (string start in starts)
        {
            foreach (string rest in rests)
            {
                string text = start + rest;
                bool expected = double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double reference)
                    && double.IsFinite(reference);
                Assert.AreEqual(expected, NumberText.TryParse(text, out double number), $"'{text}'");
                Assert.AreEqual(expected ? reference : 0, number, $"'{text}'");
            }
        }
    }

    [TestMethod]
    public async Task Profile_ShouldTreatSixteenDigitAccountNumbersAsText_NotAsRoundedNumbers()
    {
        using var files = new AnalysisTestSupport();
        files.AddText("accounts.csv", "rec,acct\na,9007199254740993\nb,9007199254740995\nc,9007199254740997\nd,9007199254740999\n");

        var report = await files.RunReportAsync(CancellationToken.None);

        var acct = Column(report, "acct");
        Assert.AreEqual("string", (string?)acct["inferred_type"], "no numeric statistics of values a double would round");
        Assert.IsNull(acct["numeric_stats"]);
        CollectionAssert.Contains(acct["top_values"]!.AsArray().Select(v => (string?)v!["value"]).ToList(), "9007199254740993");
    }

    [TestMethod]
    public async Task Profile_ShouldSayWhichNumbersADecimalCommaFileMakesDoubtful()
    {
        // gewicht's 0,5 and 1,25 can only be decimal commas: menge's 1.234 and 12.000 are most likely thousands.
        using var files = new AnalysisTestSupport();
        files.AddText("de.csv", "artikel;menge;gewicht;notiz\nA0;1.234;0,5;ok\nA1;2.500;1,25;siehe 1.100\nA2;12.000;2,0;v1.2\nA3;750;3,75;gut\n");

        var report = await files.RunReportAsync(CancellationToken.None);

        var issues = report["issues"]!.AsArray().Select(i => ((string?)i!["field_name"], (string?)i["issue_type"])).ToList();
        CollectionAssert.Contains(issues, ("gewicht", "decimal_comma_numbers"));
        CollectionAssert.Contains(issues, ("menge", "dot_thousands_suspected"));
        Assert.IsFalse(issues.Any(i => i.Item1 == "notiz"), "a text column with a stray 1.100 has no statistics to doubt");

        using var plain = new AnalysisTestSupport();
        plain.AddText("us.csv", "item,hours,amount,weight\nA0,\"0,5\",\"1,200\",1.250\nA1,\"1,25\",850,2.500\nA2,\"2,75\",\"2,400\",1.125\nA3,\"3,5\",975,2.000\n");
        var usIssues = (await plain.RunReportAsync(CancellationToken.None))["issues"]!.AsArray();
        Assert.IsFalse(usIssues.Any(i => ((string?)i!["issue_type"])!.Contains("comma") || ((string?)i["issue_type"])!.Contains("thousands")),
            "US thousands groups (1,200) say the file writes decimal points: nothing to say of 1.250");
        // amount's 1,200 and 2,400 are text to the profile (as to pandas): that is said, not left to be guessed.
        Assert.AreEqual("amount", (string?)usIssues.Single(i => (string?)i!["issue_type"] == "grouped_numbers")!["field_name"]);
    }

    [TestMethod]
    public async Task Profile_ShouldSayThatNumbersWithThousandsSeparatorsAreNotReadAsNumbers()
    {
        // Outside probe: amount holds 1,234.50, 2,000.00, 12,345.67 and 1,000 beside 999.99, 100, 50 and 75.5. The
        // profile (as pandas' read_csv) reads the four grouped ones as text, so the column is a string without
        // statistics, and nothing said why (decimal commas have their alert). 8 of 8 values are numbers once groups
        // count: a medium grouped_numbers alert and an issue; a column of words with one "1,000" in it says nothing.
        using var files = new AnalysisTestSupport();
        files.AddText("orders.csv", "id,amount,remark\n1,\"1,234.50\",ok\n2,\"2,000.00\",late\n3,999.99,ok\n4,\"12,345.67\",\"1,000\"\n"
            + "5,100,ok\n6,\"1,000\",late\n7,50,ok\n8,75.5,late\n");

        var report = await files.RunReportAsync(CancellationToken.None);

        Assert.AreEqual("string", (string?)Column(report, "amount")["inferred_type"]);
        var alert = report["alerts"]!.AsArray().Single(a => (string?)a!["alert_id"] == "alert_profiler_grouped_numbers")!;
        Assert.AreEqual("medium", (string?)alert["severity"]);
        StringAssert.EndsWith((string?)alert["message"], ": amount");
        var issue = report["issues"]!.AsArray().Single(i => (string?)i!["issue_type"] == "grouped_numbers")!;
        Assert.AreEqual("amount", (string?)issue["field_name"]);
        StringAssert.Contains((string?)issue["message"], "holds 4 number(s) written with thousands separators");
    }
}
