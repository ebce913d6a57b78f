using System.Globalization;
using Agensium.Analysis.Common;
using static Agensium.Scheduler.Tests.Analysis.PrefilterStrings;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// <see cref="FloatGrammar"/> lets phone numbers and dates skip double.TryParse: it must never refuse a text the parser
/// reads as a finite number, so every cell's class stays what it was.
/// </summary>
[TestClass]
public sealed class FloatGrammarTests
{
    private static readonly string[] Edges =
    [
        "0", "-0", "+0", "42", " 42 ", "\t-7\n", "42\0", "42 \0", "42\0\0", "42\0 ", "\0 42", "1e5", "1E+5", "1e-5", "-1.5e-3", ".5", "5.",
        "+.5", "-.5e1", "1.e5", "1.2.3", "1-2", "- 5", "+ 5", "1 000", "1,000", "1,5", "1.234,56", "--5", "+-5", "5-", "5+", "1e", "1e+",
        "e5", ".e5", "1.5e5.5", "1e5e5", "1e0001", "00000.0000", "1e400", "-1e400", "1e-400", "NaN", "nan", "-NaN", "+NaN", "Infinity",
        "-Infinity", "+Infinity", "infinity", "INFINITY", " Infinity ", "\u221E", "-\u221E", "+\u221E", "0x1F", "1_000", "\uFF11\uFF12",
        "\u0663", "\u00B2", "\u22125", "1d", "1f", "1m", "$5", "5%", "(5)", "0055 4461247688", "729-463-2176", "410.544.0836",
        "+1 555 0101", "(286) 611-1312", "6/19/2006", "2007-07-12", "12-31-2024", "10.06.2024", "2024-05-01T10:00:00", "1\u00A0000",
        "\u00A042", "42\u2003", "123456789012345678901234567890", "9007199254740993", "0.1e+308", "1.7976931348623157e308", "",
    ];

    private static readonly string[] Tokens = ["1", "23", "0", ".", " ", "e", "E", "+", "-", "\0", "\t", "N", "a", "I", "nfinity", "\u221E", "/", ":", "\uFF11", ","];

    // [white][sign]digits[.digits][e[sign]digits][white][NULs], each part there or not.
    private static string Number(Random r) =>
        r.Run(0, 2, " ", "\t", "\n") + r.Pick("", "", "+", "-") + r.Run(0, 4, "0", "1", "7", "9") + r.Pick("", ".") + r.Run(0, 3, "0", "5")
        + (r.Next(3) == 0 ? r.Pick("e", "E") + r.Pick("", "+", "-") + r.Run(0, 3, "0", "3", "9") : "") + r.Run(0, 2, " ", "\r") + r.Run(0, 1, "\0");

    [TestMethod]
    public void MayRead_ShouldHoldForEveryFiniteNumberTheParserReads_WhenTextsAreEdgesOrRandom()
    {
        int finite = 0;
        int refused = 0;
        foreach (string text in Edges.Concat(Random(49, 200_000, Tokens)).Concat(Mutated(53, 200_000, Number)))
        {
            bool parsed = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number);
            bool mayRead = FloatGrammar.MayRead(text);
            Assert.IsTrue(mayRead || !parsed, $"refused \"{Show(text)}\", which parses as {number}");
            finite += parsed ? 1 : 0;
            refused += mayRead ? 0 : 1;
        }

        // Both answers occur often, so the comparison covers both sides of the filter.
        Assert.IsTrue(finite > 10_000 && refused > 100_000, $"{finite} finite numbers, {refused} refused");
    }

    [TestMethod]
    [DataRow("729-463-2176")]
    [DataRow("410.544.0836")]
    [DataRow("0055 4461247688")]
    [DataRow("6/19/2006")]
    [DataRow("2007-07-12")]
    [DataRow("-Infinity")]
    public void MayRead_ShouldRefuse_WhenTheTextIsAPhoneNumberOrADate(string text) => Assert.IsFalse(FloatGrammar.MayRead(text));

    [TestMethod]
    public void TryParse_ShouldAnswerAsTheParserDoes_WhenTextsAreEdgesOrRandom()
    {
        foreach (string text in Edges.Concat(Random(50, 100_000, Tokens)).Concat(Mutated(54, 100_000, Number)))
        {
            bool expected = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) && double.IsFinite(parsed)
                && !NumberText.IsTooLongForADouble(text);
            bool actual = NumberText.TryParse(text, out double number);
            Assert.AreEqual(expected, actual, Show(text));
            if (expected)
            {
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(parsed), BitConverter.DoubleToInt64Bits(number), Show(text));
            }
        }
    }
}
