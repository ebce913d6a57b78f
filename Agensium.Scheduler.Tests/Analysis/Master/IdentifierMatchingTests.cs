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
    public void Resolve_ShouldKeepVatNumbersOfTwoCountriesApart_WhenTheirDigitsAreAlike()
    {
        // Review: with the country prefix stripped, DE123456789 and GB123456789 (two firms) became one golden record.
        const string Register = "vat_id,city\nDE123456789,Berlin\nGB123456789,London\nDE 123 456 789,Berlin\nDE987654321,Munich\n";
        var c = MasterTestData.ResolveFuzzy(Register).ClusterOf;

        Assert.AreNotEqual(c[0], c[1], "another country's register");
        Assert.AreEqual(c[0], c[2], "one number written with spaces");
    }

    [TestMethod]
    public void Automatic_ShouldTakeNoIdentifierKey_WhenTheRowsAreTransactionsNumberedByTheirOwnId()
    {
        // Review: 12 orders of 3 products (a product_gtin column) came out as 3 golden records with 9 orders folded away.
        var rows = string.Concat(Enumerable.Range(0, 12).Select(i => $"ORD-{1000 + i},{(i % 3 == 0 ? "4079703097019" : i % 3 == 1 ? "4050516862605" : "4079703097026")},{i + 1},Berlin\n"));
        var table = MasterTestData.Table("order_id,product_gtin,quantity,ship_city\n" + rows);

        var keys = MatchKeys.Automatic(table, out string? numberedBy);

        Assert.IsEmpty(keys, string.Join(",", keys.Select(k => table.Columns[k])));
        Assert.AreEqual("order_id", numberedBy);
    }

    [TestMethod]
    public void Normalize_ShouldWriteAnIdentifierAsItCompares_AndAPlaceholderAsBlank()
    {
        Assert.AreEqual("DE123456789", MatchNormalizer.Normalize("DE 123 456 789", MatchFieldKind.Identifier), "the country prefix stays (review)");
        Assert.AreEqual("4079703097019", MatchNormalizer.Normalize("04079703097019", MatchFieldKind.Identifier));
        Assert.AreEqual("", MatchNormalizer.Normalize("***-**-0206", MatchFieldKind.Identifier));
        Assert.AreEqual("", MatchNormalizer.Normalize("TEMP-000002", MatchFieldKind.Identifier));
    }
}
