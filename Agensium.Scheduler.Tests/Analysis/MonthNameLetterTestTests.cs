using Agensium.Analysis.Common;
using static Agensium.Scheduler.Tests.Analysis.PrefilterStrings;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// <see cref="MonthNameDate.TryParse"/> refuses text without an ASCII letter before reading it: it must answer as the
/// reading alone does, for every month and weekday name it knows, in any case, and for text of any other script.
/// </summary>
[TestClass]
public sealed class MonthNameLetterTestTests
{
    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly string[] Weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    private static readonly string[] Edges =
    [
        "04-03-2021", "2021 03 04", "12/31/2024", "2021.03.04", "4 3 2021", "04 Mar 2021", "\uFF2D\uFF41\uFF52\uFF43\uFF48 4, 2021",
        "\u041C\u0430\u0440\u0442 4, 2021", "M\u00E4rz 4, 2021", "Ao\u00FBt 4, 2021", "Apr\u0131l 4, 2021", "\u0130an 4, 2021",
        "Dec 4, \uFF12\uFF10\uFF12\uFF11", "Mar 4, \u0662\u0660\u0662\u0661", "4th March 2021", "March 4th, 2021", "Sept 30, 2020",
        "  1 May 1999 ", "\u00A01 May 1999\u00A0", "Thu, 04 Mar 2021", "Thursday, March 4, 2021", "29 Feb 2023", "31 Apr 2021", "1234567890",
        "0055 4461247688", "729-463-2176", "--------", "12,345,678", "",
    ];

    [TestMethod]
    public void TryParse_ShouldAnswerAsTheReadingAlone_WhenTextsAreMonthNamesEdgesOrRandom()
    {
        int dates = 0;
        foreach (string text in Edges.Concat(NamedDates()).Concat(Random(52, 300_000, Tokens())))
        {
            bool expected = MonthNameDate.TryParseWithoutLetterTest(text, out var expectedDate);
            Assert.AreEqual(expected, MonthNameDate.TryParse(text, out var date), Show(text));
            Assert.AreEqual(expectedDate, date, Show(text));
            dates += expected ? 1 : 0;
        }

        Assert.IsTrue(dates > 500, $"{dates} dates");
    }

    // Every month and weekday, in full, by three letters and as "Sept", in three cases, in each order the reading knows.
    private static IEnumerable<string> NamedDates()
    {
        foreach (string month in Months.SelectMany(Spellings).Append("sept").Append("SEPT").Append("Sept."))
        {
            yield return $"{month} 4, 2021";
            yield return $"4 {month} 2021";
            yield return $"04-{month}-2021";
            yield return $"2021/{month}/04";
            foreach (string weekday in Weekdays.SelectMany(Spellings))
            {
                yield return $"{weekday}, {month} 4, 2021";
            }
        }
    }

    private static IEnumerable<string> Spellings(string name) =>
        [name, name.ToUpperInvariant(), char.ToUpperInvariant(name[0]) + name[1..], name[..3], name[..3].ToUpperInvariant(), name[..3] + "."];

    private static string[] Tokens() =>
        [.. Months.Select(m => m[..3]), "March", "THU", "4", "04", "2021", "31", "1st", " ", ", ", "-", "/", ".", "\t", "\uFF11", "\u0130", "x"];
}
