using Agensium.Analysis.Clean;
using Agensium.Analysis.Common;
using static Agensium.Scheduler.Tests.Analysis.AnalysisTestSupport;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// Thousands grouped with a space, a no-break space, a narrow no-break space or an apostrophe (outside probe: French,
/// Polish and Swiss exports were never read as numbers, without a word): the one rule, the profiler's alerts and the
/// column notation master-my-data and drift-detector read amounts in.
/// </summary>
[TestClass]
public sealed class ThousandsGroupsTests
{
    [TestMethod]
    [DataRow("1 234,56", "1234,56", ' ', ',')]
    [DataRow("12 500.00", "12500.00", ' ', '.')]
    [DataRow(" 12\u00a0000,00 ", "12000,00", '\u00a0', ',')]
    [DataRow("3\u202f500,25", "3500,25", '\u202f', ',')]
    [DataRow("1\u2009234.5", "1234.5", '\u2009', '.')]
    [DataRow("1'234.50", "1234.50", '\'', '.')]
    [DataRow("1\u2019000\u2019000.00", "1000000.00", '\u2019', '.')]
    [DataRow("-3 500,25", "-3500,25", ' ', ',')]
    [DataRow("1 000 000", "1000000", ' ', '\0')]
    [DataRow("123 456", "123456", ' ', '\0')]
    [DataRow("123 456 789,00", "123456789,00", ' ', ',')]
    [DataRow("123\u00a0456\u00a0789", "123456789", '\u00a0', '\0')]
    [DataRow("75 001", "75001", ' ', '\0')]
    public void TryRead_ShouldReadStrictGroups(string text, string plain, char separator, char mark)
    {
        Assert.IsTrue(ThousandsGroups.TryRead(text, out var reading), text);
        Assert.AreEqual(new ThousandsGroups.Reading(plain, separator, mark), reading);
    }

    [TestMethod]
    [DataRow("1 2", DisplayName = "a group of one digit")]
    [DataRow("12 34 56 78", DisplayName = "a phone number in pairs")]
    [DataRow("1 2345", DisplayName = "a group of four digits")]
    [DataRow("1 234 5678", DisplayName = "a last group of four")]
    [DataRow("1234 567", DisplayName = "four digits before the first group")]
    [DataRow("612 345 678", DisplayName = "a nine-digit phone number")]
    [DataRow("732 829 320", DisplayName = "a SIREN number")]
    [DataRow("123 456 789 012", DisplayName = "twelve digits in groups of three")]
    [DataRow("+48 612 345 678", DisplayName = "a phone number with its country code")]
    [DataRow("+1 234", DisplayName = "a plus sign")]
    [DataRow("- 1 234", DisplayName = "a space after the sign")]
    [DataRow("012 345", DisplayName = "a leading zero")]
    [DataRow("0 123,5", DisplayName = "a lone zero before a group")]
    [DataRow("1 234'567", DisplayName = "two separators")]
    [DataRow("1 234\u00a0567", DisplayName = "a space and a no-break space")]
    [DataRow("1 234.567,5", DisplayName = "a dot group after a space group")]
    [DataRow("1,234 567", DisplayName = "a comma group before a space group")]
    [DataRow("1  234", DisplayName = "two spaces")]
    [DataRow("1 234,", DisplayName = "a decimal mark without digits")]
    [DataRow("1 234,5,6", DisplayName = "two decimal marks")]
    [DataRow("1 234e5", DisplayName = "an exponent")]
    [DataRow("1 234,56 €", DisplayName = "a currency sign")]
    [DataRow("12 apples", DisplayName = "a word")]
    [DataRow("1234", DisplayName = "no group")]
    public void TryRead_ShouldLeaveText_ThatIsNoStrictlyGroupedNumber(string text) =>
        Assert.IsFalse(ThousandsGroups.TryRead(text, out _), text);

    [TestMethod]
    public void Readers_ShouldTakeTheDecimalMarkOfTheirNotationOnly()
    {
        // "1 234,56" is a decimal-comma number only, "1 234.56" a decimal-point one, "12 000" both (the same value).
        Assert.IsTrue(CommaNotation.TryParse("1 234,56", out double comma));
        Assert.AreEqual(1234.56, comma);
        Assert.IsTrue(CommaNotation.TryParse("12\u00a0000", out double whole));
        Assert.AreEqual(12000d, whole);
        Assert.IsFalse(CommaNotation.TryParse("1 234.56", out _));
        Assert.IsTrue(CommaNotation.IsUnambiguousDecimal("1 234,567"), "after space groups a comma is a decimal comma");
        Assert.IsFalse(CommaNotation.IsUnambiguousDecimal("12 000"));

        Assert.IsTrue(CellValues.TryGroupedNumber("1'234.50", out double point));
        Assert.AreEqual(1234.5, point);
        Assert.IsTrue(CellValues.TryGroupedNumber("-12 000", out double negative));
        Assert.AreEqual(-12000d, negative);
        Assert.IsFalse(CellValues.TryGroupedNumber("1 234,56", out _));
        Assert.IsTrue(CellValues.TryAccountingNegative("(1 234.50)", out double ledger));
        Assert.AreEqual(-1234.5, ledger);
        Assert.IsTrue(CellValues.TryCurrencyNumber("€ 1 234.50", out double amount));
        Assert.AreEqual(1234.5, amount);

        // The plain readers (the profiler's and pandas' notion of a number) are unchanged.
        Assert.IsFalse(NumberText.TryParse("1 234", out _));
        Assert.IsFalse(CellValues.TryNumber("1 234.56", out _));
    }

    [TestMethod]
    public void ColumnNotation_ShouldReadSpaceGroups_InTheNotationTheColumnShows()
    {
        // master-my-data and drift-detector read a column in its own notation: here decimal commas (0,5, 12,50 and
        // 1 234,56 can only be), so 1 234,56 is 1234.56 and 3 500,00 is 3500.
        var tally = new NotationTally();
        foreach (string value in new[] { "1 234,56", "0,5", "12,50", "3\u00a0500,00" })
        {
            tally.Add(value);
        }

        var notation = ColumnNotation.Of(tally);
        Assert.IsTrue(notation.DecimalComma);
        Assert.IsTrue(notation.TryRead("1 234,56", out double comma));
        Assert.AreEqual(1234.56, comma);
        Assert.IsTrue(notation.TryRead("3\u00a0500,00", out double whole));
        Assert.AreEqual(3500d, whole);

        Assert.IsTrue(ColumnNotation.DecimalPoint.TryRead("1'234.50", out double swiss));
        Assert.AreEqual(1234.5, swiss);
        Assert.IsTrue(ColumnNotation.DecimalPoint.TryRead("12 000", out double grouped));
        Assert.AreEqual(12000d, grouped);
        Assert.IsFalse(ColumnNotation.DecimalPoint.TryRead("1 234,56", out _), "a decimal comma is not read as a decimal point");
    }

    [TestMethod]
    public void ColumnNotation_ShouldTakeSpaceGroupsBeforeAPointAsAPointColumn()
    {
        // 1 234.56 says decimal points as 1,234.56 does: a column of it beside 0,5 and 12,50 is not read with commas.
        var tally = new NotationTally();
        foreach (string value in new[] { "0,5", "12,50", "2,25", "1 234.56" })
        {
            tally.Add(value);
        }

        Assert.AreEqual(1L, tally.Counts.CommaGrouped);
        Assert.IsFalse(ColumnNotation.Of(tally).DecimalComma);
    }

    [TestMethod]
    public async Task Profile_ShouldSayThatSpaceGroupedDecimalCommasAreNotReadAsNumbers()
    {
        // The tester's intl2.csv: montant's 1 234,56 and 12 000,00 were no decimal-comma numbers to the profile, so 3
        // of 6 values read so (50 %) were below the 70 % a decimal-comma column needs, and nothing was said. Now all 6
        // are: a decimal_comma_numbers issue counting 6. The column stays a string to the profile (as to pandas).
        using var files = new AnalysisTestSupport();
        files.AddText("intl2.csv", "id;montant;date_fr;pct\n1;1 234,56;13/02/2024;12,5%\n2;987,10;01/03/2024;7,25%\n3;12 000,00;28/02/2024;100%\n"
            + "4;45,90;05/04/2024;0,5%\n5;3 500,25;31/12/2023;33,3%\n6;0,99;15/06/2024;50%\n");

        var report = await files.RunReportAsync(CancellationToken.None);

        Assert.AreEqual("string", (string?)Column(report, "montant")["inferred_type"]);
        var issue = report["issues"]!.AsArray().Single(i => (string?)i!["issue_type"] == "decimal_comma_numbers")!;
        Assert.AreEqual("montant", (string?)issue["field_name"]);
        StringAssert.Contains((string?)issue["message"], "holds 6 number(s) written with a decimal comma");
    }

    [TestMethod]
    public async Task Profile_ShouldSayThatSpaceAndApostropheGroupsAreNotReadAsNumbers()
    {
        // amount: 5 values with space groups before a '.' and 15; qty: 3 whole numbers with no-break-space groups and
        // 750; swiss: 4 apostrophe groups, 999.95 and 15.00; label: words with one "1 000" (no column of numbers).
        using var files = new AnalysisTestSupport();
        files.AddText("spaced.csv", "amount,qty,swiss,label\n1 234.56,1\u00a0000,1'234.50,ok\n12 500.00,2\u00a0500,2’000.00,late\n3 400.10,750,999.95,1 000\n"
            + "2 000.75,12\u00a0000,10'500.75,ok\n9 999.99,750,1'000'000.00,late\n15,750,15.00,ok\n");

        var report = await files.RunReportAsync(CancellationToken.None);

        var issues = report["issues"]!.AsArray().Where(i => (string?)i!["issue_type"] == "grouped_numbers")
            .ToDictionary(i => (string)i!["field_name"]!, i => (string)i!["message"]!);
        CollectionAssert.AreEquivalent(new[] { "amount", "qty", "swiss" }, issues.Keys.ToArray());
        StringAssert.Contains(issues["amount"], "holds 5 number(s) written with thousands separators");
        StringAssert.Contains(issues["qty"], "holds 3 number(s) written with thousands separators");
        StringAssert.Contains(issues["swiss"], "holds 4 number(s) written with thousands separators");
        Assert.AreEqual("string", (string?)Column(report, "amount")["inferred_type"]);
    }
}
