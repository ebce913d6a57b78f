using Agensium.Analysis.Input;
using Agensium.Analysis.Profile;

namespace Agensium.Scheduler.Tests.Analysis;

[TestClass]
public sealed class ProfilerRulesTests
{
    [TestMethod]
    [DataRow(90.0, "A")]
    [DataRow(89.99, "B")]
    [DataRow(80.0, "B")]
    [DataRow(70.0, "C")]
    [DataRow(60.0, "D")]
    [DataRow(59.99, "F")]
    public void Grade_ShouldFollowTheThresholds_WhenScoreIsOnABoundary(double score, string grade) =>
        Assert.AreEqual(grade, QualityScoring.Grade(score));

    [TestMethod]
    public void Validity_ShouldCapOutlierPenaltyAt20_WhenColumnIsNumeric()
    {
        Assert.AreEqual(80, QualityScoring.Validity(numeric: true, outlierPct: 35));
        Assert.AreEqual(95, QualityScoring.Validity(numeric: true, outlierPct: 5));
        Assert.AreEqual(100, QualityScoring.Validity(numeric: false, outlierPct: 35));
    }

    [TestMethod]
    public void Compute_ShouldUseLinearQuartiles_WhenValuesAreUnsorted()
    {
        var s = NumericSummary.Compute([7, 1, 3, 5], iqrMultiplier: 1.5);

        Assert.AreEqual(2.5, s.Q1);
        Assert.AreEqual(4, s.Median);
        Assert.AreEqual(5.5, s.Q3);
        Assert.AreEqual(-2, s.LowerFence);
        Assert.AreEqual(10, s.UpperFence);
        Assert.IsNull(NumericSummary.Compute([4], 1.5).Std);
    }

    [TestMethod]
    [DataRow("a.b+tag@example.co.uk", true)]
    [DataRow("no-at-sign.com", false)]
    [DataRow("x@y", false)]
    [DataRow("hans.müller@beispiel.de", true)]
    [DataRow("anna@przykład.pl", true)]
    [DataRow("ÄNNE@Firma.DE", true)]
    [DataRow("two@@example.com", false)]
    [DataRow("space in@example.com", false)]
    [DataRow("o'brien@eir.ie", true)]          // the stop-51 outside probe: an Irish customer's address was no e-mail
    [DataRow("john.o'neill@example.ie", true)]
    [DataRow("o'brien@eir'.ie", false)]        // in the local part only
    public void IsEmail_ShouldMatch_WhenAddressIsWellFormed(string value, bool expected) =>
        Assert.AreEqual(expected, PatternValidators.IsEmail(value));

    [TestMethod]
    [DataRow("+44 20 7946 0958", true)]
    [DataRow("(555) 123-4567", true)]
    [DataRow("2023-01-15", false)]
    [DataRow("555-1234", false)]
    [DataRow("0176/30507904", true)]      // German, Austrian and Swiss numbers put a slash after the area code
    [DataRow("(069) 642/6453", true)]
    [DataRow("12/31/1999", false)]
    [DataRow("2020/01/02 10:30", false)]
    [DataRow("+1-555-0101", true)]        // with a country code 8 digits are a number
    [DataRow("+47 12345678", true)]
    [DataRow("1-555-0101", false)]
    [DataRow("192.168.10.123", false)]    // an IPv4 address, not a phone
    [DataRow("555.123.4567", true)]
    public void IsPhone_ShouldNeedTenDigits_WhenValueUsesPhoneCharacters(string value, bool expected) =>
        Assert.AreEqual(expected, PatternValidators.IsPhone(value));

    [TestMethod]
    [DataRow("2023-01-15", true)]
    [DataRow("2023-01-15T10:20:30Z", true)]
    [DataRow("15/01/2023", true)]
    [DataRow("12-31-2024", true)]     // month-first with dashes, as clean-my-data reads it (was text to the profiler)
    [DataRow("31-12-2024", true)]
    [DataRow("13-13-2024", false)]
    [DataRow("2023-13-45", false)]
    [DataRow("12345678", false)]
    public void IsDate_ShouldAcceptCommonFormats_WhenValueIsACalendarDate(string value, bool expected) =>
        Assert.AreEqual(expected, PatternValidators.IsDate(value));

    [TestMethod]
    [DataRow("CustomerEmail", "email")]
    [DataRow("mobile_phone", "phone")]
    [DataRow("SSN", "ssn")]
    [DataRow("first_name", "name")]
    [DataRow("ProductName", null)]
    [DataRow("card_number", "card")]
    [DataRow("Region", null)]
    public void KindOf_ShouldNameAPiiKind_WhenColumnNameIsWellKnown(string column, string? kind) =>
        Assert.AreEqual(kind, PiiGuesser.KindOf(column));

    [TestMethod]
    public void IsSuspected_ShouldNeedMoreThan80Percent_WhenKindIsName()
    {
        Assert.IsFalse(PiiGuesser.IsSuspected("name", 80));
        Assert.IsTrue(PiiGuesser.IsSuspected("name", 81));
        Assert.IsTrue(PiiGuesser.IsSuspected("email", 71));
    }

    [TestMethod]
    [DataRow("a,b;c", ',')]
    [DataRow("a;b;c,d", ';')]
    [DataRow("\"x;y;z\",b\nq;r;s", ',')]
    [DataRow("single", ',')]
    public void Detect_ShouldPickTheMostFrequentDelimiter_WhenCountedOutsideQuotesOnTheFirstLine(string text, char expected) =>
        Assert.AreEqual(expected, DelimiterDetector.Detect(text));
}
