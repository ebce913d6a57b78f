using System.Net;
using System.Text.Json.Nodes;
using Agensium.Scheduler.Tests.Integration;
using Microsoft.Playwright;

namespace Agensium.Scheduler.Tests.Dashboard;

/// <summary>
/// The dashboard in a real headless Chromium against the live two-node cluster: login, nodes, live progress,
/// cancel, history filters. Each test saves a screenshot of its page under docs/screenshots/.
/// </summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
[TestCategory("Browser")]
public sealed class DashboardBrowserTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public TestContext TestContext { get; set; } = null!;

    private IBrowserContext _context = null!;

    [TestInitialize]
    public async Task StartAsync()
    {
        await TestCluster.EnsureStartedAsync(TestContext.CancellationToken);
        var browser = await Chromium.GetAsync();
        _context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = TestCluster.NodeA.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        _context.SetDefaultTimeout((float)Wait.TotalMilliseconds);
    }

    [TestCleanup]
    public async Task StopAsync() => await _context.CloseAsync();

    private async Task<IPage> LoginAsync(string next = "/dashboard")
    {
        var page = await _context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync(next);
        await page.FillAsync("input[name=name]", "Test Operator");
        await page.FillAsync("input[name=key]", TestCluster.ApiKey);
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard/login"));
        await WaitForDocumentAsync(page);
        return page;
    }

    /// <summary>
    /// Waits, by polling, until the page's new document is parsed. Not WaitForURLAsync: its check-then-subscribe
    /// races with the thread that delivers load events and can miss the one it waits for
    /// (microsoft/playwright-dotnet#3364; it failed CI once with "NetworkIdle event fired" and a 30 s timeout).
    /// </summary>
    private static async Task WaitForDocumentAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading'", null,
            new PageWaitForFunctionOptions { Timeout = (float)Wait.TotalMilliseconds, PollingInterval = 50 });

    private static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory(), name + ".png"), FullPage = true });

    /// <summary>Marks the loaded document; the mark survives live updates and is gone after any reload or navigation.</summary>
    private static Task MarkAsync(IPage page) => page.EvaluateAsync("() => { window.__agensiumMark = 'kept'; }");

    private static async Task<bool> MarkKeptAsync(IPage page) =>
        await page.EvaluateAsync<string?>("() => window.__agensiumMark ?? null") == "kept";

    [TestMethod]
    public async Task Dashboard_ShouldRefuseEntry_WithoutALogin()
    {
        var ct = TestContext.CancellationToken;
        var page = await _context.NewPageAsync();
        await page.GotoAsync("/dashboard/tasks");
        StringAssert.Contains(page.Url, "/dashboard/login?next=");
        Assert.AreEqual(0, await page.Locator("#running").CountAsync(), "no dashboard content before login");

        await page.FillAsync("input[name=name]", "Mallory");
        await page.FillAsync("input[name=key]", "not-the-key");
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("not valid");
        StringAssert.Contains(page.Url, "/dashboard/login");
        await ScreenshotAsync(page, "login");

        // Without the cookie nothing of the dashboard answers, including its live stream and actions.
        using var anonymous = new ApiClient(TestCluster.NodeA, apiKey: null);
        foreach (var path in new[] { "/dashboard/events", "/dashboard/history", "/dashboard/audit" })
        {
            using var response = await anonymous.Http.GetAsync(path, ct);
            Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode, path);
        }
        using var post = await anonymous.Http.PostAsync("/dashboard/actions/queues/default/pause", null, ct);
        Assert.AreEqual(HttpStatusCode.Unauthorized, post.StatusCode);

        // A forged cookie is no better than none.
        var forged = await _context.NewPageAsync();
        await _context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "agensium_dashboard", Value = "djF8MHw5OTk5OTk5OTk5fEV2ZQ.AAAA", Url = TestCluster.NodeA.BaseUrl + "/dashboard" }]);
        await forged.GotoAsync("/dashboard");
        StringAssert.Contains(forged.Url, "/dashboard/login");
    }

    [TestMethod]
    public async Task Overview_ShouldListBothNodesAlive_WhenTwoNodesRun()
    {
        var ct = TestContext.CancellationToken;
        using (var api = new ApiClient(TestCluster.NodeA))
        {
            // Some finished work for the charts: three completed runs and one failed.
            var ids = new List<string>();
            foreach (var command in new[] { "ok", "ok", "sleep:1", "permanent" })
            {
                ids.Add(await api.SubmitFaultAsync(command, ct: ct));
            }
            foreach (var id in ids)
            {
                await api.WaitForFinalAsync(id, Wait, ct);
            }
        }
        var page = await LoginAsync();
        foreach (var node in new[] { TestCluster.NodeA, TestCluster.NodeB })
        {
            using var api = new ApiClient(node);
            var id = JsonNode.Parse(await api.Http.GetStringAsync("/api/node", ct))!["node"]!.GetValue<string>();
            var row = page.Locator($"#nodes-table tr[data-node='{id}']");
            await Assertions.Expect(row).ToContainTextAsync("ALIVE");
        }
        await Assertions.Expect(page.Locator("#throughput-chart svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#queue-depth-chart svg")).ToBeVisibleAsync();
        var caption = await page.Locator("#throughput-chart figcaption").InnerTextAsync();
        var counts = System.Text.RegularExpressions.Regex.Match(caption, @"(\d+) completed, (\d+) failed");
        Assert.IsTrue(counts.Success, caption);
        Assert.IsGreaterThanOrEqualTo(3, int.Parse(counts.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), caption);
        Assert.IsGreaterThanOrEqualTo(1, int.Parse(counts.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), caption);
        await Assertions.Expect(page.Locator("#duration-chart")).ToContainTextAsync("x-fault-injection");
        await ScreenshotAsync(page, "overview");
    }

    [TestMethod]
    public async Task SubmittedTask_ShouldAppearAndReach100_WithoutAReload()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var id = await api.CreateTaskAsync(tool: "x-fault-injection", ct: ct);
        await api.UploadOkAsync(id, "fault.csv", "sleep:5\n"u8.ToArray(), ct);

        var list = await LoginAsync("/dashboard/tasks");
        await MarkAsync(list);
        var detail = await _context.NewPageAsync();
        await detail.GotoAsync($"/dashboard/tasks/{id}");
        await MarkAsync(detail);
        await Assertions.Expect(detail.Locator("#task-status")).ToContainTextAsync("UPLOADING");

        await api.ProcessOkAsync(id, ct);

        // The task shows up on the open task list by itself, with its progress bar.
        await Assertions.Expect(list.Locator($"#running tr[data-task-row='{id}'] progress")).ToBeVisibleAsync();
        await ScreenshotAsync(list, "tasks");

        // The open detail page follows it to the end.
        await detail.WaitForFunctionAsync($"() => document.querySelector(\"progress[data-task='{id}']\").value === 100",
            null, new PageWaitForFunctionOptions { Timeout = (float)Wait.TotalMilliseconds, PollingInterval = 100 });
        await Assertions.Expect(detail.Locator("#task-status")).ToContainTextAsync("COMPLETED");
        await Assertions.Expect(detail.Locator("#attempts-table")).ToContainTextAsync("COMPLETED");
        await Assertions.Expect(detail.Locator("#outputs-table")).ToContainTextAsync("fault_injection_result.json");
        // The output's download link works with the dashboard session alone (no API key in the browser).
        var href = await detail.Locator("#outputs-table a").First.GetAttributeAsync("href");
        var download = await detail.APIRequest.GetAsync(href!);
        Assert.AreEqual(200, download.Status, href);
        StringAssert.Contains(await download.TextAsync(), "\"command\":\"sleep\"");
        Assert.IsTrue(await MarkKeptAsync(list), "the task list was reloaded");
        Assert.IsTrue(await MarkKeptAsync(detail), "the task page was reloaded");
        await ScreenshotAsync(detail, "task-detail");
    }

    [TestMethod]
    public async Task CancelFromTheDashboard_ShouldEndARunningTaskCancelled_AndBeAudited()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var id = await api.SubmitFaultAsync("sleep:60", ct: ct);
        await api.WaitForStatusAsync(id, "PROCESSING", Wait, ct);

        var page = await LoginAsync("/dashboard/tasks");
        var row = page.Locator($"#running tr[data-task-row='{id}']");
        await row.Locator("button", new LocatorLocatorOptions { HasText = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("cancelled");

        var task = await api.WaitForFinalAsync(id, Wait, ct);
        Assert.AreEqual("CANCELLED", task["status"]!.GetValue<string>());

        await page.GotoAsync("/dashboard/audit");
        var audit = page.Locator("#audit-table tr[data-audit-action='cancel']").First;
        await Assertions.Expect(audit).ToContainTextAsync("Test Operator (key-0)");
        await Assertions.Expect(audit).ToContainTextAsync("OK");
        await ScreenshotAsync(page, "audit");
    }

    [TestMethod]
    public async Task HistoryFilters_ShouldReturnTheRightRows_AndPageThroughAllOfThem()
    {
        var ct = TestContext.CancellationToken;
        var user = 900_000 + Random.Shared.Next(1, 99_999);
        var pagingUser = user + 100_000;
        await Db.ExecuteAsync("""
            INSERT INTO job_history (fire_instance_id, job_name, job_group, task_id, user_id, tool_id, queue, node_instance_id, attempt, status,
                                     error_code, started_at, finished_at, duration_ms)
            SELECT 'dash-' || @u || '-' || g, 'process-analysis', 'analysis', gen_random_uuid()::text, @u,
                   CASE WHEN g <= 3 THEN 'profile-my-data' ELSE 'clean-my-data' END, 'default',
                   CASE WHEN g <= 3 THEN 'dash-node-a' ELSE 'dash-node-b' END, 1,
                   CASE WHEN g <= 3 THEN 'COMPLETED' ELSE 'FAILED' END, CASE WHEN g <= 3 THEN NULL ELSE 'PROCESSING_ERROR' END,
                   now() - g * interval '1 minute', now() - g * interval '1 minute' + interval '2 seconds', 2000
              FROM generate_series(1, 5) g;
            INSERT INTO job_history (fire_instance_id, job_name, job_group, task_id, user_id, tool_id, queue, node_instance_id, attempt, status,
                                     started_at, finished_at, duration_ms)
            SELECT 'dash-' || @p || '-' || g, 'process-analysis', 'analysis', gen_random_uuid()::text, @p, 'master-my-data', 'default',
                   'dash-node-a', 1, 'COMPLETED', now() - interval '2 hours' - (g % 7) * interval '1 second', now() - interval '2 hours', 10
              FROM generate_series(1, 120) g;
            """, ct, ("u", (long)user), ("p", (long)pagingUser));

        var page = await LoginAsync("/dashboard/history");
        async Task<List<(string Id, string Status, string Text)>> FilterAsync(string? status, string? tool, string? node, long u)
        {
            await page.FillAsync("#history-filters input[name=user]", u.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.SelectOptionAsync("#history-filters select[name=status]", status ?? "");
            await page.SelectOptionAsync("#history-filters select[name=tool]", tool ?? "");
            await page.FillAsync("#history-filters input[name=node]", node ?? "");
            await NavigateByAsync(page, "#history-filters button[type=submit]");
            return await RowsAsync(page);
        }

        var failed = await FilterAsync("FAILED", null, null, user);
        Assert.HasCount(2, failed);
        Assert.IsTrue(failed.All(r => r.Status == "FAILED" && r.Text.Contains("clean-my-data", StringComparison.Ordinal)));

        var profiled = await FilterAsync(null, "profile-my-data", null, user);
        Assert.HasCount(3, profiled);
        Assert.IsTrue(profiled.All(r => r.Status == "COMPLETED"));

        var onNodeB = await FilterAsync(null, null, "dash-node-b", user);
        Assert.HasCount(2, onNodeB);
        var none = await FilterAsync("COMPLETED", null, "dash-node-b", user);
        Assert.IsEmpty(none);
        await Assertions.Expect(page.Locator("#history-table")).ToContainTextAsync("No run matches");

        var all = await FilterAsync(null, null, null, user);
        Assert.HasCount(5, all);
        await ScreenshotAsync(page, "history");

        // Keyset paging: 120 rows with tied start times come out 50 + 50 + 20, newest first, none twice, none missed.
        var seen = (await FilterAsync(null, null, null, pagingUser)).Select(r => r.Id).ToList();
        Assert.HasCount(50, seen);
        while (await page.Locator("#older").CountAsync() > 0)
        {
            await NavigateByAsync(page, "#older");
            seen.AddRange((await RowsAsync(page)).Select(r => r.Id));
        }
        Assert.HasCount(120, seen);
        Assert.HasCount(120, seen.Distinct().ToList());

        using var api = new ApiClient(TestCluster.NodeA, apiKey: TestCluster.ApiKey);
        using var bad = await api.Http.GetAsync($"/dashboard/history?user=abc&before=x", ct);
        Assert.AreEqual(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    /// <summary>Clicks something that loads another URL and waits until that page is there.</summary>
    private static async Task NavigateByAsync(IPage page, string selector)
    {
        var before = page.Url;
        await page.ClickAsync(selector);
        await Assertions.Expect(page).Not.ToHaveURLAsync(before);
        await WaitForDocumentAsync(page);
    }

    private static async Task<List<(string Id, string Status, string Text)>> RowsAsync(IPage page)
    {
        var rows = page.Locator("#history-table tbody tr[data-history-id]");
        var result = new List<(string, string, string)>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var row = rows.Nth(i);
            result.Add((await row.GetAttributeAsync("data-history-id") ?? "", await row.GetAttributeAsync("data-status") ?? "", await row.InnerTextAsync()));
        }
        return result;
    }
}
