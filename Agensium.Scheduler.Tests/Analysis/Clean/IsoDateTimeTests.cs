using System.Globalization;
using Agensium.Analysis.Clean;
using Agensium.Analysis.Common;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

/// <summary>
/// The fast path for ISO dates with a time ("2016-12-09T16:11:18Z") changes no answer: DateValues.TryParse, TryRewrite
/// (and PatternValidators.IsDate, the same reading) agree with the exact formats on random texts of that shape and its near misses.
/// </summary>
[TestClass]
public sealed class IsoDateTimeTests
{
    private static readonly string[] CleanFormats = [.. DateValues.ExactFormats];

    [TestMethod]
    [DataRow("2016-12-09T16:11:18Z", "2016-12-09 16:11:18+00:00")]
    [DataRow("2021-12-31T20:00:00-08:00", "2021-12-31 20:00:00-08:00")]
    [DataRow("2021-12-31 20:00:00.25+05:30", "2021-12-31 20:00:00.25+05:30")]
    [DataRow("2021-03-04T09:30:00", "2021-03-04 09:30:00")]
    [DataRow("2021-3-4 9:30", "2021-03-04 09:30:00")]
    [DataRow("2021-03-04T00:00:00Z", "2021-03-04 00:00:00+00:00")]
    public void TryRewrite_ShouldKeepClockAndOffset_WhenIsoDateHasATime(string value, string expected)
    {
        Assert.IsTrue(DateValues.TryRewrite(value, dayFirst: false, out string? text));
        Assert.AreEqual(Reference(value), text, "reference");
        Assert.AreEqual(expected, text);
    }

    [TestMethod]
    public void ParsersShouldAgreeWithTheExactFormats_WhenIsoDateTimesAreRandom()
    {
        int dates = 0;
        foreach (string value in RandomIsoTexts(11, 150_000))
        {
            var trimmed = value.AsSpan().Trim();
            bool gate = trimmed.Length is >= 8 and <= 35 && char.IsAsciiDigit(trimmed[0]);
            DateTimeOffset moment = default;
            bool expected = gate && Exact(trimmed, out moment);
            bool actual = DateValues.TryParse(value, out var date);
            // Beyond the exact formats: a time after a date they read without one, its fraction past 7 digits cut (DateWithTime).
            bool widened = !expected && DateWithTime.TryParse(trimmed, dayFirst: false, out _);
            Assert.AreEqual(expected || (!gate && MonthNameDate.TryParse(trimmed, out _)) || widened, actual, $"'{value}'");
            if (expected)
            {
                dates++;
                Assert.AreEqual(moment.DateTime, date, $"'{value}'");
                Assert.IsTrue(DateValues.TryRewrite(value, dayFirst: false, out string? text), $"'{value}'");
                Assert.AreEqual(Reference(value), text, $"'{value}'");
            }

            bool cleanReads = actual;
            Assert.AreEqual(cleanReads, PatternValidators.IsDate(value), $"IsDate '{value}': the profiler reads dates as clean-my-data does");
        }

        // Most texts are dates, so the comparison covers the fast path's answers, not only its refusals.
        Assert.IsTrue(dates > 40_000, $"{dates} dates");
    }

    private static bool Exact(ReadOnlySpan<char> text, out DateTimeOffset moment) =>
        DateTimeOffset.TryParseExact(text, CleanFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out moment);

    // What TryRewrite gave before its fast path: the exact parse, with the offset when the text writes one after its time.
    private static string? Reference(string value)
    {
        var trimmed = value.AsSpan().Trim();
        if (!Exact(trimmed, out var moment))
        {
            return null;
        }

        int time = trimmed.IndexOfAny('T', 't', ' ');
        bool offset = time > 0 && trimmed[(time + 1)..].IndexOfAny("Zz+-") >= 0;
        if (!offset)
        {
            return DateValues.FormatDateTime(moment.DateTime);
        }

        string clock = moment.DateTime.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFFFFFF";
        return moment.DateTime.ToString(clock, CultureInfo.InvariantCulture) + moment.ToString("zzz", CultureInfo.InvariantCulture);
    }

    // yyyy-M-d, a separator, H:mm[:ss[.f…]][offset], each part now and then out of range, mis-sized or misspelt.
    private static IEnumerable<string> RandomIsoTexts(int seed, int count)
    {
        var random = new Random(seed);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Number(int max, int width) => random.Next(0, max + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        string Sized(int max) => random.Next(10) switch
        {
            0 => Number(max, 1),
            1 => Number(max, 3),
            _ => Number(max, 2),
        };

        for (int n = 0; n < count; n++)
        {
            var text = new System.Text.StringBuilder();
            text.Append(random.Next(12) == 0 ? Pick("0000", "0001", "0999", "999", "10000", "9999") : Number(2100, 4).Replace("0", random.Next(3) == 0 ? "1" : "0"));
            text.Append(random.Next(30) == 0 ? Pick("/", ".", "--") : "-");
            text.Append(random.Next(8) == 0 ? Number(13, 1) : Sized(random.Next(4) == 0 ? 13 : 12));
            text.Append(random.Next(30) == 0 ? "/" : "-");
            text.Append(random.Next(8) == 0 ? Number(31, 1) : Sized(random.Next(4) == 0 ? 32 : 28));
            text.Append(Pick("T", "T", "T", " ", " ", "t", "  ", "T "));
            text.Append(random.Next(6) == 0 ? Number(9, 1) : Sized(random.Next(5) == 0 ? 25 : 23));
            text.Append(random.Next(40) == 0 ? "." : ":");
            text.Append(random.Next(15) == 0 ? Sized(61) : Number(59, 2));
            if (random.Next(4) != 0)
            {
                text.Append(':').Append(random.Next(15) == 0 ? Sized(61) : Number(59, 2));
                if (random.Next(3) == 0)
                {
                    text.Append('.').Append(random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture)[..random.Next(0, 9)]);
                }
            }

            text.Append(random.Next(5) switch
            {
                0 => "",
                1 => Pick("Z", "Z", "z", " Z", "ZZ"),
                2 => Pick("+", "-") + Number(14, 2) + ":" + Number(59, 2),
                3 => Pick("+", "-") + Pick("00:00", "05:30", "14:00", "13:59", "15:00", "0530", "05", "5:30", "05:60"),
                _ => "",
            });
            if (random.Next(20) == 0)
            {
                text.Insert(random.Next(text.Length + 1), Pick(" ", "  "));
            }

            yield return text.ToString();
        }
    }
}
