using System.Diagnostics;

namespace Agensium.Scheduler.Tests.Hosting;

/// <summary>
/// scripts/node.sh start keeps the previous run's node.log as node.log.1: it overwrote it, so a node restarted after it
/// was killed or crashed lost what it printed (stop 43's probe). Run on a copy of scripts/ in a scratch folder, with a
/// "service" that prints a line and exits (the start then fails, after the log was set up), so no stack is needed.
/// </summary>
[TestClass]
public sealed class NodeScriptLogTests
{
    [TestMethod]
    public void Start_ShouldKeepThePreviousRunsLog_AsNodeLog1()
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "scripts", "node.sh")))
        {
            repo = repo.Parent;
        }
        Assert.IsNotNull(repo, "scripts/node.sh above the test folder");
        var root = Directory.CreateTempSubdirectory("agensium-nodesh-log-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "scripts", "lib"));
            foreach (var file in new[] { "node.sh", "lib/stack-env.sh" })
            {
                File.Copy(Path.Combine(repo.FullName, "scripts", file), Path.Combine(root, "scripts", file));
            }
            var node = Directory.CreateDirectory(Path.Combine(root, ".local", "nodes", "1")).FullName;
            File.WriteAllText(Path.Combine(node, "node.log"), "what the killed node said\n");
            // `dotnet FILE` on a file that is no assembly prints an error and exits: a node that fails to start.
            var fake = Path.Combine(root, "not-a-service.dll");
            File.WriteAllText(fake, "");

            var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "node.sh"), "start", "1"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["AGENSIUM_NODE_DLL"] = fake;
            start.Environment["AGENSIUM_TEST_PORT_OFFSET"] = "3890"; // 8991: nothing of this suite listens there
            using (var process = Process.Start(start)!)
            {
                var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.AreEqual(1, process.ExitCode, output);
                StringAssert.Contains(output, "exited during start", output);
            }

            Assert.AreEqual("what the killed node said\n", File.ReadAllText(Path.Combine(node, "node.log.1")), "the previous run's log is kept");
            Assert.DoesNotContain("what the killed node said", File.ReadAllText(Path.Combine(node, "node.log")), "this run's log is its own");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
