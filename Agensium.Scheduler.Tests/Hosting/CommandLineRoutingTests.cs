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
    public async Task MisspeltCommand_ShouldBeRefusedByTheCli_NotStartANode()
    {
        // Before, any word the CLI did not list (a new command too) started the service, which then ran until killed.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));

        var (exit, output, error) = await SchedulerCommand.RunAsync(new Dictionary<string, string>(), timeout.Token, "dowload", "some-task");

        Assert.AreNotEqual(0, exit, output + error);
        StringAssert.Contains(output + error, "dowload");
    }
}
