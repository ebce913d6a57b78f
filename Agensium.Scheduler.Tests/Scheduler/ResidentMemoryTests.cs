using System.Diagnostics;
using System.Text;
using Agensium.Scheduler.Worker;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// A worker's resident memory read through one /proc/PID/statm handle kept open: each reading must be the process's
/// memory now (not the first reading again), and a process that is gone reads 0, as the recycling check expects.
/// </summary>
[TestClass]
public sealed class ResidentMemoryTests
{
    [TestMethod]
    public void Bytes_ShouldFollowTheProcessMemory_WhenReadAgainThroughTheSameHandle()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("/proc is Linux's");
        }
        using var memory = new ResidentMemory(Environment.ProcessId);
        var before = memory.Bytes();
        var block = GC.AllocateUninitializedArray<byte>(96 * 1024 * 1024, pinned: true);
        for (var i = 0; i < block.Length; i += 4096)
        {
            block[i] = 1; // touched: resident
        }

        var after = memory.Bytes();
        var fresh = ReadFresh();

        Assert.IsGreaterThan(0L, before);
        Assert.IsGreaterThanOrEqualTo(before + 64L * 1024 * 1024, after, $"96 MiB touched between {before} and {after} bytes");
        Assert.IsLessThan(32L * 1024 * 1024, Math.Abs(fresh - after), $"a fresh read says {fresh}, the kept handle {after}");
        GC.KeepAlive(block);
    }

    [TestMethod]
    public void Bytes_ShouldBeZero_OnceTheProcessIsGone()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("/proc is Linux's");
        }
        using var process = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        using var memory = new ResidentMemory(process.Id);
        Assert.IsGreaterThan(0L, memory.Bytes(), "a live process has resident pages");

        process.Kill();
        process.WaitForExit();

        Assert.AreEqual(0L, memory.Bytes());
    }

    [TestMethod]
    public void Bytes_ShouldBeZero_AfterDispose()
    {
        var memory = new ResidentMemory(Environment.ProcessId);
        memory.Dispose();

        Assert.AreEqual(0L, memory.Bytes());
    }

    [TestMethod]
    [DataRow("12345 678 90 1 0 2 0\n", 678L)]
    [DataRow("12345 678", 678L)]
    [DataRow("12345", 0L)]
    [DataRow("", 0L)]
    [DataRow("1 x 2\n", 0L)]
    public void Parse_ShouldReadTheResidentPages(string statm, long pages) =>
        Assert.AreEqual(pages, ResidentMemory.Parse(Encoding.ASCII.GetBytes(statm)));

    private static long ReadFresh() =>
        long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1]) * Environment.SystemPageSize;
}
