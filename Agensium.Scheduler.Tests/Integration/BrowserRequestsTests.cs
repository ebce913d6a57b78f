using System.Net;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>What a browser asks of the dashboard on its own, or with a hand-edited URL.</summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class BrowserRequestsTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    /// <summary>Browsers ask for /favicon.ico on every dashboard page: it was a 401 with a JSON body in each console.</summary>
    [TestMethod]
    public async Task Favicon_ShouldAnswer204WithoutAKey()
    {
        var ct = TestContext.CancellationToken;
        using var anonymous = new ApiClient(TestCluster.NodeA, apiKey: null);
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            using var request = new HttpRequestMessage(method, "/favicon.ico");
            request.Headers.Accept.ParseAdd("image/avif,image/webp,*/*");
            using var response = await anonymous.Http.SendAsync(request, ct);
            Assert.AreEqual(HttpStatusCode.NoContent, response.StatusCode, method.Method);
            Assert.AreEqual("", await response.Content.ReadAsStringAsync(ct));
        }
    }

    /// <summary>
    /// A parameter a page does not read was ignored: /dashboard/history?since=x showed the unfiltered history and
    /// /dashboard/tasks?page=abc the first page, with 200. It is a 400 page naming it, as a bad history filter is.
    /// </summary>
    [TestMethod]
    [DataRow("/dashboard/history?since=x", "since")]
    [DataRow("/dashboard/history?x=1", "x")]
    [DataRow("/dashboard/history?status=FAILED&since=2026-01-01", "since")]
    [DataRow("/dashboard/tasks?page=abc", "page")]
    [DataRow("/dashboard/audit?page=2", "page")]
    [DataRow("/dashboard?q=1", "q")]
    public async Task DashboardPages_ShouldAnswer400_WhenAskedWithAParameterTheyDoNotRead(string url, string parameter)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await api.Http.SendAsync(request, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, html);
        Assert.AreEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(html, $"Unknown parameter: &#x27;{parameter}&#x27; (this page reads"); // quoted, HTML-encoded
        StringAssert.Contains(html, "role=\"alert\"");
    }

    [TestMethod]
    [DataRow("/dashboard/history?status=FAILED&user=1&before=&notice=Done")]
    [DataRow("/dashboard/tasks?queued_page=2")]
    [DataRow("/dashboard/history?Status=FAILED")] // the pages read names in any case (review)
    [DataRow("/dashboard/tasks?Queued_Page=2&Notice=x")]
    [DataRow("/dashboard/audit?error=x")]
    [DataRow("/dashboard")]
    public async Task DashboardPages_ShouldAnswer200_WithTheParametersTheyRead(string url)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        using var response = await api.Http.GetAsync(url, ct);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>?before=abc on the audit page was ignored (the newest page shown); it is a 400 page saying so, as on the history page.</summary>
    [TestMethod]
    [DataRow("abc")]
    [DataRow("0")]
    [DataRow("-3")]
    public async Task AuditPage_ShouldAnswer400_WhenThePageCursorIsNotAnAuditId(string before)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/dashboard/audit?before={Uri.EscapeDataString(before)}");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await api.Http.SendAsync(request, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, html);
        Assert.AreEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(html, "The page cursor is not valid");
        StringAssert.Contains(html, "href=\"/dashboard/audit\"");

        using var good = await api.Http.GetAsync("/dashboard/audit?before=1", ct);
        Assert.AreEqual(HttpStatusCode.OK, good.StatusCode);
    }
}
