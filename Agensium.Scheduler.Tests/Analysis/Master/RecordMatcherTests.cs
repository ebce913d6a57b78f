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
        Assert.AreEqual("mary jones", MatchNormalizer.Normalize("  Mary A.  Jones ", MatchFieldKind.FullName));
    }

    [TestMethod]
    public void Normalize_ShouldDropPrefixesExtensionsInitialsAndZipPlusFour_WhenValuesCarryThem()
    {
        Assert.AreEqual("2079460958", MatchNormalizer.Normalize("+44 20 7946 0958", MatchFieldKind.Phone));
        Assert.AreEqual("2079460958", MatchNormalizer.Normalize("020 7946 0958", MatchFieldKind.Phone));
        Assert.AreEqual("7142849900", MatchNormalizer.Normalize("(714) 284-9900 ext. 919", MatchFieldKind.Phone));
        Assert.AreEqual("5551234", MatchNormalizer.Normalize("555-1234 x12", MatchFieldKind.Phone));
        Assert.AreEqual("91093", MatchNormalizer.Normalize(" 91093-0535 ", MatchFieldKind.Zip));
        Assert.AreEqual("m6e 6j7", MatchNormalizer.Normalize("M6E 6J7", MatchFieldKind.Zip));
        Assert.AreEqual("megan", MatchNormalizer.Normalize("Megan L.", MatchFieldKind.FirstName));
        Assert.AreEqual("murphy", MatchNormalizer.Normalize("Murphy Jr.", MatchFieldKind.LastName));
        Assert.AreEqual("j", MatchNormalizer.Normalize("J.", MatchFieldKind.FirstName));
    }

    [TestMethod]
    public void Score_ShouldScoreBlankFieldsAtTheMidpoint_WhenAValueIsMissing()
    {
        var matcher = new RecordMatcher([
            new MatchField(0, "email", MatchFieldKind.Email, 40),
            new MatchField(1, "phone", MatchFieldKind.Phone, 30),
            new MatchField(2, "city", MatchFieldKind.City, 10),
        ]);

        // Phone blank on one side: (40·100 + 30·50 + 10·100) / 80 = 81.25 (AGENSIUM's blank = 0 would give 62.5).
        Assert.AreEqual(81.25, Score(matcher, ["a@x.com", "", "Rome"], ["a@x.com", "5551234567", "Rome"]), 1e-9);
        // Only the city comparable: (40·50 + 30·50 + 10·100) / 80 = 56.25.
        Assert.AreEqual(56.25, Score(matcher, ["", "", "Rome"], ["a@x.com", "5551234567", "Rome"]), 1e-9);
        Assert.IsTrue(Reaches(matcher, ["a@x.com", "", "Rome"], ["a@x.com", "5551234567", "Rome"], 81.25));
        Assert.IsFalse(Reaches(matcher, ["", "", "Rome"], ["a@x.com", "5551234567", "Rome"], 56.3));
    }

    [TestMethod]
    public void Score_ShouldCompareNamesCrossed_WhenFirstAndLastAreSwapped()
    {
        var matcher = new RecordMatcher([
            new MatchField(0, "first_name", MatchFieldKind.FirstName, 25),
            new MatchField(1, "last_name", MatchFieldKind.LastName, 35),
        ]);

        Assert.AreEqual(100.0, Score(matcher, ["Pedro", "Hart"], ["Hart", "Pedro"]), 1e-9);
        Assert.IsTrue(Reaches(matcher, ["Pedro", "Hart"], ["Hart", "Pedro"], 100));
    }

    [TestMethod]
    public void FieldSimilarity_ShouldCountEqualDigitPositions_WhenPhonesHaveTheSameLength()
    {
        // 9 of 10 positions equal ⇒ 90; two unrelated numbers share positions 1 and 9 only ⇒ 20.
        Assert.AreEqual(90.0, RecordMatcher.FieldSimilarity(MatchFieldKind.Phone, "5551234567", "5551234568", "", ""), 1e-9);
        Assert.AreEqual(20.0, RecordMatcher.FieldSimilarity(MatchFieldKind.Phone, "6505398745", "6874447043", "", ""), 1e-9);
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
        double score = matcher.Score(matcher.Prepare(table, CancellationToken.None), 0, 1);

        Assert.AreEqual(86.0, score, 0.0001);
    }

    // Two rows as a table (columns c0, c1, …), prepared, compared.
    private static double Score(RecordMatcher matcher, string[] a, string[] b) => matcher.Score(Prepare(matcher, a, b), 0, 1);

    private static bool Reaches(RecordMatcher matcher, string[] a, string[] b, double threshold) => matcher.Reaches(Prepare(matcher, a, b), 0, 1, threshold);

    internal static PreparedFields Prepare(RecordMatcher matcher, params string[][] rows) =>
        matcher.Prepare(MasterTable.FromRows([.. rows[0].Select((_, i) => "c" + i)], rows), CancellationToken.None);
}
