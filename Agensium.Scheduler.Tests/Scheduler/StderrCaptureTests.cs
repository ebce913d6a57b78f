using Agensium.Scheduler.Worker;

namespace Agensium.Scheduler.Tests.Scheduler;

[TestClass]
public sealed class StderrCaptureTests
{
    [TestMethod]
    public void Text_ShouldKeepTheHeadlineAndTheEnd_WhenAStackTraceIsThousandsOfLines()
    {
        var capture = new StderrCapture();
        capture.Add("Stack overflow.");
        capture.Add("Repeat 19186 times:");
        for (var i = 0; i < 5000; i++)
        {
            capture.Add($"   at Agensium.Deep.Recurse(Int32 depth) frame {i}");
        }
        capture.Add("   at Program.Main()");

        var text = capture.Text(1000);

        Assert.IsLessThanOrEqualTo(1000, text.Length);
        Assert.StartsWith("Stack overflow.\nRepeat 19186 times:", text);
        Assert.EndsWith("   at Program.Main()", text);
        StringAssert.Contains(text, "…");
    }

    [TestMethod]
    public void Text_ShouldBeEverythingInOrder_WhenItFits()
    {
        var capture = new StderrCapture(headLines: 2, tailLines: 3);
        foreach (var line in new[] { "a", "b", "c", "d" })
        {
            capture.Add(line);
        }

        Assert.AreEqual("a\nb\nc\nd", capture.Text(1000));
    }

    [TestMethod]
    public void Text_ShouldSayHowManyLinesWereLeftOut_WhenTheMiddleIsDropped()
    {
        var capture = new StderrCapture(headLines: 1, tailLines: 2);
        foreach (var line in new[] { "head", "x", "y", "z", "end" })
        {
            capture.Add(line);
        }

        Assert.AreEqual("head\n… (2 lines) …\nz\nend", capture.Text(1000));
    }

    [TestMethod]
    public void Restart_ShouldForgetAnEarlierRunsLines()
    {
        var capture = new StderrCapture();
        capture.Add("warning from the run before");
        capture.Restart();
        capture.Add("Unhandled exception. System.InvalidOperationException: boom");

        Assert.AreEqual("Unhandled exception. System.InvalidOperationException: boom", capture.Text(1000));
    }
}
