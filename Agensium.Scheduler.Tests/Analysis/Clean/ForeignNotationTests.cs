using Agensium.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

/// <summary>What type-fixer keeps as written instead of nulling: numbers and real dates in another notation, never garbage.</summary>
[TestClass]
public sealed class ForeignNotationTests
{
    [TestMethod]
    [DataRow("12,50", true)]
    [DataRow("-0,5", true)]
    [DataRow("1.234,56", true)]
    [DataRow("1 234,56", true)]
    [DataRow("1\u202f234,56", true)]
    [DataRow("1'234.50", true)]
    [DataRow("200-", true)]
    [DataRow("1.234,50-", true)]
    [DataRow("12,5 %", true)]
    [DataRow("€ 12,50", true)]
    [DataRow("12,50 €", true)]
    [DataRow("R$ 1.234,56", true)]
    [DataRow("12,50 EUR", true)]
    [DataRow("+-5", false)]
    [DataRow("-5-", false)]
    [DataRow("$$5", false)]
    [DataRow("€5€", false)]
    [DataRow("€ 12,50 €", false)]
    [DataRow("1.234.5", false)]
    [DataRow("12,345.678,9", false)]
    [DataRow("5 -", false)]
    [DataRow("1O0", false)]
    [DataRow("n/a", false)]
    public void WorthKeeping_ShouldKeepNumbersInAnotherNotationOnly(string value, bool kept) =>
        Assert.AreEqual(kept, ForeignNotation.WorthKeeping(value, "float"), value);

    [TestMethod]
    [DataRow("3. März 2024", true)]
    [DataRow("12 janv. 2024", true)]
    [DataRow("1-Dez-2024", true)]
    [DataRow("15 de marzo de 2024", true)]
    [DataRow("2024 mei 3", true)]
    [DataRow("29 lutego 2024", true)]
    [DataRow("30 février 2024", false)]
    [DataRow("29 Februar 2023", false)]
    [DataRow("February 30, 2024", false)]
    [DataRow("31-Feb-2024", false)]
    [DataRow("Apt 4 1234 Elm St", false)]
    [DataRow("Room 12 Building 2024", false)]
    [DataRow("Smarch 5, 2024", false)]
    [DataRow("TBD 1 2024", false)]
    [DataRow("2025-13-40", false)]
    public void WorthKeeping_ShouldKeepRealDatesWithAForeignMonthNameOnly(string value, bool kept) =>
        Assert.AreEqual(kept, ForeignNotation.WorthKeeping(value, "datetime"), value);
}
