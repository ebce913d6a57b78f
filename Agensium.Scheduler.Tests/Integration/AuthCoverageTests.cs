using System.Net;
using System.Text.RegularExpressions;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Every route the service maps, found in its source so that a new route cannot be forgotten, refuses a caller
/// without a key (401 UNAUTHORIZED), except the few that are open on purpose.
/// </summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed partial class AuthCoverageTests
{
    public TestContext TestContext { get; set; } = null!;

    private static readonly HashSet<string> Open = new(StringComparer.Ordinal)
    {
        "GET /health", "GET /health/ready", "GET /favicon.ico", "GET /dashboard/login", "POST /dashboard/login", "GET /dashboard/assets/{name}",
    };

    /// <summary>Routes the wrong key is sent to (each route gets the no-key check).</summary>
    private const int WrongKeyChecks = 8;

    [GeneratedRegex("""\.Map(GetAndHead|Get|Post|Put|Delete)\(\s*"(/[^"]*)"\s*,""")]
    private static partial Regex Route();

    private static List<(string Method, string Template)> RoutesInSource()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Agensium.Scheduler.sln")))
        {
            dir = dir.Parent;
        }
        Assert.IsNotNull(dir, "the repository root (Agensium.Scheduler.sln) is above the test binaries");
        var routes = Directory.EnumerateFiles(Path.Combine(dir.FullName, "Agensium.Scheduler"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Route().Matches(File.ReadAllText(f)))
            .Select(m => (m.Groups[1].Value == "GetAndHead" ? "GET" : m.Groups[1].Value.ToUpperInvariant(), m.Groups[2].Value))
            .Append(("GET", "/metrics"))
            .Distinct()
            .ToList();
        return routes;
    }

    [TestMethod]
    public async Task EveryRouteButTheOpenOnes_ShouldRefuseACallerWithoutAKey()
    {
        var ct = TestContext.CancellationToken;
        await TestCluster.EnsureStartedAsync(ct);
        var routes = RoutesInSource();
        Assert.IsGreaterThan(25, routes.Count, string.Join(", ", routes));
        using var anonymous = new ApiClient(TestCluster.NodeA, apiKey: null);
        using var wrongKey = new ApiClient(TestCluster.NodeA, apiKey: "wrong-key");
        var checkedRoutes = 0;
        var wrongKeyChecks = 0;
        foreach (var (method, template) in routes)
        {
            var path = SamplePath(template);
            // A wrong key is refused by the same code on every route, and wrong keys from one address are limited
            // (20 a minute, then 429 and right keys the node has not seen from it refused too): a few routes check it,
            // so the shared cluster's address stays well below the limit for the tests after this one.
            foreach (var client in wrongKeyChecks++ < WrongKeyChecks ? new[] { anonymous, wrongKey } : [anonymous])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }
                using var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                var key = $"{method} {template}";
                if (Open.Contains(key))
                {
                    Assert.AreNotEqual(HttpStatusCode.Unauthorized, response.StatusCode, key);
                    continue;
                }
                Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode, key);
                var body = await response.Content.ReadAsStringAsync(ct);
                StringAssert.Contains(body, "UNAUTHORIZED", key);
                Assert.DoesNotContain("wrong-key", body, key);
                checkedRoutes++;
            }
        }
        TestContext.WriteLine($"{routes.Count} routes, {checkedRoutes} refusals checked");
    }

    /// <summary>The route with a sample value in each of its parameters.</summary>
    private static string SamplePath(string template) => Regex.Replace(template, "{(\\w+)}", m => m.Groups[1].Value switch
    {
        "taskId" => Guid.NewGuid().ToString(),
        "userId" => "1",
        "fileName" => "data.csv",
        "jobName" or "job" => "health-check",
        "queue" => "default",
        "verb" => "pause",
        "name" => "dashboard.css",
        var other => throw new InvalidOperationException($"route {template}: no sample value for {{{other}}}"),
    });

    /// <summary>
    /// README: every GET route but the event streams also answers HEAD (a monitor's or a proxy's check). /api/node was
    /// mapped GET only and answered 405.
    /// </summary>
    [TestMethod]
    public async Task EveryGetRouteButTheEventStreams_ShouldAnswerHead()
    {
        var ct = TestContext.CancellationToken;
        await TestCluster.EnsureStartedAsync(ct);
        using var api = new ApiClient(TestCluster.NodeA);
        var gets = RoutesInSource().Where(r => r.Method == "GET" && !r.Template.EndsWith("/events", StringComparison.Ordinal)).ToList();
        Assert.IsGreaterThan(10, gets.Count, string.Join(", ", gets));
        foreach (var (_, template) in gets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, SamplePath(template));
            using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            Assert.AreNotEqual(HttpStatusCode.MethodNotAllowed, response.StatusCode, $"HEAD {template}");
        }
    }
}
