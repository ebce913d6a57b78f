using System.Globalization;
using Agensium.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

/// <summary>DateValues.TryParse's fast path for digit-group dates gives exactly what the plain TryParseExact gives.</summary>
[TestClass]
public sealed class DateValuesTests
{
    // The reference: the plain TryParseExact over the same formats.
    private static readonly string[] Formats = [.. DateValues.ExactFormats];

    private static readonly string[] Seeds =
    [
        "2020-01-02", "2020/1/2", "2020.01.02", "1/2/2020", "13/12/2004", "12/13/2004", "02-01-2020", "2.1.2020", "13.1.2020",
        "1.13.2020", "2020-01-02 10:11", "2020-01-02T10:11:12Z", "1/2/2020 1:05 PM", "2023-02-30", "2024-02-29", "2023-02-29",
        "0000-01-01", "0001-01-01", "9999-12-31", "13/45/1990", "20200102", "613-721-5237", "500-29-0443", "1-944-822-3864",
        "555.123.4567", "1,250.00", "1/2/20", "99/99/9999", "2020-1-2/3", "2020--1-2", "2020-01-02-", "1-2/2020", "001/02/2020",
        "1/002/2020", "1/2/02020", "31-12-1999", "12-31-1999", "31.12.1999", "12.31.1999", "2020/13/01", "31.03.2024 14:05", "31.3.2024 14:05:09",
        "31.03.2024 24:00",
    ];

    [TestMethod]
    public void TryParse_ShouldAgreeWithTryParseExact_WhenSeedsHaveSpacesAnywhere()
    {
        foreach (string seed in Seeds)
        {
            for (int at = 0; at <= seed.Length; at++)
            {
                AssertAgrees(seed);
                AssertAgrees(seed.Insert(at, " "));
            }
        }
    }

    [TestMethod]
    public void TryParse_ShouldAgreeWithTryParseExact_WhenDigitGroupsAndSeparatorsAreRandom()
    {
        foreach (string value in DigitGroupTexts.Random(42, 200_000))
        {
            AssertAgrees(value);
        }
    }

    private static void AssertAgrees(string value)
    {
        var trimmed = value.AsSpan().Trim();
        bool expected = trimmed.Length is >= 8 and <= 35 && char.IsAsciiDigit(trimmed[0])
            && DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal, out var reference);
        bool actual = DateValues.TryParse(value, out var date);
        Assert.AreEqual(expected, actual, $"'{value}'");
        if (expected)
        {
            DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal, out reference);
            Assert.AreEqual(reference, date, $"'{value}'");
        }
    }

    [TestMethod]
    [DataRow("March 4, 2021 10:00", "2021-03-04 10:00:00")]
    [DataRow("04-Mar-2021 23:00", "2021-03-04 23:00:00")]
    [DataRow("04-Mar-2021 11:30 PM", "2021-03-04 23:30:00")]
    [DataRow("Mar 4, 2021 12:05 am", "2021-03-04 00:05:00")]
    [DataRow("2024-05-01T10:00:00.111111111", "2024-05-01 10:00:00.1111111")]
    [DataRow("2024-05-01 10:00:00.12345678", "2024-05-01 10:00:00.1234567")]
    public void TryRewrite_ShouldReadATimeAfterADateItsFormatsReadWithoutOne(string text, string expected)
    {
        // pandas reads these; type-fixer set them to null in a datetime column.
        Assert.IsTrue(DateValues.TryRewrite(text, dayFirst: false, out string? rewritten), text);
        Assert.AreEqual(expected, rewritten);
    }

    [TestMethod]
    [DataRow("March 4, 2021 25:00")]
    [DataRow("04-Mar-2021 13:30 PM")]
    [DataRow("Room 4 10:00")]
    [DataRow("10:00")]
    [DataRow("http://example.com/a:b")]
    public void TryParse_ShouldRefuseATimeThatIsNoTime_OrNoDateBeforeIt(string text) =>
        Assert.IsFalse(DateValues.TryParse(text, out _), text);

    [TestMethod]
    [DataRow("13/04/2021", DateOrder.DayFirst)]
    [DataRow("04/13/2021", DateOrder.MonthFirst)]
    [DataRow("01/02/2021", DateOrder.Ambiguous)]
    [DataRow("01/01/2021", DateOrder.Unknown)]
    [DataRow("25-12-2020 10:00", DateOrder.DayFirst)]
    [DataRow("2021-04-13", DateOrder.Unknown)]
    [DataRow("13.04.2021", DateOrder.Unknown)]
    public void OrderOf_ShouldTellWhichOrderADateCanOnlyBeReadIn(string text, DateOrder expected) =>
        Assert.AreEqual(expected, DateValues.OrderOf(text));

    [TestMethod]
    public void TryParse_ShouldReadDayFirstWhenAsked_AndKeepTheClockTimeOfAnOffset()
    {
        Assert.IsTrue(DateValues.TryParse("01/02/2021", out var monthFirst));
        Assert.AreEqual(new DateTime(2021, 1, 2), monthFirst);
        Assert.IsTrue(DateValues.TryParse("01/02/2021", out var dayFirst, dayFirst: true));
        Assert.AreEqual(new DateTime(2021, 2, 1), dayFirst);
        Assert.IsTrue(DateValues.TryParse("12/25/2020", out var onlyMonthFirst, dayFirst: true), "a date only month-first can be is still read");
        Assert.AreEqual(new DateTime(2020, 12, 25), onlyMonthFirst);
        Assert.IsTrue(DateValues.TryParse("01/02/2021 10:30", out var withTime, dayFirst: true));
        Assert.AreEqual(new DateTime(2021, 2, 1, 10, 30, 0), withTime, "the exact formats follow the order too");
        Assert.IsTrue(DateValues.TryParse("01/02/2021 10:30", out var monthFirstWithTime));
        Assert.AreEqual(new DateTime(2021, 1, 2, 10, 30, 0), monthFirstWithTime);
        Assert.IsTrue(DateValues.TryParse("2021-12-31T20:00:00-08:00", out var local));
        Assert.AreEqual(new DateTime(2021, 12, 31, 20, 0, 0), local);
    }
}
