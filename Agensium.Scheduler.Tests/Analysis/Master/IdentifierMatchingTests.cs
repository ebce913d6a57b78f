using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>
/// A file in which only a global identifier says who a row is (a product master's GTIN): an outside probe's product
/// file of SKUs, GTINs and descriptions had no match key at all, and every row stayed its own record.
/// </summary>
[TestClass]
public sealed class IdentifierMatchingTests
{
    private const string Products = "sku,source,gtin,description,net_content\n"
        + "SKU-1000,PIM,4079703097019,AquaPura Sparkling Water Lemon 330 ml,330 ml\n"
        + "ART00000,ERP,04079703097019,SPARKLING WATER LEMON AQUAPURA 330ML,330ML\n"
        + "SKU-1001,PIM,4050516862605,AquaPura Sparkling Water Lemon 500 ml,500 ml\n"
        + "W-1,WEB,4050 5168 6260 5,AquaPura sparkling water lemon (500 ml),500 ml\n"
        + "SKU-1002,PIM,4079703097026,AquaPura Sparkling Water Lemon 1.5 l,1.5 l\n"
        + "W-2,WEB,,AquaPura sparkling water lemon (1.5 l),1.5 l\n"
        + "W-3,WEB,PENDING,AquaPura sparkling water lemon (1.5 l),1.5 l\n";

    [TestMethod]
    public void Resolve_ShouldTakeTheGlobalIdentifierAsKey_WhenNothingElseSaysWhoARowIs()
    {
        var keys = MatchKeys.Resolve(MasterTestData.Table(Products), MasterTestData.Params(GoldenRecordBuilderAgent.AgentId, "{}"), []);

        Assert.AreEqual("gtin", keys[0].Name);
        Assert.AreEqual(MatchFieldKind.Identifier, keys[0].Kind);
        Assert.AreEqual(40, keys[0].Weight);
    }

    [TestMethod]
    public void Resolve_ShouldJoinRowsOfOneIdentifier_WrittenWithALeadingZeroOrSpaces_AndNoOthers()
    {
        var c = MasterTestData.ResolveFuzzy(Products).ClusterOf;

        Assert.AreEqual(c[0], c[1], "a GTIN-13 padded to 14 digits");
        Assert.AreEqual(c[2], c[3], "written in groups");
        Assert.AreNotEqual(c[0], c[4], "another GTIN, one digit apart, is another product");
        Assert.AreEqual(5, c.Distinct().Count(), "the blank and the placeholder are no evidence: " + string.Join(",", c));
    }

    [TestMethod]
    public void Normalize_ShouldWriteAnIdentifierAsItCompares_AndAPlaceholderAsBlank()
    {
        Assert.AreEqual("123456789", MatchNormalizer.Normalize("DE 123 456 789", MatchFieldKind.Identifier));
        Assert.AreEqual("4079703097019", MatchNormalizer.Normalize("04079703097019", MatchFieldKind.Identifier));
        Assert.AreEqual("", MatchNormalizer.Normalize("***-**-0206", MatchFieldKind.Identifier));
        Assert.AreEqual("", MatchNormalizer.Normalize("TEMP-000002", MatchFieldKind.Identifier));
    }
}
