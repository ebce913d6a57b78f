using System.Text.Json.Nodes;
using Agensium.Analysis.Reporting.Excel;

namespace Agensium.Scheduler.Tests.Analysis.Reporting;

[TestClass]
public sealed class ExcelReportLimitsTests
{
    private string _dir = null!;

    [TestInitialize]
    public void Init() => _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "agensium-xlsx-tests", Guid.NewGuid().ToString("N"))).FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public void Write_ShouldTruncateALongSheetAndSaySo_WhenItHasMoreRowsThanTheCap()
    {
        var agent = Agent("unified-profiler", issues: 30);
        var report = Report(agent);

        var output = ExcelReportWriter.Write(_dir, "t_analysis.xlsx", report, [agent], [new ReportInput("a.csv", "primary", 10)], maxRowsPerSheet: 10);

        var issues = WorkbookReader.Open(output.Path).Sheets["Issues"];
        Assert.AreEqual(WorkbookBuilderNote(10, 31), issues[0].Single(), "header + 30 issues = 31 rows");
        Assert.AreEqual("agent", issues[2][0]);
        Assert.HasCount(12, issues, "note, blank, then the first 10 rows");
        Assert.AreEqual("issue 8", issues[^1][4], "the header and issues 0 to 8");
        Assert.IsFalse(File.Exists(output.Path + ".tmp"));
    }

    [TestMethod]
    public void Write_ShouldListTheRowLevelIssuesTheJsonLists_WhenTheAgentsKeepMoreThanTheCapTogether()
    {
        // Each agent's log keeps up to 1000 entries; the report lists 1000 in all, in run order (AGENSIUM section 4).
        var first = Agent("null-handler", issues: 0, rowIssues: 700);
        var second = Agent("outlier-remover", issues: 0, rowIssues: 700);

        var book = WorkbookReader.Open(ExcelReportWriter.Write(_dir, "t_analysis.xlsx", Report(first, second), [first, second], []).Path);

        var rows = book.Sheets["Row-Level Issues"].Skip(1).ToList();
        // 1000 listed, then a last line saying how many are not.
        Assert.HasCount(1001, rows);
        StringAssert.Contains(string.Join(" ", rows[^1]), "400 more row issue(s) are not listed");
        rows = rows[..^1];
        Assert.AreEqual(700, rows.Count(r => r[0] == "null-handler"));
        Assert.AreEqual(300, rows.Count(r => r[0] == "outlier-remover"));
        var agents = book.Sheets["Summary"].SkipWhile(r => r.Count == 0 || r[0] != "agent").Skip(1).Take(2).ToList();
        CollectionAssert.AreEqual(new[] { "null-handler", "700", "700" }, new[] { agents[0][0], agents[0][6], agents[0][7] });
        CollectionAssert.AreEqual(new[] { "outlier-remover", "700", "300" }, new[] { agents[1][0], agents[1][6], agents[1][7] });
    }

    [TestMethod]
    public void Write_ShouldLeaveNoFileBehind_WhenTheWorkbookCannotBeCompleted()
    {
        var agent = Agent("unified-profiler", issues: 1);
        var report = Report(agent);
        report.Remove("metadata");

        Assert.Throws<Exception>(() => ExcelReportWriter.Write(_dir, "t_analysis.xlsx", report, [agent], []));

        Assert.IsEmpty(Directory.GetFileSystemEntries(_dir));
    }

    [TestMethod]
    public void Write_ShouldEndWithRowLevelIssuesAndRoutingDecisions_WhenThereAreRoutingDecisions()
    {
        var agent = Agent("unified-profiler", issues: 1);
        var report = Report(agent);
        var plain = WorkbookReader.Open(ExcelReportWriter.Write(_dir, "a_analysis.xlsx", report, [agent], []).Path).SheetNames;
        Assert.AreEqual("Row-Level Issues", plain[^1], "no Routing Decisions sheet when there are none");

        report["routing_decisions"] = new JsonArray(new JsonObject { ["next_tool"] = "clean-my-data", ["reason"] = "nulls" });
        var book = WorkbookReader.Open(ExcelReportWriter.Write(_dir, "b_analysis.xlsx", report, [agent], []).Path);

        CollectionAssert.AreEqual(new[] { "Alerts", "Issues", "Recommendations", "AI Analysis Summary", "Row-Level Issues", "Routing Decisions" },
            book.SheetNames.Skip(book.SheetNames.Count - 6).ToArray());
        Assert.IsTrue(book.Sheets["Routing Decisions"].Any(r => r.Contains("clean-my-data")));
    }

    [TestMethod]
    public void Write_ShouldGiveValidUniqueSheetNames_WhenAgentNamesAreLongOrHaveForbiddenCharacters()
    {
        var first = Agent("x-agent", issues: 0, name: "Agent: [very]/long*name?with\\everything forbidden");
        var second = Agent("y-agent", issues: 0, name: "Agent: [very]/long*name?with\\everything forbidden");

        var output = ExcelReportWriter.Write(_dir, "t_analysis.xlsx", Report(first, second), [first, second], []);

        var names = WorkbookReader.Open(output.Path).SheetNames;
        Assert.AreEqual("Agent_ _very__long_name_with_ev", names[1]);
        Assert.AreEqual("Agent_ _very__long_name_wit (2)", names[2]);
        Assert.IsTrue(names.All(n => n.Length <= 31 && n.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) < 0));
        Assert.HasCount(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase));
    }

    [TestMethod]
    [DataRow("=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0")]
    [DataRow("-1+1", "-1+1")]
    [DataRow("\0=1", "=1")]
    [DataRow("a\0b\u0001c\u001Fd", "abcd")]
    [DataRow("pair \uD83D\uDE00 ok", "pair \uD83D\uDE00 ok")]
    [DataRow("plain text", "plain text")]
    [DataRow("", "")]
    public void Safe_ShouldDropInvalidXmlCharacters_AndLeaveFormulaLikeTextToTheQuotePrefixStyle(string input, string expected) =>
        Assert.AreEqual(expected, CellText.Safe(input));

    [TestMethod]
    [DataRow("-500", -500.0)]
    [DataRow("12.5", 12.5)]
    [DataRow("0", 0.0)]
    [DataRow("-0.25", -0.25)]
    [DataRow("007", null)]
    [DataRow("1e5", null)]
    [DataRow("+3", null)]
    [DataRow("1,000", null)]
    [DataRow("2.50", null)]
    [DataRow("-0", null)]
    [DataRow("1234567890123456", null)]
    [DataRow("-", null)]
    [DataRow("-2+3", null)]
    public void AsNumber_ShouldReadOnlyTextANumericCellShowsAsWritten(string text, double? expected) =>
        Assert.AreEqual(expected, CellText.AsNumber(text));

    [TestMethod]
    public void Safe_ShouldDropALoneSurrogate_WhenTheTextHasOne() =>
        Assert.AreEqual("lone  high", CellText.Safe("lone " + (char)0xD800 + " high"));

    [TestMethod]
    public void Safe_ShouldCutTextToExcelsCellLimit_WhenTheTextIsLonger()
    {
        string safe = CellText.Safe(new string('x', 40_000));

        Assert.HasCount(CellText.MaxLength, safe);
        Assert.EndsWith("…[truncated]", safe);
    }

    private static string WorkbookBuilderNote(int shown, long total) => $"Truncated: this sheet shows the first {shown:N0} of {total:N0} rows.";

    private static AgentReport Agent(string id, int issues, string name = "Agent", int rowIssues = 0)
    {
        var log = new RowIssueLog();
        for (int r = 0; r < rowIssues; r++)
        {
            log.Count("c", "t", "warning");
            log.Keep(r, "c", "t", "warning", $"row {r}", null);
        }

        var list = new JsonArray();
        for (int i = 0; i < issues; i++)
        {
            list.Add(new JsonObject { ["issue_id"] = $"i{i}", ["agent_id"] = id, ["field_name"] = "c", ["issue_type"] = "t", ["severity"] = "warning", ["message"] = $"issue {i}" });
        }

        return new AgentReport
        {
            AgentId = id,
            AgentName = name,
            ExecutionTimeMs = 5,
            Timestamp = "2025-01-02T03:04:05.000Z",
            SummaryMetrics = new JsonObject { ["total_rows"] = 3 },
            Data = new JsonObject { ["columns"] = new JsonArray(new JsonObject { ["name"] = "c", ["stats"] = new JsonObject { ["mean"] = 1.5 } }) },
            Alerts = [],
            Issues = list,
            Recommendations = [],
            ExecutiveSummary = [],
            AiAnalysisText = "text",
            RowIssues = log,
        };
    }

    private static JsonObject Report(params AgentReport[] agents) => new()
    {
        ["metadata"] = new JsonObject { ["tool"] = "t", ["analysis_id"] = "a", ["timestamp"] = "now", ["execution_time_ms"] = 1, ["failed_agents"] = new JsonArray() },
        ["summary"] = new JsonObject { ["total_issues"] = agents.Sum(a => a.Issues.Count) },
        ["executive_summary"] = new JsonArray(),
        ["alerts"] = new JsonArray(),
        ["recommendations"] = new JsonArray(),
        ["analysis_summary"] = new JsonObject { ["summary"] = "s" },
    };
}
