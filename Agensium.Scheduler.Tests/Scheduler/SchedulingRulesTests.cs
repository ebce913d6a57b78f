using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Storage;
using Serilog.Events;

namespace Agensium.Scheduler.Tests.Scheduler;

[TestClass]
public sealed class SchedulingRulesTests
{
    [TestMethod]
    public void PriorityOf_ShouldRankHighAboveDefaultAboveLow_WhenComparingQueues()
    {
        Assert.IsGreaterThan(QueueOptions.PriorityOf(QueueOptions.Default), QueueOptions.PriorityOf(QueueOptions.High));
        Assert.IsGreaterThan(QueueOptions.PriorityOf(QueueOptions.Low), QueueOptions.PriorityOf(QueueOptions.Default));
    }

    [TestMethod]
    public void QueueFor_ShouldUseTheToolDefault_WhenConfiguredElseDefault()
    {
        var o = new QueueOptions { ToolDefaults = { ["master-my-data"] = QueueOptions.Low } };
        Assert.AreEqual(QueueOptions.Low, o.QueueFor("master-my-data"));
        Assert.AreEqual(QueueOptions.Default, o.QueueFor("profile-my-data"));
    }

    [TestMethod]
    public void NodeInstanceId_ShouldBeUniquePerProcess_WhenAuto()
    {
        var id = NodeInstanceId.Resolve("AUTO");
        StringAssert.StartsWith(id, Environment.MachineName + "-" + Environment.ProcessId + "-");
        Assert.AreEqual("node-7", NodeInstanceId.Resolve("node-7"));
    }

    [TestMethod]
    public void TaskPaths_ShouldFollowTheAgensiumLayout_WhenBuildingKeys()
    {
        Assert.AreEqual("users/5/tasks/abc/inputs/data.csv", TaskPaths.Input(5, "abc", "data.csv"));
        Assert.AreEqual("users/5/tasks/abc/outputs/r.json", TaskPaths.Output(5, "abc", "r.json"));
        Assert.AreEqual("users/5/tasks/abc/", TaskPaths.TaskPrefix(5, "abc"));
    }

    [TestMethod]
    [DataRow(LogEventLevel.Information, "INFO")]
    [DataRow(LogEventLevel.Warning, "WARNING")]
    [DataRow(LogEventLevel.Error, "ERROR")]
    [DataRow(LogEventLevel.Fatal, "CRITICAL")]
    [DataRow(LogEventLevel.Debug, "DEBUG")]
    public void LevelName_ShouldUsePythonLoggingNames_AsTheSeedsFormatDoes(LogEventLevel level, string expected) =>
        Assert.AreEqual(expected, SeedFormatEnricher.LevelName(level));
}

/// <summary>Under journald the console lines carry the syslog priority of their level (journalctl -p err finds errors).</summary>
[TestClass]
public sealed class JournalPriorityWriterTests
{
    [TestMethod]
    public void Write_ShouldPrefixEachLineWithItsLevelsPriority_AndTheTraceLinesWithTheirEventsOne()
    {
        var inner = new StringWriter();
        var writer = new Agensium.Scheduler.Logging.JournalPriorityWriter(inner);

        writer.Write("[2026-12-06 01:00:00,000: INFO/node-1] started\n");
        writer.Write("[2026-12-06 01:00:01,000: ERROR/node-1][process-analysis(abc)] failed\nSystem.Exception: boom\n   at X()\n");
        writer.Write("[2026-12-06 01:00:02,000: WARNING/node-1] slow\n");
        writer.Flush();

        Assert.AreEqual(
            "<6>[2026-12-06 01:00:00,000: INFO/node-1] started\n"
            + "<3>[2026-12-06 01:00:01,000: ERROR/node-1][process-analysis(abc)] failed\n<3>System.Exception: boom\n<3>   at X()\n"
            + "<4>[2026-12-06 01:00:02,000: WARNING/node-1] slow\n",
            inner.ToString().Replace("\r\n", "\n"));
    }
}
