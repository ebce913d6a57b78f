using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>The comparable form of birth dates used by entity resolution.</summary>
[TestClass]
public sealed class BirthDatesTests
{
    [TestMethod]
    [DataRow("1978-01-09", "1978:01:09")]
    [DataRow("01/09/1978", "1978:01:09")]
    [DataRow("9/1/1978", "1978:01:09")]
    [DataRow("19780109", "1978:01:09")]
    [DataRow("1978/01/09", "1978:01:09")]
    [DataRow("09-Jan-1978", "1978:01:09")]
    [DataRow("January 9, 1978", "1978:01:09")]
    [DataRow("9 January 1978", "1978:01:09")]
    [DataRow(" 13/12/2004 ", "2004:12:13")]
    [DataRow("12/13/2004", "2004:12:13")]
    [DataRow("12-25-48", "1948:12:25")] // two-digit years: the latest such year not after this one
    [DataRow("07-06-50", "1950:06:07")]
    [DataRow("03/04/05", "2005:03:04")]
    public void Normalize_ShouldGiveOneFormPerDate_WhateverTheFormatOrDayMonthOrder(string value, string expected) =>
        Assert.AreEqual(expected, BirthDates.Normalize(value));

    [TestMethod]
    [DataRow("")]
    [DataRow("unknown")]
    [DataRow("N/A")]
    [DataRow("0000-00-00")]
    [DataRow("2023-02-30")]
    [DataRow("13/45/1990")]
    [DataRow("1954-12")]
    [DataRow("1800-01-01")]
    [DataRow("Smarch 3, 1990")]
    public void Normalize_ShouldGiveEmpty_WhenTheValueIsNoReadableDate(string value) =>
        Assert.AreEqual("", BirthDates.Normalize(value));

    [TestMethod]
    public void KindOf_ShouldRecogniseBirthDateColumns() =>
        CollectionAssert.AreEqual(
            new[] { MatchFieldKind.BirthDate, MatchFieldKind.BirthDate, MatchFieldKind.BirthDate, MatchFieldKind.Other },
            new[] { "date_of_birth", "DOB", "BirthDate", "signup_date" }.Select(ColumnNames.KindOf).ToArray());
}
