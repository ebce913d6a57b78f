using Agensium.Analysis.Clean;
using Agensium.Analysis.Common;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// The profiler's IsDate is clean-my-data's reading of a date (DateValues, itself tested against its exact formats in
/// DateValuesTests), on tricky inputs: the profiler had formats of its own, without M-d-yyyy (s44 review: "12-31-2024"
/// was a date to clean-my-data and text to the profiler).
/// </summary>
[TestClass]
public sealed class PatternValidatorsDateTests
{
    private static readonly string[] Seeds =
    [
        "2020-01-02", "2020/1/2", "2020.01.02", "1/2/2020", "13/12/2004", "12/13/2004", "02-01-2020", "2.1.2020",
        "2020-01-02 10:11", "2020-01-02 10:11:12", "2020-01-02 10:11:12.1234567", "2020-01-02T10:11", "2020-01-02T10:11:12",
        "2020-01-02T10:11:12Z", "2020-01-02T10:11:12+02:00", "2020-01-02T10:11:12.5-05:00", "1/2/2020 1:05 PM",
        "1/2/2020 1:05 pm", "1/2/2020 13:05:06", "2023-02-30", "0000-00-00", "13/45/1990", "20200102", "2020 01 02",
        "613-721-5237", "1-944-822-3864", "555.123.4567", "12-May-1981", "1,250.00", "2020-1-2t10:11", "2020-01-02 z",
        "1/2/20", "99/99/9999", "1.2.2020 10:00", "2020-01-02T10:11:12ZZ", "2020-01-02 10:11:12-08:00", "31.03.2024 14:05", "31.03.2024 14:05:09", "31.3.2024 25:00", "2020-01-02 10:11:12.5+00:00", "2020-01-02 10:11-08:00", "12-31-1999", "31-12-1999", "1.13.2020",
        "13.1.2020", "0001-01-01", "9999-12-31", "2024-02-29", "001/02/2020", "1/002/2020", "1/2/02020", "2020/13/01",
        "2020--1-2", "2020-01-02-", "1-2/2020", "2020-1-2/3", "12-31-2024", "02-28-2025", "13-13-2024", "12-31-2024 10:30",
        "March 4, 2021 10:00", "04-Mar-2021 11:30 PM",
    ];

    [TestMethod]
    public void IsDate_ShouldAgreeWithCleanMyDatasDates_WhenSpacesAreInsertedAnywhere()
    {
        foreach (string seed in Seeds)
        {
            for (int at = 0; at <= seed.Length; at++)
            {
                foreach (string variant in (string[])[seed, seed.Insert(at, " "), seed.Insert(at, "  ")])
                {
                    Assert.AreEqual(Reference(variant), PatternValidators.IsDate(variant), $"'{variant}'");
                }
            }
        }
    }

    [TestMethod]
    public void IsDate_ShouldAgreeWithCleanMyDatasDates_WhenDigitGroupsAndSeparatorsAreRandom()
    {
        foreach (string value in DigitGroupTexts.Random(7, 200_000))
        {
            Assert.AreEqual(Reference(value), PatternValidators.IsDate(value), $"'{value}'");
        }
    }

    private static bool Reference(string value) => DateValues.TryParse(value, out _);
}
