using Agensium.Scheduler.Cli;

namespace Agensium.Scheduler.Tests.Hosting;

/// <summary>Which command lines the CLI takes and which start the service: a misspelt command must never start a node.</summary>
[TestClass]
public sealed class CommandLineRoutingTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("download", true)]
    [DataRow("dowload", true)]
    [DataRow("inspect", true)]
    [DataRow("--help", true)]
    [DataRow("--version", true)]
    [DataRow("--urls", false)]
    [DataRow("/Scheduler:Concurrency", false)]
    [DataRow("Scheduler:Concurrency=2", false)]
    public void IsCommand_ShouldSendWordsToTheCli_AndHostSettingsToTheService(string first, bool cli) =>
        Assert.AreEqual(cli, CliApp.IsCommand(first), first);

    [TestMethod]
    [DataRow("--json tasks --limit 1", true)]
    [DataRow("--url http://127.0.0.1:5102 tasks", true)]
    [DataRow("--api-key=k status x", true)]
    [DataRow("--urls http://127.0.0.1:5101", false)]
    [DataRow("", false)]
    public void IsCommandLine_ShouldSendTheCliOptionsBeforeACommandToTheCli(string line, bool cli)
    {
        // "--json tasks" started a whole service node, which joined the cluster and never exited.
        Assert.AreEqual(cli, CliApp.IsCommandLine(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)), line);
    }

    [TestMethod]
    public async Task MisspeltCommand_ShouldBeRefusedByTheCli_NotStartANode()
    {
        // Before, any word the CLI did not list (a new command too) started the service, which then ran until killed.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));

        var (exit, output, error) = await SchedulerCommand.RunAsync(new Dictionary<string, string>(), timeout.Token, "dowload", "some-task");

        Assert.AreNotEqual(0, exit, output + error);
        StringAssert.Contains(output + error, "dowload");
    }

    [TestMethod]
    public async Task CliCommands_ShouldSayInOneLineWhatIsUnreachable_NotCrashWithAStackTrace()
    {
        // Outside probe: with no node at --url, no database, a bad --url or an --out that cannot be written, the CLI
        // aborted (exit 134) with .NET's unhandled-exception trace.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        string data = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(data, "a,b\n1,2\n", timeout.Token);
        var deadDatabase = new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=3" };
        try
        {
            foreach (var (env, args, expected) in new (Dictionary<string, string>, string[], string)[]
            {
                ([], ["submit", data, "--tool", "profile-my-data", "--url", "http://127.0.0.1:1"], "Cannot reach a node's API"),
                ([], ["submit", data, "--tool", "profile-my-data", "--url", "127.0.0.1:1"], "--url must be a node's address"),
                (deadDatabase, ["history", "--limit", "3"], "Cannot reach PostgreSQL"),
                (deadDatabase, ["inspect", "nodes"], "Cannot reach PostgreSQL"),
                ([], ["submit", Path.GetTempPath(), "--tool", "profile-my-data"], "is a folder"),
                ([], ["analyze", Path.GetTempPath(), "--tool", "profile-my-data"], "is a folder"),
                ([], ["analyze", data, data, "--tool", "profile-my-data"], "is given twice"),
                ([], ["analyze", data, "--tool", "profile-my-data", "--out", Path.Combine(data, "out")], "as the output folder (--out)"),
            })
            {
                var (exit, output, error) = await SchedulerCommand.RunAsync(env, timeout.Token, args);

                Assert.AreEqual(1, exit, string.Join(' ', args) + "\n" + output + error);
                StringAssert.Contains(error, expected, string.Join(' ', args));
                Assert.DoesNotContain("Unhandled exception", error);
                Assert.DoesNotContain("   at ", error, "no stack trace");
            }
        }
        finally
        {
            File.Delete(data);
        }
    }

    [TestMethod]
    public async Task Analyze_ShouldPrintJsonForScripts_WhenAskedWithJson()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        string folder = Path.Combine(Path.GetTempPath(), $"cli-json-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string data = Path.Combine(folder, "data.csv");
            await File.WriteAllTextAsync(data, "a,b\n1,2\n3,4\n", timeout.Token);

            // --json first, as a global option; the progress goes to standard error, so standard output is JSON alone.
            var (exit, output, error) = await SchedulerCommand.RunAsync(new Dictionary<string, string>(), timeout.Token,
                "--json", "analyze", data, "--tool", "profile-my-data", "--out", Path.Combine(folder, "out"));

            Assert.AreEqual(0, exit, error);
            var written = System.Text.Json.Nodes.JsonNode.Parse(output)!["outputs"]!.AsArray().Select(o => (string?)o!["name"]).ToArray();
            CollectionAssert.AreEquivalent(new[] { "profile_my_data_analysis.json", "profile_my_data_analysis.xlsx" }, written);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
