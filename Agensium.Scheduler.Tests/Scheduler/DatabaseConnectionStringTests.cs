using Agensium.Scheduler.Data;
using Agensium.Scheduler.Jobs;
using Npgsql;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// The connection settings every connection of the service gets: prepared statements, no session reset on the pooled
/// connections (the service keeps no session state on them), and the listener's LISTEN on a connection outside the pool.
/// </summary>
[TestClass]
public sealed class DatabaseConnectionStringTests
{
    private const string Given = "Host=127.0.0.1;Port=5432;Database=agensium;Username=agensium;Password=secret";

    [TestMethod]
    public void Tuned_ShouldPrepareStatementsAndSkipTheSessionReset_ByDefault()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseOptions.Tuned(Given, 64, resetSessionOnReturn: false));

        Assert.AreEqual(64, tuned.MaxAutoPrepare);
        Assert.IsTrue(tuned.NoResetOnClose);
        Assert.IsTrue(tuned.Pooling);
        Assert.AreEqual("secret", tuned.Password);
    }

    [TestMethod]
    public void Tuned_ShouldKeepNpgsqlsReset_WhenTheOptionAsksForIt()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseOptions.Tuned(Given, 64, resetSessionOnReturn: true));

        Assert.IsFalse(tuned.NoResetOnClose);
    }

    [TestMethod]
    [DataRow(";No Reset On Close=false", false)]
    [DataRow(";NoResetOnClose=false", false)]
    [DataRow(";no reset on close=true", true)]
    [DataRow(";Max Auto Prepare=5", true)]
    public void Tuned_ShouldLeaveWhatTheConnectionStringSetsItself(string extra, bool noReset)
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseOptions.Tuned(Given + extra, 64, resetSessionOnReturn: false));

        Assert.AreEqual(noReset, tuned.NoResetOnClose);
        Assert.AreEqual(extra.Contains("Max Auto Prepare", StringComparison.Ordinal) ? 5 : 64, tuned.MaxAutoPrepare);
    }

    [TestMethod]
    [DataRow("", "-c plan_cache_mode=force_generic_plan")]
    [DataRow(";Options=-c statement_timeout=5s", "-c statement_timeout=5s -c plan_cache_mode=force_generic_plan")]
    public void QuartzStore_ShouldRunQuartzsStatementsWithGenericPlans_OnTheTunedConnection(string extra, string expected)
    {
        var options = new DatabaseOptions { ConnectionString = Given + extra };

        var store = new NpgsqlConnectionStringBuilder(QuartzSetup.StoreConnectionString(options));

        Assert.AreEqual(expected, store.Options);
        Assert.AreEqual(64, store.MaxAutoPrepare);
        Assert.IsTrue(store.NoResetOnClose);
        Assert.AreEqual("secret", store.Password);
    }

    [TestMethod]
    public void WakeListener_ShouldListenOnAConnectionOutsideThePool()
    {
        var options = new DatabaseOptions { ConnectionString = Given };

        var listener = new NpgsqlConnectionStringBuilder(WakeListener.ConnectionString(options));

        Assert.IsFalse(listener.Pooling);
        Assert.AreEqual("agensium", listener.Database);
        Assert.AreEqual("secret", listener.Password);
    }
}
