using Agensium.Scheduler.Jobs;

namespace Agensium.Scheduler.Tests.Hosting;

/// <summary>
/// deploy/systemd/agensium-scheduler@.service as README promises it: a node that cannot reach PostgreSQL (exit 1) is
/// restarted for as long as the outage lasts, a refused setting (exit 78) is not, and systemd waits out the shutdown
/// grace before it kills a stopping node. Read as text: there is no systemd here to load it.
/// </summary>
[TestClass]
public sealed class SystemdUnitTests
{
    private static IReadOnlyDictionary<string, string> Unit()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "deploy", "systemd")))
        {
            dir = dir.Parent;
        }
        var path = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("deploy/systemd not found above the test folder"),
            "deploy", "systemd", "agensium-scheduler@.service");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';' or '[' || line.IndexOf('=') is not (> 0 and var eq))
            {
                continue;
            }
            settings[line[..eq].Trim()] = line[(eq + 1)..].Trim(); // the last assignment wins, as in systemd
        }
        return settings;
    }

    [TestMethod]
    public void Unit_ShouldRestartANodeForAsLongAsItFails_WithoutAStartLimit()
    {
        var unit = Unit();
        Assert.AreEqual("always", unit["Restart"]);
        // Without StartLimitIntervalSec=0 systemd's default limit (5 starts in 10 s) or the unit's own gives up on a
        // node that restarts through a database outage of a minute or two: failed until `systemctl reset-failed`.
        Assert.IsTrue(unit.TryGetValue("StartLimitIntervalSec", out var interval), "the unit sets no StartLimitIntervalSec");
        Assert.AreEqual("0", interval, "a start limit gives up on a node during a long PostgreSQL outage");
        Assert.IsFalse(unit.ContainsKey("StartLimitBurst"), "a burst means nothing without an interval: leave it out");
        Assert.IsGreaterThanOrEqualTo(1, int.Parse(unit["RestartSec"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void Unit_ShouldNotRestartARefusedSetting_AndShouldOutwaitTheShutdownGrace()
    {
        var unit = Unit();
        Assert.AreEqual("78", unit["RestartPreventExitStatus"]);
        Assert.AreEqual("mixed", unit["KillMode"]);
        var stop = TimeSpan.FromSeconds(int.Parse(unit["TimeoutStopSec"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsGreaterThan(new SchedulerOptions().ShutdownGrace, stop, "TimeoutStopSec must exceed the default Scheduler:ShutdownGrace");
    }
}
