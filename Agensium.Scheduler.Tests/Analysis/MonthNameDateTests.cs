using Agensium.Analysis.Clean;
using Agensium.Analysis.Common;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>Dates written with an English month name are dates to the profiler and the clean agents alike.</summary>
[TestClass]
public sealed class MonthNameDateTests
{
    [TestMethod]
    [DataRow("March 4, 2021", 2021, 3, 4)]
    [DataRow("march 4 2021", 2021, 3, 4)]
    [DataRow("Mar 4, 2021", 2021, 3, 4)]
    [DataRow("Mar. 4, 2021", 2021, 3, 4)]
    [DataRow("MAR 04 2021", 2021, 3, 4)]
    [DataRow("March 4th, 2021", 2021, 3, 4)]
    [DataRow("4 March 2021", 2021, 3, 4)]
    [DataRow("04-Mar-2021", 2021, 3, 4)]
    [DataRow("04/Mar/2021", 2021, 3, 4)]
    [DataRow("04Mar2021", 2021, 3, 4)]
    [DataRow("2021-Mar-04", 2021, 3, 4)]
    [DataRow("Sept 30, 2020", 2020, 9, 30)]
    [DataRow("  1 May 1999 ", 1999, 5, 1)]
    [DataRow("Thu, 04 Mar 2021", 2021, 3, 4)]
    [DataRow("Thursday, March 4, 2021", 2021, 3, 4)]
    [DataRow("29 Feb 2024", 2024, 2, 29)]
    public void TryParse_ShouldReadTheDate_WhenTheMonthIsNamed(string text, int year, int month, int day)
    {
        bool parsed = MonthNameDate.TryParse(text, out var date);

        Assert.IsTrue(parsed, text);
        Assert.AreEqual(new DateTime(year, month, day), date, text);
    }

    [TestMethod]
    [DataRow("29 Feb 2023")]               // no such day
    [DataRow("March 32, 2021")]
    [DataRow("Friday, March 4, 2021")]     // 2021-03-04 was a Thursday
    [DataRow("March 4, 21")]              // two-digit year: ambiguous, stays text
    [DataRow("March 2021")]               // no day
    [DataRow("Mar 4, 2021 10:30")]        // no time of day
    [DataRow("June Smith 2021")]          // a name, not a date
    [DataRow("May Lee, 12 Main St")]
    [DataRow("Mayor 4 2021")]
    [DataRow("Ma 4 2021")]
    [DataRow("Marc 4, 2021")]
    [DataRow("4 March 2021 extra")]
    [DataRow("-4 March 2021")]
    [DataRow("4 March 2021.")]
    [DataRow("4 -- March 2021")]
    [DataRow("4 March, , 2021")]
    [DataRow("jane.doe@example.com")]
    [DataRow("Address change requested: 52466 Washington Blvd")]
    [DataRow("613-721-5237")]
    [DataRow("4th of May")]
    [DataRow("")]
    public void TryParse_ShouldRefuse_WhenTheTextIsNoMonthNameDate(string text) =>
        Assert.IsFalse(MonthNameDate.TryParse(text, out _), text);

    [TestMethod]
    public void DateValuesAndPatternValidators_ShouldAcceptMonthNameDates_AsTheyDoNumericOnes()
    {
        Assert.IsTrue(DateValues.TryParse("March 4, 2021", out var date));
        Assert.AreEqual("2021-03-04", DateValues.FormatDateTime(date));
        Assert.IsTrue(PatternValidators.IsDate("04-Mar-2021"));
        Assert.IsTrue(PatternValidators.IsDate("2021-03-04"));
        Assert.IsFalse(PatternValidators.IsDate("June Smith"));
    }
}
