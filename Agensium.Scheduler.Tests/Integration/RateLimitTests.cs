using System.Net;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Submits, dashboard logins and wrong API keys are limited across a cluster, per key or per address. Each test starts
/// nodes of its own (a database and a Redis prefix of their own), so the class runs beside others.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class RateLimitTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Submit_ShouldBeLimitedPerApiKeyAcrossTheCluster_With429AndRetryAfter()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_ratelimit", [5170, 5171],
            new() { ["Api__SubmitPermitsPerMinute"] = "5", ["Api__Keys__1"] = "second-key", ["Redis__Prefix"] = $"ratelimit-{Guid.NewGuid():N}" }, ct);
        using var first = new ApiClient(cluster.Nodes[0]);
        using var firstOnOtherNode = new ApiClient(cluster.Nodes[1]);
        using var second = new ApiClient(cluster.Nodes[0], "second-key");
        // Five permits a minute for the key, whichever node the calls reach (a balancer spreads them).
        for (var i = 0; i < 5; i++)
        {
            await (i % 2 == 0 ? first : firstOnOtherNode).CreateTaskAsync(ct: ct);
        }
        foreach (var client in new[] { first, firstOnOtherNode })
        {
            using var refused = await client.PostJsonAsync("/api/tasks", """{"user_id": 1, "tool_id": "profile-my-data"}""", ct);
            Assert.AreEqual(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync(ct))!;
            Assert.AreEqual("RATE_LIMITED", body["error_code"]!.GetValue<string>());
            Assert.IsNotNull(refused.Headers.RetryAfter);
            Assert.IsLessThanOrEqualTo(12.0, refused.Headers.RetryAfter.Delta!.Value.TotalSeconds, "one permit comes back every 12 s");
        }
        Assert.AreEqual(5L, await cluster.Db.ScalarAsync<long>("SELECT count(*) FROM tasks", ct));

        // Another key has its own bucket; reads are not limited.
        await second.CreateTaskAsync(ct: ct);
        using var read = await first.Http.GetAsync($"/api/tasks/{Guid.NewGuid()}", ct);
        Assert.AreEqual(HttpStatusCode.NotFound, read.StatusCode);

        // Dashboard logins are limited per client address across the cluster: a key cannot be guessed at speed, nor
        // twice as fast through two nodes (each node had a window of its own).
        using var browser = new ApiClient(cluster.Nodes[0], apiKey: null);
        using var browserOnOtherNode = new ApiClient(cluster.Nodes[1], apiKey: null);
        FormUrlEncodedContent Login(string key) => new(new Dictionary<string, string> { ["name"] = "guesser", ["key"] = key });
        for (var i = 0; i < 20; i++)
        {
            using var wrong = await (i % 2 == 0 ? browser : browserOnOtherNode).Http.PostAsync("/dashboard/login", Login($"guess-{i}"), ct);
            Assert.AreEqual(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using (var limitedElsewhere = await browserOnOtherNode.Http.PostAsync("/dashboard/login", Login(ServiceNode.ApiKey), ct))
        {
            Assert.AreEqual(HttpStatusCode.TooManyRequests, limitedElsewhere.StatusCode, "the 21st attempt of the minute, on the node that saw 10");
        }
        using var limited = await browser.Http.PostAsync("/dashboard/login", Login(ServiceNode.ApiKey), ct);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, limited.StatusCode);
        StringAssert.Contains(await limited.Content.ReadAsStringAsync(ct), "login attempts");
        // A browser (Accept: text/html) gets the login form back with the reason, not a JSON document.
        using var fromBrowser = new HttpRequestMessage(HttpMethod.Post, "/dashboard/login") { Content = Login(ServiceNode.ApiKey) };
        fromBrowser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        using var page = await browser.Http.SendAsync(fromBrowser, ct);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.AreEqual("text/html", page.Content.Headers.ContentType!.MediaType);
        StringAssert.Contains(await page.Content.ReadAsStringAsync(ct), "id=\"login-form\"");
        Assert.IsTrue(page.Headers.RetryAfter is not null);
        Assert.AreEqual(0L, await cluster.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'login'", ct));
    }

    private static FormUrlEncodedContent WrongLogin(int i) => new(new Dictionary<string, string> { ["name"] = "guesser", ["key"] = $"guess-{i}" });

    private static async Task<HttpStatusCode> LoginAsync(ApiClient browser, int i, string? forwardedFor, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/login") { Content = WrongLogin(i) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        using var response = await browser.Http.SendAsync(request, ct);
        return response.StatusCode;
    }

    [TestMethod]
    public async Task Login_ShouldBeLimitedPerConnectionAddress_IgnoringXForwardedFor_WhenNoProxyIsTrusted()
    {
        // The default: a client naming a new address in each attempt gets no new window (ASP.NET Core's own
        // forwarded-headers defaults would have believed it here, from loopback).
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_ratelimit", [5170],
            new() { ["Redis__Prefix"] = $"ratelimit-{Guid.NewGuid():N}" }, ct);
        using var browser = new ApiClient(cluster.Nodes[0], apiKey: null);
        for (var i = 0; i < LoginQuotaLimit; i++)
        {
            Assert.AreEqual(HttpStatusCode.Unauthorized, await LoginAsync(browser, i, $"203.0.113.{i + 1}", ct));
        }
        Assert.AreEqual(HttpStatusCode.TooManyRequests, await LoginAsync(browser, 99, "198.51.100.1", ct), "counted under the connection's address");
        Assert.Contains("Dashboard login refused from 127.0.0.1", await cluster.Nodes[0].WaitForLogAsync("Dashboard login refused from 127.0.0.1", ct));
        Assert.DoesNotContain("login refused from 203.0.113.", cluster.Nodes[0].ReadLog());
    }

    [TestMethod]
    public async Task Login_ShouldBeLimitedPerForwardedAddress_WhenItComesThroughATrustedProxy()
    {
        // Behind a reverse proxy every user shared the proxy's address, and so one window: here the test client plays
        // the proxy (loopback, listed), and each forwarded address gets its own.
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_ratelimit", [5170],
            new() { ["Redis__Prefix"] = $"ratelimit-{Guid.NewGuid():N}", ["TrustedProxies__Proxies__0"] = "127.0.0.1" }, ct);
        using var browser = new ApiClient(cluster.Nodes[0], apiKey: null);
        for (var i = 0; i < LoginQuotaLimit; i++)
        {
            Assert.AreEqual(HttpStatusCode.Unauthorized, await LoginAsync(browser, i, "203.0.113.7", ct));
        }
        Assert.AreEqual(HttpStatusCode.TooManyRequests, await LoginAsync(browser, 20, "203.0.113.7", ct));
        // An address the client puts in front is not believed: only the trusted proxy's own entry (the rightmost) is.
        Assert.AreEqual(HttpStatusCode.TooManyRequests, await LoginAsync(browser, 21, "198.51.100.99, 203.0.113.7", ct));
        Assert.AreEqual(HttpStatusCode.Unauthorized, await LoginAsync(browser, 22, "203.0.113.8", ct), "another user behind the proxy");
        Assert.AreEqual(HttpStatusCode.Unauthorized, await LoginAsync(browser, 23, null, ct), "the proxy's own address, not the user's window");
        var log = cluster.Nodes[0].ReadLog();
        Assert.Contains("Dashboard login refused from 203.0.113.7", log);
        Assert.Contains("Dashboard login refused from 203.0.113.8", log);
        Assert.DoesNotContain("login refused from 198.51.100.99", log);
    }

    private static async Task<(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)> ApiCallAsync(ApiClient client, string? key, string forwardedFor, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tasks?limit=1");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        using var response = await client.Http.SendAsync(request, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct), response.Headers.RetryAfter?.Delta);
    }

    [TestMethod]
    public async Task WrongApiKeys_ShouldBeLimitedPerAddressAcrossTheCluster_WithoutLockingOutAWorkingKey()
    {
        // 50 different wrong keys from one address all got 401: a key could be guessed at any speed through the API
        // while dashboard logins were limited. Addresses come through a trusted proxy (the test client) to have two.
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_ratelimit", [5170, 5171],
            new() { ["Redis__Prefix"] = $"ratelimit-{Guid.NewGuid():N}", ["TrustedProxies__Proxies__0"] = "127.0.0.1" }, ct);
        using var first = new ApiClient(cluster.Nodes[0], apiKey: null);
        using var second = new ApiClient(cluster.Nodes[1], apiKey: null);
        const string guesser = "203.0.113.7", other = "203.0.113.8";
        Assert.AreEqual(HttpStatusCode.OK, (await ApiCallAsync(first, ServiceNode.ApiKey, guesser, ct)).Status, "the address's client at work");
        for (var i = 0; i < LoginQuotaLimit; i++)
        {
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await ApiCallAsync(i % 2 == 0 ? first : second, $"guess-{i}", guesser, ct)).Status);
        }
        foreach (var node in new[] { first, second })
        {
            var (status, body, retryAfter) = await ApiCallAsync(node, "guess-99", guesser, ct);
            Assert.AreEqual(HttpStatusCode.TooManyRequests, status, "the 21st wrong key of the minute, on either node");
            var error = JsonNode.Parse(body)!;
            Assert.AreEqual("RATE_LIMITED", error["error_code"]!.GetValue<string>());
            StringAssert.Contains(error["message"]!.GetValue<string>(), "wrong API keys");
            Assert.IsNotNull(retryAfter);
            Assert.IsLessThanOrEqualTo(60.0, retryAfter.Value.TotalSeconds);
        }
        // The key that was at work from that address keeps working where it was seen; a right key that node has not
        // seen from the limited address is refused like a guess (a hit must not stand out from the 429s).
        Assert.AreEqual(HttpStatusCode.OK, (await ApiCallAsync(first, ServiceNode.ApiKey, guesser, ct)).Status);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, (await ApiCallAsync(second, ServiceNode.ApiKey, guesser, ct)).Status);
        // Other addresses are not touched: their right keys work and their wrong keys are a plain 401.
        Assert.AreEqual(HttpStatusCode.OK, (await ApiCallAsync(second, ServiceNode.ApiKey, other, ct)).Status);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await ApiCallAsync(second, "guess-100", other, ct)).Status);
        // No key is no guess; and dashboard logins count in a window of their own.
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await ApiCallAsync(first, null, guesser, ct)).Status);
        Assert.AreEqual(HttpStatusCode.Unauthorized, await LoginAsync(first, 0, guesser, ct));

        // Review: a dashboard page asked for HTML with a wrong key was sent to the login form uncounted, a door around the
        // limit. Its guesses count as any others: the 21st is 429 there and on the API.
        const string viaDashboard = "203.0.113.9";
        for (var i = 0; i < LoginQuotaLimit; i++)
        {
            Assert.AreNotEqual(HttpStatusCode.TooManyRequests, await DashboardPageAsync(second, $"page-guess-{i}", viaDashboard, ct));
        }
        Assert.AreEqual(HttpStatusCode.TooManyRequests, await DashboardPageAsync(second, "page-guess-99", viaDashboard, ct));
        Assert.AreEqual(HttpStatusCode.TooManyRequests, (await ApiCallAsync(first, "guess-101", viaDashboard, ct)).Status);
    }

    private static async Task<HttpStatusCode> DashboardPageAsync(ApiClient client, string key, string forwardedFor, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Add("Accept", "text/html");
        using var response = await client.Http.SendAsync(request, ct);
        return response.StatusCode;
    }

    private const int LoginQuotaLimit = Agensium.Scheduler.Api.LoginQuota.LoginsPerMinute;
}
