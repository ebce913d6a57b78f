using System.Text.RegularExpressions;

namespace Agensium.Scheduler.Tests;

/// <summary>
/// The rules of Parallelization.cs, read from the test sources: a class that runs beside others must not share the
/// TestCluster or stop the stack's services, and the node ports and databases of such classes must differ. Two classes
/// on one port would fail at random, whichever started second.
/// </summary>
[TestClass]
public sealed partial class ParallelizationRulesTests
{
    [TestMethod]
    public void EveryClassOnTheSharedClusterOrTheStacksServices_ShouldNotRunBesideOthers()
    {
        var offenders = SharedStateOffenders(TestSources());

        Assert.IsEmpty(offenders, "on the shared TestCluster or the stack's services without [DoNotParallelize]: " + string.Join(", ", offenders));
    }

    [TestMethod]
    public void SharedStateOffenders_ShouldNameAMethodThatFaultsTheSharedStack_NotOneThatFaultsItsClasssPrivateStack()
    {
        const string shared = """
            [TestMethod]
            public async Task Outage()
            {
                var stack = new Agensium.Chaos.StackControl(new Agensium.Chaos.ChaosOptions(), _ => { });
                await stack.PgStopAsync();
            }
            """;
        const string onPrivate = """
            [ClassInitialize]
            public static async Task StartAsync(TestContext c) => _stack = await PrivateStack.StartAsync("x", c.CancellationToken);
            [TestMethod]
            public async Task Hang()
            {
                var frozen = _stack.Control.PgFreeze();
                Agensium.Chaos.StackControl.PgThaw(frozen);
            }
            """;
        const string throughAHelper = """
            [TestMethod]
            public async Task Outage()
            {
                var stack = Stacks.Shared();
                await stack.RedisStopAsync();
            }
            """;

        CollectionAssert.AreEqual(new[] { "A.cs: Outage", "E.cs: Outage" },
            SharedStateOffenders([new("A.cs", shared, false), new("B.cs", onPrivate, false), new("C.cs", shared, true), new("E.cs", throughAHelper, false)]).ToList());
        CollectionAssert.AreEqual(new[] { "D.cs: Outage" }, SharedStateOffenders([new("D.cs", onPrivate + shared, false)]).ToList(), "the shared stack's options in a class that has a private one");
    }

    private static List<string> SharedStateOffenders(IReadOnlyList<Source> sources)
    {
        return sources
            .Where(s => !s.Serial && s.Text.Contains("TestCluster.", StringComparison.Ordinal))
            .Select(s => s.Name)
            .Concat(sources.Where(s => !s.Serial).SelectMany(s => s.Text.Split("[TestMethod]").Skip(1)
                .Where(m => StopsTheStack(m) && !m.TrimStart().StartsWith("[DoNotParallelize]", StringComparison.Ordinal)
                    && !FaultsItsClasssPrivateStack(s.Text, m))
                .Select(m => s.Name + ": " + MethodName().Match(m).Groups[1].Value)))
            .ToList();
    }

    [TestMethod]
    public void ClassesThatRunBesideOthers_ShouldEachHaveNodePortsAndDatabasesOfTheirOwn()
    {
        var parallel = TestSources().Where(s => !s.Serial).ToList();
        var ports = parallel.SelectMany(s => NodePorts(s.Text).Select(p => (Value: p, s.Name)));
        var databases = parallel.SelectMany(s => DatabaseName().Matches(s.Text).Select(m => (Value: m.Value, s.Name)).Distinct());
        var shared = ports.Select(p => (Value: p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Name)).Concat(databases)
            .GroupBy(x => x.Value)
            .Where(g => g.Select(x => x.Name).Distinct().Count() > 1)
            .Select(g => $"{g.Key} in {string.Join(" and ", g.Select(x => x.Name).Distinct())}")
            .ToList();

        Assert.IsGreaterThan(5, parallel.Count(s => NodePorts(s.Text).Any()), "the check found the private clusters' ports");
        Assert.IsEmpty(shared, "shared by classes that run side by side: " + string.Join("; ", shared));
    }

    [TestMethod]
    public void ServerWideViews_ShouldBeReadForTheTestsOwnDatabaseOnly()
    {
        // pg_locks and pg_stat_activity show every database of the server: a class waiting for "an advisory lock not
        // granted" saw a node of another class waiting for its own database's, and stopped its node too early.
        var unfiltered = TestSources()
            .SelectMany(s => s.Text.Split("\"\"\"").SelectMany(q => q.Split(';')).Select(q => (s.Name, Sql: q)))
            .Where(x => ServerWideView().IsMatch(x.Sql) && !x.Sql.Contains("current_database()", StringComparison.Ordinal)
                && !x.Sql.Contains("application_name", StringComparison.Ordinal))
            .Select(x => x.Name)
            .Distinct()
            .ToList();

        Assert.IsEmpty(unfiltered, "pg_locks/pg_stat_activity read without current_database(): " + string.Join(", ", unfiltered));
    }

    [TestMethod]
    public void NodePorts_ShouldBeReadFromEveryWayATestStartsANode()
    {
        const string text = """
            await PrivateCluster.StartAsync("agensium_test_x", [5161, 5162], Defaults, ct);
            var again = await cluster.StartNodeAsync(5177, ct, fixedId);
            info.Environment["Urls"] = $"http://127.0.0.1:{5189 + StackSettings.TestPortOffset}";
            var unrelated = 5555;
            var options = stack.Options with { Short = true, BasePort = 5197 };
            """;

        CollectionAssert.AreEquivalent(new[] { 5161, 5162, 5177, 5189, 5197, 5198, 5199 }, NodePorts(text).ToList());
    }

    // A class or a test method that stops, pauses or restarts a PostgreSQL, Redis or S3 server. A method of a class that
    // otherwise runs beside others may do it under a method-level [DoNotParallelize] right after [TestMethod], or to the
    // servers of a PrivateStack of its class's own (never with the shared stack's default ChaosOptions).
    private static bool StopsTheStack(string text) =>
        text.Contains("ChaosRunner", StringComparison.Ordinal) || text.Contains("StackControl", StringComparison.Ordinal)
        || StackFault().IsMatch(text);

    // The method's class starts a PrivateStack, and the method builds no ChaosOptions of its own (those default to the
    // shared stack's ports and folder).
    private static bool FaultsItsClasssPrivateStack(string classText, string method) =>
        classText.Contains("PrivateStack.StartAsync(", StringComparison.Ordinal) && !NewChaosOptions().IsMatch(method);

    private sealed record Source(string Name, string Text, bool Serial);

    private static List<Source> TestSources()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Agensium.Scheduler.sln")))
        {
            dir = dir.Parent;
        }
        Assert.IsNotNull(dir, "the repository root (Agensium.Scheduler.sln) is above the test binaries");
        var root = Path.Combine(dir.FullName, "Agensium.Scheduler.Tests");
        var sources = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.EndsWith("ParallelizationRulesTests.cs", StringComparison.Ordinal))
            .Select(p => (Path: p, Text: File.ReadAllText(p)))
            .Where(f => f.Text.Contains("[TestClass]", StringComparison.Ordinal) && f.Text.Contains("[TestMethod]", StringComparison.Ordinal))
            .Select(f => new Source(Path.GetRelativePath(root, f.Path), f.Text, ClassLevelSerial().IsMatch(f.Text)))
            .ToList();
        Assert.IsGreaterThan(50, sources.Count, "the test sources were found");
        return sources;
    }

    private static IEnumerable<int> NodePorts(string text) =>
        NodePortSite().Matches(text)
            .SelectMany(m => PortLiteral().Matches(m.Value))
            .Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture))
            // ChaosRunner's three nodes listen on BasePort, BasePort + 1 and BasePort + 2.
            .Concat(ChaosBasePort().Matches(text).SelectMany(m => Enumerable.Range(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 3)))
            .Distinct();

    // [DoNotParallelize] on its own line right under [TestClass] (with any other class attributes between).
    [GeneratedRegex(@"^\[TestClass\]\s*(?:^\[[^\]]*\][^\n]*\n\s*)*?^\[DoNotParallelize\]", RegexOptions.Multiline)]
    private static partial Regex ClassLevelSerial();

    // The calls that start nodes on fixed ports, with their port list or port argument.
    [GeneratedRegex(@"PrivateCluster\.StartAsync\([^;]*?\[[^\]]*\]|StartNodeAsync\(\d+|ServiceNode\.StartAsync\(\d+|\{\d+ \+ StackSettings\.TestPortOffset\}")]
    private static partial Regex NodePortSite();

    [GeneratedRegex(@"\b5\d{3}\b")]
    private static partial Regex PortLiteral();

    [GeneratedRegex(@"\.(?:PgStopAsync|PgRestartAsync|PgFreeze|RedisStopAsync|S3StopAsync)\(")]
    private static partial Regex StackFault();

    [GeneratedRegex(@"new (?:Agensium\.Chaos\.)?ChaosOptions\(")]
    private static partial Regex NewChaosOptions();

    [GeneratedRegex(@"\bBasePort = (5\d{3})\b")]
    private static partial Regex ChaosBasePort();

    [GeneratedRegex(@"(?:Task|void) (\w+)\(")]
    private static partial Regex MethodName();

    [GeneratedRegex(@"\bpg_(?:locks|stat_activity)\b")]
    private static partial Regex ServerWideView();

    [GeneratedRegex(@"agensium_test_[a-z0-9_]+")]
    private static partial Regex DatabaseName();
}
