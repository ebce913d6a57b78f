using System.Diagnostics;

namespace Agensium.Scheduler.Tests.Hosting;

/// <summary>
/// scripts/node.sh in a new shell (no AGENSIUM_TEST_PORT_OFFSET set) finds this checkout's nodes: the offset the stack was
/// started with is recorded in .local/stack-ports.env, and a running node's port in .local/nodes/N/node.port; an offset
/// set in the environment still wins. Run on a copy of scripts/ in a scratch folder (no stack, no node needed).
/// </summary>
[TestClass]
public sealed class NodeScriptPortTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "scripts", "node.sh")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("scripts/node.sh not found above the test folder");
    }

    private static string ScratchCheckout()
    {
        var root = Path.Combine(Path.GetTempPath(), "agensium-nodesh-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "scripts", "lib"));
        foreach (var file in new[] { "node.sh", "lib/stack-env.sh" })
        {
            File.Copy(Path.Combine(RepoRoot(), "scripts", file), Path.Combine(root, "scripts", file));
        }
        // Node 1 "runs": its pid file holds a live process (this test's).
        Directory.CreateDirectory(Path.Combine(root, ".local", "nodes", "1"));
        File.WriteAllText(Path.Combine(root, ".local", "nodes", "1", "node.pid"), Environment.ProcessId.ToString());
        return root;
    }

    private static string Status(string root, string? offset)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "node.sh"), "status", "1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var key in new[] { "AGENSIUM_TEST_PORT_OFFSET", "AGENSIUM_PG_PORT", "AGENSIUM_REDIS_PORT", "AGENSIUM_S3_PORT" })
        {
            start.Environment.Remove(key);
        }
        if (offset is not null)
        {
            start.Environment["AGENSIUM_TEST_PORT_OFFSET"] = offset;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    /// <summary>AGENSIUM_URL as a shell that sourced scripts/lib/stack-env.sh sees it (the CLI's node API).</summary>
    private static string CliUrl(string root, string? offset, string? url)
    {
        var start = new ProcessStartInfo("bash", ["-c", "set -euo pipefail; source scripts/lib/stack-env.sh; printf '%s' \"$AGENSIUM_URL\""])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var key in new[] { "AGENSIUM_TEST_PORT_OFFSET", "AGENSIUM_PG_PORT", "AGENSIUM_REDIS_PORT", "AGENSIUM_S3_PORT", "AGENSIUM_URL" })
        {
            start.Environment.Remove(key);
        }
        if (offset is not null)
        {
            start.Environment["AGENSIUM_TEST_PORT_OFFSET"] = offset;
        }
        if (url is not null)
        {
            start.Environment["AGENSIUM_URL"] = url;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, error);
        return output;
    }

    [TestMethod]
    public void StackEnv_ShouldPointTheCliAtThisCheckoutsNodeOne_UnlessAgensiumUrlIsSet()
    {
        // README's command-line section: `source scripts/lib/stack-env.sh`, then `agensium submit …` with no --url. With
        // the stack on an offset the CLI went to 5101 (NODE_UNREACHABLE, or another checkout's node).
        var root = ScratchCheckout();
        try
        {
            File.WriteAllText(Path.Combine(root, ".local", "stack-ports.env"),
                "AGENSIUM_PG_PORT=57432\nAGENSIUM_REDIS_PORT=58379\nAGENSIUM_S3_PORT=56569\nAGENSIUM_TEST_PORT_OFFSET=400\n");
            Assert.AreEqual("http://127.0.0.1:5501", CliUrl(root, null, null), "the recorded offset's node 1");
            Assert.AreEqual("http://127.0.0.1:5108", CliUrl(root, "7", null), "an offset set in the environment wins");
            Assert.AreEqual("http://10.0.0.5:5101", CliUrl(root, null, "http://10.0.0.5:5101"), "an AGENSIUM_URL set wins");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void Status_ShouldUseTheOffsetRecordedWithTheStackPorts_WhenTheEnvironmentHasNone()
    {
        var root = ScratchCheckout();
        try
        {
            File.WriteAllText(Path.Combine(root, ".local", "stack-ports.env"),
                "AGENSIUM_PG_PORT=57432\nAGENSIUM_REDIS_PORT=58379\nAGENSIUM_S3_PORT=56569\nAGENSIUM_TEST_PORT_OFFSET=400\n");
            StringAssert.Contains(Status(root, null), "http://127.0.0.1:5501", "the recorded offset, not another checkout's 5101");
            StringAssert.Contains(Status(root, "7"), "http://127.0.0.1:5108", "an offset set in the environment wins");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void Status_ShouldReportTheRunningNodesOwnPort_WhenTheEnvironmentHasNoOffset()
    {
        var root = ScratchCheckout();
        try
        {
            File.WriteAllText(Path.Combine(root, ".local", "nodes", "1", "node.port"), "5401\n");
            StringAssert.Contains(Status(root, null), "http://127.0.0.1:5401");
            StringAssert.Contains(Status(root, "0"), "http://127.0.0.1:5101", "an explicit offset wins");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
