using Agensium.Scheduler.Jobs;
using Quartz.Impl.AdoJobStore;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// The acquisition statement MaintenanceFirstDelegate builds from Quartz's own: due maintenance triggers first, then
/// Quartz's statement unchanged but for leaving those out. Quartz's text is rewritten, so a Quartz version whose
/// statement has another shape must be refused, not rewritten into something else.
/// </summary>
[TestClass]
public sealed class MaintenanceFirstStatementTests
{
    private sealed class Probe : MaintenanceFirstDelegate
    {
        public string Statement(int maxCount, int excludedJobTypes) =>
            GetSelectNextTriggerToAcquireSql(new TriggerAcquisitionSqlShape(maxCount, excludedJobTypes));
    }

    [TestMethod]
    [DataRow(1, 0, DisplayName = "one row")]
    [DataRow(5, 1, DisplayName = "a batch, analyses left out (every analysis slot busy)")]
    public void Statement_ShouldTakeDueMaintenanceTriggersFirst_ThenQuartzsOwnOrder(int maxCount, int excludedJobTypes)
    {
        var sql = new Probe().Statement(maxCount, excludedJobTypes);

        var branches = sql.Split("UNION ALL");
        Assert.HasCount(2, branches, sql);
        const string due = "t.JOB_NAME IN ('health-check', 'cleanup-expired-tasks') AND t.JOB_GROUP = 'maintenance' AND t.NEXT_FIRE_TIME <= @misfireCountedFrom";
        StringAssert.Contains(branches[0], "AND " + due);
        StringAssert.Contains(branches[1], $"AND NOT ({due})");
        foreach (var branch in branches)
        {
            // Each branch is Quartz's statement: its order and row limit.
            StringAssert.Contains(branch, "ORDER BY");
            StringAssert.Contains(branch, "NEXT_FIRE_TIME ASC, PRIORITY DESC");
            StringAssert.Contains(branch, $"LIMIT {maxCount}");
            Assert.AreEqual(excludedJobTypes > 0, branch.Contains("JOB_CLASS_NAME NOT IN", StringComparison.Ordinal), branch);
        }
    }

    [TestMethod]
    [DataRow("SELECT a FROM t WHERE b = @misfireCountedFrom", DisplayName = "no ORDER BY")]
    [DataRow("SELECT a FROM t WHERE b = @x ORDER BY a", DisplayName = "no clock parameter")]
    [DataRow("SELECT a FROM t WHERE b IN (SELECT c FROM u ORDER BY c) AND d = @misfireCountedFrom ORDER BY a", DisplayName = "two ORDER BYs")]
    [DataRow("(SELECT a FROM t WHERE b = @misfireCountedFrom) UNION ALL (SELECT a FROM t) ORDER BY a", DisplayName = "already a union")]
    public void Statement_ShouldBeRefused_WhenQuartzsStatementHasAnotherShape(string sql) =>
        Assert.ThrowsExactly<InvalidOperationException>(() => MaintenanceFirstDelegate.MaintenanceFirst(sql));
}
