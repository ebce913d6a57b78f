using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>Normalisation and the weighted record similarity of AGENSIUM 5.3.</summary>
[TestClass]
public sealed class RecordMatcherTests
{
    [TestMethod]
    public void Normalize_ShouldKeepDigitsOnly_WhenValueIsAPhone()
    {
        Assert.AreEqual("5551234567", MatchNormalizer.Normalize("(555) 123-4567", MatchFieldKind.Phone));
        Assert.AreEqual("johnsmithgmailcom", MatchNormalizer.Normalize(" John.Smith@Gmail.com ", MatchFieldKind.Email));
        Assert.AreEqual("12 apt 4", MatchNormalizer.Normalize("12 Road Street, Apt 4", MatchFieldKind.Address));
        Assert.AreEqual("mary a jones", MatchNormalizer.Normalize("  Mary A.  Jones ", MatchFieldKind.FullName));
    }

    [TestMethod]
    public void FieldSimilarity_ShouldBlendJaroWinklerAndSoundex_WhenComparingNames()
    {
        // JW(smith, smyth) = 0.89333; Soundex S530 both ⇒ 0.8·89.333 + 20 = 91.467.
        Assert.AreEqual(91.4667, RecordMatcher.FieldSimilarity(MatchFieldKind.LastName, "smith", "smyth", "S530", "S530"), 0.001);
        Assert.AreEqual(0.0, RecordMatcher.FieldSimilarity(MatchFieldKind.Zip, "62704", "62705", "", ""));
        Assert.AreEqual(0.0, RecordMatcher.FieldSimilarity(MatchFieldKind.Email, "", "x", "", ""));
        Assert.AreEqual(100.0, RecordMatcher.FieldSimilarity(MatchFieldKind.Address, "12", "12", "", ""));
    }

    [TestMethod]
    public void Score_ShouldNormaliseWeights_WhenTwoFieldsAreCompared()
    {
        var table = MasterTestData.Table("email,phone\na@x.com,555-1234567\na@x.com,555-0000000\n");
        var matcher = new RecordMatcher([
            new MatchField(0, "email", MatchFieldKind.Email, 40),
            new MatchField(1, "phone", MatchFieldKind.Phone, 10),
        ]);

        // email 100·40; phone Indel("5551234567","5550000000"): LCS "555" ⇒ 2·3/20 = 30 → 30·10; (4000 + 300) / 50 = 86.
        double score = matcher.Score(matcher.Prepare(table.Rows[0]), matcher.Prepare(table.Rows[1]));

        Assert.AreEqual(86.0, score, 0.0001);
    }
}
