using System.Text.Json.Nodes;
using Agensium.Analysis.Input;
using static Agensium.Analysis.Profile.AgentReportFactory;

namespace Agensium.Analysis.Profile;

/// <summary>
/// The test-coverage-agent: streams the primary file once, running the configured uniqueness, range and format tests,
/// and scores coverage as 0.4·uniqueness + 0.3·range + 0.3·format (100 when nothing is configured).
/// </summary>
public sealed class TestCoverageAgent(TimeProvider timeProvider)
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "test-coverage-agent";

    /// <summary>The agent's display name.</summary>
    public const string DisplayName = "Test Coverage Agent";

    /// <summary>Runs the configured tests on <paramref name="primary"/>.</summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE or INVALID_PARAMETERS.</exception>
    public AgentReport Run(InputFile primary, AgentParameters parameters, CancellationToken cancellationToken)
    {
        long started = timeProvider.GetTimestamp();
        var settings = TestCoverageSettings.From(parameters);
        var checks = new List<CoverageCheck>();
        var byColumn = new List<CoverageCheck>[0];
        var log = new RowIssueLog();
        var shape = TableScan.Run(primary, cancellationToken, columns =>
        {
            int Pos(string c) => columns.ToList().IndexOf(c);
            checks.AddRange(settings.UniqueColumns.Select(c => new CoverageCheck("unique", c, Pos(c))));
            checks.AddRange(settings.RangeTests.Select(r => new CoverageCheck("range", r.Column, Pos(r.Column), r.Min, r.Max)));
            checks.AddRange(settings.FormatTests.Select(f => new CoverageCheck("format", f.Column, Pos(f.Column), pattern: f.Pattern)));
            byColumn = [.. columns.Select((_, i) => checks.Where(k => k.Position == i && !k.BadRegex).ToList())];
        }, (i, value, row) =>
        {
            foreach (var check in byColumn[i])
            {
                if (check.Add(value, row) is { } message)
                {
                    log.Count(check.Column, check.IssueType, "warning");
                    log.AffectedRows.Set(row);
                    log.Keep(row, check.Column, check.IssueType, "warning", $"'{check.Column}' value {message}", value.ToString());
                }
            }
        });
        foreach (var check in checks)
        {
            foreach (var (row, value) in check.Finish())
            {
                log.Count(check.Column, check.IssueType, "warning");
                log.AffectedRows.Set(row);
                log.Keep(row, check.Column, check.IssueType, "warning", $"'{check.Column}' value {value} repeats an earlier value as a number", value);
            }
        }

        var present = checks.Where(k => !k.Missing).ToList();
        double u = TestCoverageScoring.Uniqueness(Missing(checks, "unique"), present.Where(k => k.Kind == "unique").Select(k => k.ViolationPct));
        double r = TestCoverageScoring.Range(Missing(checks, "range"), present.Count(k => k.Kind == "range" && k.NonNumeric > 0),
            present.Where(k => k.Kind == "range").Select(k => k.ViolationPct));
        double f = TestCoverageScoring.Format(Missing(checks, "format"), present.Count(k => k.Kind == "format" && k.BadRegex),
            present.Where(k => k.Kind == "format" && !k.BadRegex).Select(k => k.ViolationPct));
        double overall = TestCoverageScoring.Overall(u, r, f, settings);
        string status = TestCoverageScoring.Status(overall);
        var metrics = new JsonObject
        {
            ["coverage_score"] = Rounding.Pct(overall),
            ["status"] = status,
            ["uniqueness_score"] = Rounding.Pct(u),
            ["range_score"] = Rounding.Pct(r),
            ["format_score"] = Rounding.Pct(f),
            ["tests_configured"] = checks.Count,
            ["tests_passed"] = present.Count(k => !k.BadRegex && k.Violations == 0 && (k.Kind != "range" || k.NonNumeric == 0)),
            ["violations"] = log.Total,
        };
        var data = new JsonObject
        {
            ["coverage_score"] = Rounding.Pct(overall),
            ["status"] = status,
            ["nothing_configured"] = settings.NothingConfigured,
            ["tests"] = new JsonArray([.. checks.Select(k => (JsonNode)Test(k))]),
            ["methods"] = "uniqueness 100 - 20/missing column - min(25, dup%) (dup% = repeated non-null values / rows; values compare as text, or as numbers in a column holding only numbers, where 1.0 repeats 1); range 100 - 15/missing - 10/column with non-numeric values - min(20, violation%); format 100 - 15/missing - 5/invalid regex - min(15, violation%) (full match); violation% over non-null values; sub-scores floored at 0",
        };
        parameters.Describe(data, TestCoverageSettings.Defaults().ToJson(), settings.ToJson());
        var findings = new AgentFindings(AgentId, "coverage");
        foreach (var k in checks.Where(k => k.Missing || k.BadRegex || k.Violations > 0 || k.NonNumeric > 0))
        {
            string what = k.Missing ? "column is missing" : k.BadRegex ? $"regular expression /{k.Pattern}/ is invalid"
                : k.NonNumeric > 0 && k.Violations == 0 ? $"{k.NonNumeric} non-numeric value(s)" : $"{k.Violations} violation(s) ({F(k.ViolationPct)}%)";
            findings.Issue(k.Column, $"{k.Kind}_test_failed", k.Missing ? "high" : "medium", $"{k.Kind} test on '{k.Column}': {what}",
                $"Fix the data or the {k.Kind} test of '{k.Column}'.");
        }

        if (findings.Issues.Count > 0)
        {
            findings.Alert("failed_tests", overall < 75 ? "high" : "medium", "test_coverage", findings.Issues.Count,
                $"{findings.Issues.Count} of {checks.Count} configured test(s) failed; coverage score {F(overall)}", "Review the failing tests.");
        }

        JsonArray cards = [ExecutiveCard.Create("test_coverage_score", "Test Coverage", $"{F(overall)}/100", status == "needs_improvement" ? "warning" : "success",
            settings.NothingConfigured ? "No tests configured." : $"{checks.Count} configured test(s).")];
        string narrative = $"Ran {checks.Count} configured test(s) on {shape.FileName}: coverage score {F(overall)} ({status}), {log.Total} violating value(s).";
        return AgentReportFactory.Create(timeProvider, started, AgentId, DisplayName, metrics, data, findings, cards, narrative, log);
    }

    private static int Missing(List<CoverageCheck> checks, string kind) => checks.Count(k => k.Kind == kind && k.Missing);

    private static JsonObject Test(CoverageCheck k) => new()
    {
        ["type"] = k.Kind,
        ["column"] = k.Column,
        ["column_present"] = !k.Missing,
        ["non_null_values"] = k.NonNull,
        ["violations"] = k.Violations,
        ["violation_pct"] = Rounding.Pct(k.ViolationPct),
        ["non_numeric_values"] = k.Kind == "range" ? k.NonNumeric : null,
        ["invalid_regex"] = k.Kind == "format" ? k.BadRegex : null,
    };
}
