using System.Globalization;
using Agensium.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

/// <summary>TryNumber's pre-check for text never changes its answer: it agrees with the plain double.TryParse.</summary>
[TestClass]
public sealed class CellValuesTests
{
    [TestMethod]
    [DataRow("$5")]
    [DataRow("(1)")]
    [DataRow(" 1e3 ")]
    [DataRow("-.5")]
    [DataRow("+7")]
    [DataRow("Infinity")]
    [DataRow("-Infinity")]
    [DataRow("NaN")]
    [DataRow("nan")]
    [DataRow("abc")]
    [DataRow("1,000")]
    [DataRow(" \t3 ")]
    [DataRow("\u0663")]
    [DataRow("\uFF11")]
    [DataRow("e5")]
    [DataRow("1e400")]
    public void TryNumber_ShouldAgreeWithDoubleTryParse_WhenTextIsNumberLike(string value)
    {
        bool expected = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double reference) && double.IsFinite(reference);

        Assert.AreEqual(expected, CellValues.TryNumber(value, out double number), $"'{value}'");
        if (expected)
        {
            Assert.AreEqual(reference, number);
        }
    }

    [TestMethod]
    [DataRow("\u00A012", 12.0)]
    [DataRow("10.5\u00A0", 10.5)]
    [DataRow("\u202F7\u2007", 7.0)]
    public void TryNumber_ShouldTrimUnicodeWhiteSpace_AsPythonsFloatDoes(string value, double expected)
    {
        // A no-break space around a number (spreadsheet exports) made it text, and type-fixer set it to null (last probe);
        // double.TryParse skips ASCII white space only, Python's float() any.
        Assert.IsTrue(CellValues.TryNumber(value, out double number), $"'{value}'");
        Assert.AreEqual(expected, number);
    }

    [TestMethod]
    [DataRow("1,234.50", 1234.5)]
    [DataRow("-2,000", -2000.0)]
    [DataRow(" 12,345,678 ", 12345678.0)]
    [DataRow("1,5", null)]
    [DataRow("12,34", null)]
    [DataRow("1234,567", null)]
    [DataRow(",123", null)]
    [DataRow("1,23a", null)]
    [DataRow("1,234,56", null)]
    public void TryGroupedNumber_ShouldReadOnlyStrictThousandsGroups(string text, double? expected)
    {
        Assert.AreEqual(expected is not null, CellValues.TryGroupedNumber(text, out double number), text);
        if (expected is { } value)
        {
            Assert.AreEqual(value, number);
        }
    }
}
