using Agensium.Scheduler.Api;
using Agensium.Scheduler.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Agensium.Scheduler.Tests.Dashboard;

/// <summary>The dashboard's pure pieces: session cookies, filter parsing, redirects, HTML encoding of charts.</summary>
[TestClass]
public sealed class DashboardLogicTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static ApiKeys Keys(params string[] keys) => new(Options.Create(new ApiOptions { Keys = [.. keys] }));

    [TestMethod]
    public void Session_ShouldRoundTrip_AndExpire()
    {
        var clock = new Clock(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var sessions = new DashboardSession(Keys("alpha", "beta"), clock);
        var cookie = sessions.Issue(1, "Ann Ops", TimeSpan.FromHours(8));
        var op = sessions.Validate(cookie);
        Assert.IsNotNull(op);
        Assert.AreEqual(1, op.KeyIndex);
        Assert.AreEqual("Ann Ops (key-1)", op.Actor);
        Assert.DoesNotContain("beta", cookie, "the key itself is never in the cookie");

        clock.Now = clock.Now.AddHours(8).AddSeconds(1);
        Assert.IsNull(sessions.Validate(cookie));
    }

    [TestMethod]
    public void Session_ShouldBeRefused_WhenTamperedOrSignedByAnotherKeyOrTheKeyIsRemoved()
    {
        var clock = new Clock(DateTimeOffset.UtcNow);
        var sessions = new DashboardSession(Keys("alpha", "beta"), clock);
        var cookie = sessions.Issue(0, "Ann", TimeSpan.FromHours(1));
        var parts = cookie.Split('.');

        // Claim key 1 with key 0's signature; change the name; truncate; garbage.
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(parts[0]));
        string Forge(string p) => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(p)) + "." + parts[1];
        Assert.IsNull(sessions.Validate(Forge(payload.Replace("v2|0|", "v2|1|", StringComparison.Ordinal))));
        Assert.IsNull(sessions.Validate(Forge(payload.Replace("Ann", "Eve", StringComparison.Ordinal))));
        Assert.IsNull(sessions.Validate(cookie[..^2]));
        Assert.IsNull(sessions.Validate("not a cookie"));
        Assert.IsNull(sessions.Validate(""));
        Assert.IsNull(sessions.Validate(null));
        Assert.IsNull(sessions.Validate(new string('a', 5000) + ".b"));

        // Another deployment with other keys, or this one after key 0 was replaced, does not accept it.
        Assert.IsNull(new DashboardSession(Keys("gamma", "beta"), clock).Validate(cookie));
        Assert.IsNotNull(new DashboardSession(Keys("alpha"), clock).Validate(cookie));
    }

    [TestMethod]
    [DataRow("  Ann\u202E Ops\0|x ", "Ann Opsx")]
    [DataRow("a\U0001F600b", "a\U0001F600b")]
    [DataRow("a\uD83Db", "ab")]
    [DataRow("", "")]
    [DataRow(null, "")]
    public void CleanName_ShouldDropControlAndDirectionCharactersAndSeparators(string? raw, string expected) =>
        Assert.AreEqual(expected, DashboardSession.CleanName(raw));

    [TestMethod]
    public void CleanName_ShouldCapTheLength()
    {
        Assert.AreEqual(DashboardSession.MaxNameLength, DashboardSession.CleanName(new string('x', 500)).Length);
        // An emoji is never cut in half at the cap.
        var emojis = DashboardSession.CleanName(string.Concat(Enumerable.Repeat("\U0001F600", 40)));
        Assert.AreEqual(DashboardSession.MaxNameLength, emojis.Length);
        Assert.IsFalse(char.IsHighSurrogate(emojis[^1]));
    }

    [TestMethod]
    [DataRow("/dashboard/tasks?x=1", "/dashboard/tasks?x=1")]
    [DataRow("//evil.example/dashboard", "/dashboard")]
    [DataRow("https://evil.example/", "/dashboard")]
    [DataRow("/dashboard\\..\\x", "/dashboard")]
    [DataRow("/dashboard/login", "/dashboard")]
    [DataRow("/api/tasks", "/dashboard")]
    [DataRow("/dashboard\r\nSet-Cookie: a=b", "/dashboard")]
    [DataRow("", "/dashboard")]
    public void SafeNext_ShouldOnlyReturnPathsInsideTheDashboard(string next, string expected) =>
        Assert.AreEqual(expected, LoginPage.SafeNext(next));

    private static IQueryCollection Query(params (string Key, string Value)[] pairs) =>
        new QueryCollection(pairs.ToDictionary(p => p.Key, p => new StringValues(p.Value)));

    [TestMethod]
    public void HistoryFilter_ShouldParseEveryField()
    {
        var errors = new List<string>();
        var taskId = Guid.NewGuid().ToString();
        var f = HistoryPage.Parse(Query(("status", "failed"), ("tool", "clean-my-data"), ("user", "42"), ("node", "n1"), ("queue", "default"),
            ("task", taskId.ToUpperInvariant()), ("from", "2026-11-01T08:00"), ("to", "2026-11-02"), ("before", "638999999999999999_77"), ("job", "process-analysis")), errors);
        Assert.IsEmpty(errors);
        Assert.AreEqual("process-analysis", f.Job);
        Assert.AreEqual("FAILED", f.Status);
        Assert.AreEqual(42L, f.User);
        Assert.AreEqual(taskId, f.TaskId);
        Assert.AreEqual(new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc), f.From);
        Assert.AreEqual(DateTimeKind.Utc, f.From!.Value.Kind);
        Assert.AreEqual(77L, f.Before!.Value.Id);
    }

    [TestMethod]
    [DataRow("user", "-1")]
    [DataRow("user", "1e5")]
    [DataRow("user", "'; DROP TABLE job_history; --")]
    [DataRow("status", "DONE")]
    [DataRow("queue", "urgent")]
    [DataRow("tool", "Clean-My-Data")] // tool ids are exact, as in the API: a mis-cased one matched no run, silently
    [DataRow("tool", "no-such-tool")]
    [DataRow("job", "Process-Analysis")]
    [DataRow("task", "../../etc/passwd")]
    [DataRow("from", "yesterday-ish")]
    [DataRow("before", "123")]
    [DataRow("before", "99999999999999999999_1")]
    public void HistoryFilter_ShouldReportBadValues_InsteadOfQueryingWithThem(string key, string value)
    {
        var errors = new List<string>();
        HistoryPage.Parse(Query((key, value)), errors);
        Assert.IsNotEmpty(errors);
    }

    [TestMethod]
    public void Charts_ShouldEncodeToolNames_AndCoverTheLastHour()
    {
        var now = new DateTime(2026, 11, 25, 10, 30, 15, DateTimeKind.Utc);
        var svg = Charts.Durations([new ToolDuration("<script>alert(1)</script>", 3, 1200, 4000)]);
        Assert.DoesNotContain("<script>", svg);
        StringAssert.Contains(svg, "p50 1.2 s");

        var bars = Charts.Throughput([new MinuteCount(now.AddMinutes(-5).AddSeconds(-15), 7, 2)], now);
        StringAssert.Contains(bars, "7 completed, 2 failed");
        StringAssert.Contains(bars, "09:31");
        StringAssert.Contains(bars, "10:25 completed 7, failed 2");
    }

    [TestMethod]
    public void DurationChart_ShouldSayOneRun_AndTwoRuns()
    {
        var svg = Charts.Durations([new ToolDuration("clean-my-data", 1, 1200, 1200), new ToolDuration("profile-my-data", 2, 900, 1000)]);
        StringAssert.Contains(svg, "· 1 run</text>");
        StringAssert.Contains(svg, "· 2 runs</text>");
        Assert.DoesNotContain("1 runs", svg);
    }

    [TestMethod]
    [DataRow("abc")]
    [DataRow("0")]
    [DataRow("-5")]
    [DataRow("1e3")]
    [DataRow("99999999999999999999")]
    public void AuditCursor_ShouldBeReported_WhenItIsNotAnAuditId(string raw)
    {
        // It was ignored: ?before=abc showed the newest page as if nothing had been asked.
        Assert.IsNotNull(AuditPage.ParseBefore(raw, out var before));
        Assert.IsNull(before);
    }

    [TestMethod]
    public void AuditCursor_ShouldReadAnIdOrNothing()
    {
        Assert.IsNull(AuditPage.ParseBefore("42", out var before));
        Assert.AreEqual(42L, before);
        Assert.IsNull(AuditPage.ParseBefore("", out before));
        Assert.IsNull(before);
        Assert.IsNull(AuditPage.ParseBefore(null, out before));
        Assert.IsNull(before);
    }

    [TestMethod]
    public void HistoryTaskCell_ShouldLinkAnAnalysisToItsTask_ButNotADebugRun()
    {
        StringAssert.Contains(HistoryPage.TaskCell("process-analysis", "0123456789abcdef"), "href=\"/dashboard/tasks/0123456789abcdef\"");
        var debug = HistoryPage.TaskCell("debug", "fedcba9876543210");
        Assert.DoesNotContain("href", debug, "a debug run's id is no task: its task page would be 404");
        StringAssert.Contains(debug, "fedcba98");
        Assert.AreEqual("", HistoryPage.TaskCell("health-check", null));
    }

    [TestMethod]
    public void QueuedPager_ShouldSayShowingNOfM_AndLinkToTheNewest_WhenTheQueueOverflowsAPage()
    {
        Assert.AreEqual("", TasksPage.QueuedPager(1, 120, 120, 200), "everything fits: no pager");
        var first = TasksPage.QueuedPager(1, 200, 250, 200);
        StringAssert.Contains(first, "Showing 1–200 of 250 queued tasks");
        StringAssert.Contains(first, "href=\"/dashboard/tasks?queued_page=2#queued\"");
        var second = TasksPage.QueuedPager(2, 50, 250, 200);
        StringAssert.Contains(second, "Showing 201–250 of 250 queued tasks");
        StringAssert.Contains(second, "queued_page=1");
        Assert.DoesNotContain("queued_page=3", second);
        Assert.AreEqual(1, TasksPage.QueuedPage(null));
        Assert.AreEqual(1, TasksPage.QueuedPage("-2"));
        Assert.AreEqual(1, TasksPage.QueuedPage("x"));
        Assert.AreEqual(2, TasksPage.QueuedPage("2"));
    }
}
