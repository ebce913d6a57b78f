using Agensium.Analysis;

namespace Agensium.Scheduler.Tests.Analysis;

[TestClass]
public sealed class UnknownNamesTests
{
    [TestMethod]
    public void Describe_ShouldCutALongNameWithoutSplittingAnEmoji()
    {
        // Review of stop 40: a name cut at 100 UTF-16 units left half of an emoji (a lone high surrogate) in the message.
        var name = new string('a', UnknownNames.MaxNameLength - 1) + "\U0001F600tail";

        var said = UnknownNames.Describe([name]);

        Assert.AreEqual("'" + new string('a', UnknownNames.MaxNameLength - 1) + "…'", said);
        Assert.IsFalse(said.Any(char.IsSurrogate), said);
    }

    [TestMethod]
    public void Describe_ShouldNameFiveDistinctNamesAndCountTheRest()
    {
        Assert.AreEqual("'a', 'b', 'c', 'd', 'e' and 2 more", UnknownNames.Describe(["a", "b", "a", "c", "d", "e", "f", "g"]));
        Assert.AreEqual("'a', 'b'", UnknownNames.Describe(["a", "b"]));
    }

    [TestMethod]
    public void Describe_ShouldQuoteEachName_SoThatAnEmptyOrBlankNameIsSeen()
    {
        // An outside tester's "agents": [""] was answered "profile-my-data has no agent named ." (the name was nowhere).
        Assert.AreEqual("''", UnknownNames.Describe([""]));
        Assert.AreEqual("' ', 'a b'", UnknownNames.Describe([" ", "a b"]));
    }

    [TestMethod]
    public void Hint_ShouldNameTheAgentMeant_ForEachUnknownNameCloseToOne()
    {
        // The stop-51 probe: "analyze --agents type_fixer" was UNKNOWN_AGENT with no word of type-fixer.
        string[] known = ["null-handler", "type-fixer", "outlier-remover"];

        Assert.AreEqual(" Did you mean 'type-fixer'?", UnknownNames.Hint(["type_fixer"], known));
        Assert.AreEqual(" Did you mean 'type-fixer' for 'type_fixer', 'null-handler' for 'nul-handler'?", UnknownNames.Hint(["type_fixer", "nope", "nul-handler"], known));
        Assert.AreEqual("", UnknownNames.Hint(["nope", ""], known));
    }
}
