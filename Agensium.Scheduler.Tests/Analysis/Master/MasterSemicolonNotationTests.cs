using System.Text;
using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>
/// master-my-data judges a column's notation with the lean of a ';'-delimited file, as type-fixer, the profiler and
/// drift-detector do (review: Amounts.NotationOf had no delimiter, so master could read a column differently).
/// </summary>
[TestClass]
public sealed class MasterSemicolonNotationTests
{
    [TestMethod]
    [DataRow(';', true)]   // four and one in fifty unambiguous: decimal commas in a ';'-file
    [DataRow(',', false)]  // one in twenty is too few in a ','-file
    public void NumberNotation_ShouldLeanToDecimalCommas_InASemicolonFile(char delimiter, bool decimalComma)
    {
        var table = MasterTestData.Table(Amounts(delimiter));
        var column = table.Column(table.Find("betrag"));

        Assert.AreEqual(decimalComma, column.NumberNotation.DecimalComma);
        Assert.AreEqual(decimalComma, column.Select([.. Enumerable.Range(0, 100).Reverse()]).NumberNotation.DecimalComma, "a column picked from it keeps the file's lean");
        Assert.IsTrue(column.NumberNotation.TryRead("48,331", out double value));
        Assert.AreEqual(decimalComma ? 48.331 : 48331, value, 1e-9);
    }

    // 100 amounts: 95 with three digits after the comma ("48,331": US thousands or decimals), 5 with two ("18,31").
    private static string Amounts(char delimiter)
    {
        var csv = new StringBuilder($"id{delimiter}betrag\n");
        for (int i = 0; i < 100; i++)
        {
            string text = i % 20 == 19 ? $"{10 + i},{(i * 7 % 89) + 10}" : $"{10 + i},{(i * 37 % 899) + 101}";
            csv.Append(i).Append(delimiter).Append(delimiter == ',' ? $"\"{text}\"" : text).Append('\n');
        }

        return csv.ToString();
    }
}
