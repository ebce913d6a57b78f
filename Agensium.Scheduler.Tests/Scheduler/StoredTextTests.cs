using System.Text;
using Agensium.Scheduler.Data;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>Text cut to a column's length stays text: never half of a surrogate pair, which PostgreSQL's encoder refuses.</summary>
[TestClass]
public sealed class StoredTextTests
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [TestMethod]
    [DataRow("abc", 5, "abc")]
    [DataRow("abcdef", 3, "abc")]
    [DataRow("ab\U0001F600", 3, "ab")]
    [DataRow("ab\U0001F600", 4, "ab\U0001F600")]
    [DataRow("a\U0001F600b", 3, "a\U0001F600")]
    [DataRow("\U0001F600", 1, "")]
    public void Clip_ShouldNeverEndInsideASurrogatePair(string text, int max, string expected)
    {
        var clipped = StoredText.Clip(text, max);
        Assert.AreEqual(expected, clipped);
        _ = Strict.GetBytes(clipped); // what Npgsql does with a text parameter: throws on a lone surrogate
    }

    [TestMethod]
    public void ErrorMessages_ShouldBeCutToTheirColumnAsText()
    {
        var message = new string('x', Tasks.TaskStore.MaxErrorMessageLength - 1) + "\U0001F600 and more";
        _ = Strict.GetBytes(Tasks.TaskStore.Truncate(message));
        Assert.AreEqual(Tasks.TaskStore.MaxErrorMessageLength - 1, Tasks.TaskStore.Truncate(message).Length);
    }
}
