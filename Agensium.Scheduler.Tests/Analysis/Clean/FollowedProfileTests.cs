using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Agensium.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

/// <summary>
/// The profile of a cleaned file carried over from the file the agent read (its figures, less the cells changed and
/// rows dropped, plus the new cells) must equal the profile counted cell by cell, figure for figure.
/// </summary>
[TestClass]
public sealed class FollowedProfileTests
{
    // Values that move every counter: numbers in several notations, dates in several orders, booleans, null tokens, text.
    private static readonly string[] Pool =
    [
        "", " ", "42", "007", "-3.5", "1e3", "1.234", "12.000", "1,234.50", "1,200", "$9.99", "€12", "0,5", "1.234,56", "12,50",
        "true", "no", "N/A", "null", "-", "2021-03-04", "03/04/2021", "13/04/2021", "04/13/2021", "01.04.2024", "2016-12-09T16:11:18Z",
        "4 March 2021", "Mar 4, 2021", "abc", "São Paulo", "=cmd|' /C calc'!A0", "NaN", "Infinity", "0", "-0", "3.14159", "99999999999999999999",
        "(75.25)", "(1,200.00)", " 10 ", "missing", "12%", "2021-03",
    ];

    [TestMethod]
    public void StatsThatTakeValuesBackEqualStatsThatNeverCountedThem()
    {
        var random = new Random(7);
        for (int round = 0; round < 40; round++)
        {
            var cells = Enumerable.Range(0, random.Next(0, 300)).Select(_ => Pool[random.Next(Pool.Length)]).ToList();
            var read = Count(cells, keepPastText: true);
            var copy = read.CopyAt(0);
            var edited = new List<string>();
            foreach (string cell in cells)
            {
                switch (random.Next(4))
                {
                    case 0:
                        copy.Remove(cell);
                        break;
                    case 1:
                        string replacement = Pool[random.Next(Pool.Length)];
                        copy.Remove(cell);
                        copy.Add(replacement);
                        edited.Add(replacement);
                        break;
                    default:
                        edited.Add(cell);
                        break;
                }
            }

            Assert.IsNull(copy.Difference(Count(edited, keepPastText: true)), $"round {round}");
            Assert.IsNull(copy.Difference(Count(edited, keepPastText: false)), $"round {round}: values as the chain's agents read them");
            Assert.IsNull(read.Difference(Count(cells, keepPastText: true)), $"round {round}: the copy changed the stats it was made from");
        }
    }

    [TestMethod]
    public void AFollowingProfileEqualsTheProfileOfTheFileWritten()
    {
        var random = new Random(11);
        for (int round = 0; round < 30; round++)
        {
            string[] columns = ["a", "b", "c", "d"];
            var rows = Enumerable.Range(0, random.Next(1, 200)).Select(_ => columns.Select(_ => Pool[random.Next(Pool.Length)]).ToArray()).ToList();
            var read = Profile(columns, rows);
            int[]? keep = round % 3 == 0 ? [3, 1] : null;
            var following = FileProfile.Following(read, columns, keep)!;
            Assert.IsTrue(following.FollowsChanges);
            var written = new List<string?[]>();
            foreach (var row in rows)
            {
                if (random.Next(5) == 0)
                {
                    following.Drop(row);
                    continue;
                }

                string?[] output = [.. (keep ?? [0, 1, 2, 3]).Select(c => random.Next(3) == 0 ? Pool[random.Next(Pool.Length)] : random.Next(20) == 0 ? null : row[c])];
                following.Replace(row, output);
                written.Add(output);
            }

            var counted = new FileProfile(keep is null ? columns : [.. keep.Select(c => columns[c])]);
            written.ForEach(counted.Add);
            Assert.IsNull(following.Difference(counted), $"round {round}");
            Assert.AreEqual(counted.ExactDuplicateRows, following.ExactDuplicateRows, $"round {round}");
        }
    }

    [TestMethod]
    public void StatsThatDropTheirValuesCannotTakeOneBack()
    {
        var whileNumeric = new ColumnStats("v", 0);
        whileNumeric.Add("1");
        Assert.ThrowsExactly<InvalidOperationException>(() => whileNumeric.Remove("1"));
        Assert.ThrowsExactly<InvalidOperationException>(() => whileNumeric.CopyAt(0));

        var countsOnly = new ColumnStats("v", 0, keepValues: false);
        countsOnly.Add("1");
        countsOnly.Remove("1");
        Assert.AreEqual(0, countsOnly.Rows);
    }

    [TestMethod]
    public void TakingBackANumberNeverCountedIsCaught()
    {
        var copy = Count(["1", "2"], keepPastText: true).CopyAt(0);
        copy.Remove("3");
        Assert.AreEqual(1, copy.Numbers);
        Assert.ThrowsExactly<InvalidOperationException>(() => copy.Values);
    }

    [TestMethod]
    public void TheCheckCatchesAProfileThatFollowedTheWrongRows()
    {
        string[] columns = ["n"];
        var read = Profile(columns, [["x"], ["true"]]);
        using var builder = new ProfileBuilder(FileProfile.Following(read, columns, null)!, 1);
        // The file read held x and true; the builder is told of x twice, so it never takes the boolean back.
        builder.Hand(["5"], ["x"]);
        builder.Hand(["6"], ["x"]);
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => builder.Complete());
        StringAssert.Contains(error.Message, "differs from the file written (followed against counted): 'n' Booleans: 1 against 0");
    }

    [TestMethod]
    public void TheCheckComparesTheNumbersOfAColumnThatAlsoHoldsText()
    {
        string[] columns = ["n"];
        var read = Profile(columns, [["1"], ["2"], ["abc"]]);
        var following = FileProfile.Following(read, columns, null)!;
        following.Replace(["1"], ["1"]);
        following.Replace(["2"], ["2"]);
        following.Replace(["abc"], ["abc"]);
        Assert.IsNull(following.Difference(Profile(columns, [["1"], ["2"], ["abc"]])));
        StringAssert.Contains(following.Difference(Profile(columns, [["1"], ["3"], ["abc"]])), "values differ");
    }

    [TestMethod]
    public void AFailedTakeBackFailsEveryReadAfterIt()
    {
        var copy = Count(["1", "2"], keepPastText: true).CopyAt(0);
        copy.Remove("3");
        copy.Remove("1");
        Assert.ThrowsExactly<InvalidOperationException>(() => copy.Values);
        Assert.ThrowsExactly<InvalidOperationException>(() => copy.Values);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("""{"null-handler": {"global_strategy": "drop_rows"}, "outlier-remover": {"action": "impute_median"}}""")]
    [DataRow("""{"null-handler": {"column_strategies": {"amount": "mean", "city": "mode", "joined": "ffill", "zip": "drop_column", "note": {"strategy": "constant", "value": "none"}}}, "duplicate-resolver": {"merge_strategy": "merge_smart", "key_columns": ["email"]}}""")]
    [DataRow("""{"type-fixer": {"numeric_threshold": 20}, "outlier-remover": {"method": "z_score", "z_threshold": 1.5}, "field-standardization": {"case_strategy": "uppercase", "date_threshold": 10}}""")]
    public async Task EveryAgentOfTheChainHandsOnAProfileEqualToCountingItsFile(string? parameters)
    {
        using var files = new CleanTestFiles();
        files.AddText("messy.csv", MessyCsv(new Random(parameters?.Length ?? 3), 1500));
        if (parameters is not null)
        {
            files.AddText("parameters.json", parameters);
        }

        long before = ProfileBuilder.FollowedProfilesChecked;
        var report = await files.RunReportAsync(CancellationToken.None);

        var failed = report["metadata"]!["failed_agents"]?.AsArray() ?? [];
        Assert.IsEmpty(failed, failed.ToJsonString());
        Assert.HasCount(8, report["agent_results"]!.AsObject());
        // cleanse-previewer counts the file given cell by cell; the six agents that write a file after it follow.
        Assert.IsGreaterThanOrEqualTo(6, ProfileBuilder.FollowedProfilesChecked - before);
    }

    private static ColumnStats Count(IEnumerable<string> cells, bool keepPastText)
    {
        var stats = new ColumnStats("v", 0, keepValues: true, keepPastText);
        foreach (string cell in cells)
        {
            stats.Add(cell);
        }

        return stats;
    }

    private static FileProfile Profile(string[] columns, List<string[]> rows)
    {
        var profile = new FileProfile(columns);
        rows.ForEach(profile.Add);
        return profile;
    }

    // Rows for every agent to act on: injections to quarantine, numbers and dates to fix, text to standardise, exact and
    // key duplicates, null tokens, outliers, ragged rows, quoted commas and line breaks.
    private static string MessyCsv(Random random, int rows)
    {
        var csv = new StringBuilder("id,name,email,amount,joined,city,flag,zip,note\n");
        var lines = new List<string>();
        string[] names = ["Ann Lee", " bob  smith", "CARL Jones", "dana o'neil", "N/A", ""];
        string[] cities = ["Paris", "paris ", "PARIS", "São Paulo", "sao paulo", "null", "-", ""];
        string[] joined = ["2021-03-04", "03/04/2021", "13/04/2021", "2016-12-09T16:11:18Z", "4 March 2021", "yesterday", "", "N/A"];
        string[] amounts = ["12.5", "1,200.00", "$9.99", "N/A", "", "abc", "100", "0,5"];
        for (int i = 0; i < rows; i++)
        {
            string amount = random.Next(40) == 0 ? "999999" : random.Next(3) == 0 ? amounts[random.Next(amounts.Length)]
                : (random.NextDouble() * 200).ToString("0.##", CultureInfo.InvariantCulture);
            string note = random.Next(10) switch
            {
                0 => "\"said \"\"hi\"\", left\"",
                1 => "\"two\nlines\"",
                2 => "=HYPERLINK(\"x\")",
                _ => "ok",
            };
            string line = string.Join(',', $"C{random.Next(rows / 2):D5}", Pick(names), $"user{random.Next(rows / 3)}@Example.com ",
                amount, Pick(joined), Pick(cities), random.Next(2) == 0 ? "yes" : "false", random.Next(4) == 0 ? "A7E 7R8" : $"{random.Next(100000):D5}", note);
            lines.Add(random.Next(50) == 0 ? string.Join(',', line.Split(',').Take(5)) : line);
            if (random.Next(20) == 0)
            {
                lines.Add(line);
            }
        }

        return csv.AppendJoin('\n', lines).Append('\n').ToString();

        string Pick(string[] values) => values[random.Next(values.Length)];
    }
}
