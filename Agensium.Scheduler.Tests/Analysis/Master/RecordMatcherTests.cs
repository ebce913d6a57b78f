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
    [DataRow("+49 711 123450", "0711 123450")] // a German number of 11 digits: its last 10 began with the 9 of +49
    [DataRow("+49 89 636 00", "089 63600")] // 9 and 8 digits: neither ended the other while the trunk 0 was kept
    [DataRow("+61 2 9000 1000", "(02) 9000 1000")]
    [DataRow("+33 1 23 45 67 89", "01 23 45 67 89")]
    [DataRow("0049 711 123450", "0711 123450")]
    public void FieldSimilarity_ShouldReadANumberWrittenNationallyWithItsTrunkZero_AsItsInternationalForm(string international, string national)
    {
        string a = MatchNormalizer.Normalize(international, MatchFieldKind.Phone);
        string b = MatchNormalizer.Normalize(national, MatchFieldKind.Phone);

        Assert.AreEqual(100.0, RecordMatcher.FieldSimilarity(MatchFieldKind.Phone, a, b, "", ""), $"{a} / {b}");
    }

    [TestMethod]
    public void Normalize_ShouldDropATrunkZero_ButNotTheInternationalPrefixOrAShortNumbersZero()
    {
        Assert.AreEqual("711123450", MatchNormalizer.Normalize("0711 123450", MatchFieldKind.Phone));
        Assert.AreEqual("9711123450", MatchNormalizer.Normalize("0049 711 123450", MatchFieldKind.Phone));
        Assert.AreEqual("0123456", MatchNormalizer.Normalize("012-3456", MatchFieldKind.Phone), "7 digits: no trunk prefix to drop");
        Assert.AreEqual(100.0 * 8 / 9, RecordMatcher.FieldSimilarity(MatchFieldKind.Phone,
            MatchNormalizer.Normalize("0711 123450", MatchFieldKind.Phone), MatchNormalizer.Normalize("0711 123459", MatchFieldKind.Phone), "", ""), 1e-9,
            "two national numbers still compare digit by digit");
    }

    [TestMethod]
    public void Normalize_ShouldDropPrefixesExtensionsInitialsAndZipPlusFour_WhenValuesCarryThem()
    {
        Assert.AreEqual("2079460958", MatchNormalizer.Normalize("+44 20 7946 0958", MatchFieldKind.Phone));
        Assert.AreEqual("2079460958", MatchNormalizer.Normalize("020 7946 0958", MatchFieldKind.Phone));
        Assert.AreEqual("7142849900", MatchNormalizer.Normalize("(714) 284-9900 ext. 919", MatchFieldKind.Phone));
        Assert.AreEqual("5551234", MatchNormalizer.Normalize("555-1234 x12", MatchFieldKind.Phone));
        Assert.AreEqual("91093", MatchNormalizer.Normalize(" 91093-0535 ", MatchFieldKind.Zip));
        Assert.AreEqual("m6e6j7", MatchNormalizer.Normalize("M6E 6J7", MatchFieldKind.Zip));
        Assert.AreEqual("megan", MatchNormalizer.Normalize("Megan L.", MatchFieldKind.FirstName));
        Assert.AreEqual("murphy", MatchNormalizer.Normalize("Murphy Jr.", MatchFieldKind.LastName));
        Assert.AreEqual("j", MatchNormalizer.Normalize("J.", MatchFieldKind.FirstName));
    }

    [TestMethod]
    [DataRow("KHAN, Rebecca", "Rebecca Khan", MatchFieldKind.FullName)]
    [DataRow("  Dreßler ,  Uwe A. ", "Uwe Dreßler", MatchFieldKind.FullName)]
    [DataRow("Williams, Christopher Jr.", "Christopher Williams", MatchFieldKind.FullName)]
    [DataRow("mareike_lange+amazon@googlemail.com", "Mareike_Lange@gmail.com", MatchFieldKind.Email)]
    [DataRow("uwe+news@web.de", "uwe@web.de", MatchFieldKind.Email)]
    [DataRow("SW1A 8NG", "sw1a8ng", MatchFieldKind.Zip)]
    [DataRow("D-60316", "60316", MatchFieldKind.Zip)]
    [DataRow("CH-8001", "8001", MatchFieldKind.Zip)]
    public void Normalize_ShouldGiveOneForm_WhenTheSameValueIsWrittenTwoWays(string one, string other, MatchFieldKind kind) =>
        Assert.AreEqual(MatchNormalizer.Normalize(other, kind), MatchNormalizer.Normalize(one, kind), $"{one} / {other}");

    [TestMethod]
    [DataRow("Smith, John, Jr.", "smith john", MatchFieldKind.FullName)]      // two commas: not turned round
    [DataRow("Acme, ", "acme", MatchFieldKind.FullName)]
    [DataRow("+tag@example.com", "tagexamplecom", MatchFieldKind.Email)]       // a '+' first is the local part itself
    [DataRow("a+b@gmail.com", "agmailcom", MatchFieldKind.Email)]
    [DataRow("A7E-7R8", "a7e7r8", MatchFieldKind.Zip)]                         // three letters before the dash: no country prefix
    public void Normalize_ShouldKeepTheValue_WhenItIsNotAnotherWayOfWritingIt(string value, string expected, MatchFieldKind kind) =>
        Assert.AreEqual(expected, MatchNormalizer.Normalize(value, kind));

    [TestMethod]
    public void Score_ShouldScoreBlankFieldsAtTheMidpoint_WhenAValueIsMissing()
    {
        var matcher = new RecordMatcher([
            new MatchField(0, "email", MatchFieldKind.Email, 40),
            new MatchField(1, "phone", MatchFieldKind.Phone, 30),
            new MatchField(2, "city", MatchFieldKind.City, 10),
        ]);

        // Phone blank on one side: (40·100 + 30·50 + 10·100) / 80 = 81.25 (AGENSIUM's blank = 0 would give 62.5). A third
        // row holds the e-mail too, so it is no mailbox of these two alone (see SoleMailbox).
        string[] third = ["a@x.com", "5559990000", "Oslo"];
        var p = Prepare(matcher, ["a@x.com", "", "Rome"], ["a@x.com", "5551234567", "Rome"], third);
        Assert.AreEqual(81.25, matcher.Score(p, 0, 1), 1e-9);
        Assert.IsTrue(matcher.Reaches(p, 0, 1, 81.25));
        Assert.IsFalse(matcher.Reaches(p, 0, 1, 81.3));
        // Only the city comparable: (40·50 + 30·50 + 10·100) / 80 = 56.25.
        Assert.AreEqual(56.25, Score(matcher, ["", "", "Rome"], ["a@x.com", "5551234567", "Rome"]), 1e-9);
        Assert.IsFalse(Reaches(matcher, ["", "", "Rome"], ["a@x.com", "5551234567", "Rome"], 56.3));
    }

    [TestMethod]
    public void Score_ShouldLeaveBlanksOut_WhenTwoRowsAloneHoldOneMailbox()
    {
        var matcher = new RecordMatcher([
            new MatchField(0, "email", MatchFieldKind.Email, 40),
            new MatchField(1, "phone", MatchFieldKind.Phone, 30),
            new MatchField(2, "first_name", MatchFieldKind.FirstName, 25),
            new MatchField(3, "last_name", MatchFieldKind.LastName, 35),
        ]);
        string[] full = ["Jose.Garcia@example.com", "5552013344", "Jose", "Garcia"];
        string[] other = ["anna@example.com", "5557771212", "Anna", "Berg"];

        // Only the e-mail given: (40·100 + 90·50) / 130 = 65.4 with the blanks at the midpoint; the address is held by
        // these two rows alone, one mailbox (case aside), so the blanks are left out: 100.
        var p = Prepare(matcher, ["jose.garcia@example.com", "", "", ""], full, other);
        Assert.AreEqual(100, matcher.Score(p, 0, 1), 1e-9);
        Assert.IsTrue(matcher.Reaches(p, 0, 1, 80));
        // Something filled disagrees (another phone): the midpoint stays, (40·100 + 30·p + 60·50) / 130, far below 80.
        p = Prepare(matcher, ["jose.garcia@example.com", "5558880000", "", ""], full, other);
        Assert.IsFalse(matcher.Reaches(p, 0, 1, 80));
        // A third row holds the address (a household's): the ordinary rules decide.
        p = Prepare(matcher, ["jose.garcia@example.com", "", "", ""], full, ["jose.garcia@example.com", "5552013344", "Maria", "Garcia"]);
        Assert.IsFalse(matcher.Reaches(p, 0, 1, 80));
        // A lone name is weak: the name given, e-mail and phone blank, still scores the midpoint for them.
        p = Prepare(matcher, ["", "", "Jose", "Garcia"], full, other);
        Assert.IsFalse(matcher.Reaches(p, 0, 1, 80));
    }

    [TestMethod]
    [DataRow("bob@r-ay.org", false)]
    [DataRow("b.o.b@ray.org", false)]
    [DataRow("bo@bray.org", false)]
    [DataRow("Bob+tag@Ray.org", true)]
    [DataRow("b.o.b@googlemail.com", false)] // gmail.com's dots are dropped at gmail.com only, not ray.org
    public void SoleMailbox_ShouldHoldOnlyForOneMailbox_WhenAddressesDifferInPunctuation(string other, bool expected)
    {
        var matcher = new RecordMatcher([
            new MatchField(0, "email", MatchFieldKind.Email, 40),
            new MatchField(1, "name", MatchFieldKind.FullName, 10),
        ]);

        var p = Prepare(matcher, ["bob@ray.org", "Bob Ray"], [other, ""], ["ann@x.com", "Ann Lee"]);

        Assert.AreEqual(expected, matcher.SoleMailbox(p, 0, 1), other);
    }

    [TestMethod]
    public void SoleMailbox_ShouldReadGmailNamesWithoutDots()
    {
        var matcher = new RecordMatcher([new MatchField(0, "email", MatchFieldKind.Email, 40), new MatchField(1, "name", MatchFieldKind.FullName, 10)]);

        var p = Prepare(matcher, ["bob.ray@gmail.com", "Bob Ray"], ["BobRay+x@googlemail.com", ""], ["ann@x.com", "Ann Lee"]);

        Assert.IsTrue(matcher.SoleMailbox(p, 0, 1));
    }

    [TestMethod]
    [DataRow(" Bob.Ray+News@GoogleMail.com ", "bobray@gmail.com")]
    [DataRow("b.o.b@ray.org", "b.o.b@ray.org")]
    [DataRow("bob@r-ay.org", "bob@r-ay.org")]
    [DataRow("Bob+x@Ray.ORG", "bob@ray.org")]
    [DataRow("+tag@example.com", "+tag@example.com")] // a '+' first is the local part itself
    [DataRow("jose\u0301@x.com", "jos\u00e9@x.com")] // composed
    [DataRow("No-Address", "no-address")]
    [DataRow("sarah.gallagher @outlook.com", "sarah.gallagher@outlook.com")] // typing slips no address contains
    [DataRow("Carolyn.Tanaka@@yahoo.com", "carolyn.tanaka@yahoo.com")]
    [DataRow("ananya.guerrero@gmail.com.", "ananyaguerrero@gmail.com")]
    [DataRow("judith.foxmail.com", "judith.foxmail.com")] // no '@': not guessed
    public void MailboxKey_ShouldKeepEverythingButCaseTagAndGmailDots(string value, string expected) =>
        Assert.AreEqual(expected, MatchNormalizer.MailboxKey(value));

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

    // first 25, last 35, email 40, phone 30, birth date 30: total 160, threshold 80 needs 12,800.
    private static readonly MatchField[] PersonFields =
    [
        new(0, "first_name", MatchFieldKind.FirstName, 25),
        new(1, "last_name", MatchFieldKind.LastName, 35),
        new(2, "email", MatchFieldKind.Email, 40),
        new(3, "phone", MatchFieldKind.Phone, 30),
        new(4, "dob", MatchFieldKind.BirthDate, 30),
    ];

    // 52 rows: 40 distinct people (rows 0–39); ten namesakes "John Smith" sharing the initial-based "jsmith@gmail.com"
    // (rows 40–49; row 40 without a phone, row 41 without a birth date); a rare name twice (rows 50, 51; row 51 without
    // e-mail or phone). Filled: first and last names 52, e-mail 51, phone 50, birth date 51.
    private static PreparedFields People(RecordMatcher matcher)
    {
        string[] phones = ["6013572468", "6024681357", "6039517534", "6048529630", "6051478520", "6063692581", "6074185296", "6089637412"];
        var rows = new List<string[]>();
        for (int i = 0; i < 40; i++)
        {
            rows.Add([$"Fa{i}", $"La{i}", $"u{i}@x.com", $"20155{i:00000}", $"{1950 + i}-03-14"]);
        }

        rows.Add(["John", "Smith", "jsmith@gmail.com", "", "1971-05-05"]);
        rows.Add(["John", "Smith", "jsmith@gmail.com", "5551234567", ""]);
        for (int i = 0; i < 8; i++)
        {
            rows.Add(["John", "Smith", "jsmith@gmail.com", phones[i], $"{1960 + i}-07-0{1 + i}"]);
        }

        rows.Add(["Ingrid", "Okafor", "ingrid.okafor@web.de", "7771234567", "1980-04-12"]);
        rows.Add(["Ingrid", "Okafor", "", "", "12/04/1980"]);
        return matcher.Prepare(MasterTable.FromRows([.. PersonFields.Select(f => f.Name)], rows), CancellationToken.None);
    }

    [TestMethod]
    public void Score_ShouldKeepBlanksAtTheMidpoint_WhenNamesakesShareACommonNameAndInitialBasedEmail()
    {
        var matcher = new RecordMatcher(PersonFields);
        var p = People(matcher);

        // Rows 40, 41: names and e-mail equal, phone blank on one, birth date on the other: (2500 + 3500 + 4000 + 30·50 +
        // 30·50) / 160 = 81.25. Left out, the blanks would give 10000 / 100 = 100, but "john" and "smith" are each held by
        // 10 of 52 rows and the e-mail by 10 of 51: N·min(u_first·u_last, u_email) = 52 · min((10/52)², 10/51) = 1.92
        // other rows expected to agree by chance ≥ 0.01, so the blanks stay at 50 and the pair misses a threshold of 90.
        Assert.AreEqual(1.923, matcher.ChanceMatches(p, 40, 41), 0.001);
        Assert.AreEqual(81.25, matcher.Score(p, 40, 41), 1e-9);
        Assert.IsFalse(matcher.Reaches(p, 40, 41, 90));
    }

    [TestMethod]
    public void Score_ShouldLeaveBlanksOut_WhenARareNameAndBirthDateAgree()
    {
        var matcher = new RecordMatcher(PersonFields);
        var p = People(matcher);

        // Rows 50, 51: names and birth date equal (two formats), e-mail and phone blank on row 51: (2500 + 3500 + 40·50 +
        // 30·50 + 3000) / 160 = 78.125 with the blanks at 50, below the default threshold 80. Filled weight 90 ≥ 80 (half
        // of 160), nothing disagrees, names 2/52 each and birth date 2/51: 52 · (2/52)² · 2/51 = 0.0030 < 0.01, so the
        // blanks are left out: 9000 / 90 = 100.
        Assert.AreEqual(0.003017, matcher.ChanceMatches(p, 50, 51), 1e-6);
        Assert.AreEqual(100.0, matcher.Score(p, 50, 51), 1e-9);
        Assert.IsTrue(matcher.Reaches(p, 50, 51, 80));
        Assert.IsTrue(matcher.Reaches(p, 50, 51, 100));
    }

    [TestMethod]
    public void Score_ShouldLeaveTwoNumberedAccountsOutWithTheBlanks_WhenTheRestAgreesOnRareValues()
    {
        // 40 distinct people and one Ingrid Okafor twice: two numbered addresses at one provider (no evidence either
        // way, scored 50), one phone, the birth date blank on one row. The 50 of the e-mails counted as a filled field
        // that disagrees, so the blank birth date was never left out: (2500 + 3500 + 40·50 + 3000 + 30·50) / 160 =
        // 78.125, two records. Counted with the blanks, the filled fields (names, phone: 90 of 160) agree on rare values
        // (42 · (2/42)² · 2/42 = 0.0045 other rows expected, below 0.01): 9000 / 90 = 100.
        var matcher = new RecordMatcher(PersonFields);
        var rows = Enumerable.Range(0, 40).Select(i => new[] { $"Fa{i}", $"La{i}", $"u{i}@x.com", $"20155{i:00000}", $"{1950 + i}-03-14" }).ToList();
        rows.Add(["Ingrid", "Okafor", "ingrid.okafor12@web.de", "7771234567", "1980-04-12"]);
        rows.Add(["Ingrid", "Okafor", "ingrid.okafor7@web.de", "(777) 123-4567", ""]);
        var p = matcher.Prepare(MasterTable.FromRows([.. PersonFields.Select(f => f.Name)], rows), CancellationToken.None);

        Assert.AreEqual(RecordMatcher.BlankSimilarity, RecordMatcher.FieldSimilarity(MatchFieldKind.Email, p.Value(40, 2), p.Value(41, 2), p.Code(40, 2), p.Code(41, 2)));
        Assert.AreEqual(100.0, matcher.Score(p, 40, 41), 1e-9);
        Assert.IsTrue(matcher.Reaches(p, 40, 41, 80));
        Assert.IsFalse(matcher.ClearlyApart(p, 40, 41, 80), "one phone: not two contact sets");
    }

    [TestMethod]
    public void ChanceMatches_ShouldBeInfinite_WhenAFilledFieldDisagrees()
    {
        var matcher = new RecordMatcher(PersonFields);
        var p = People(matcher);

        // Row 0 "Fa0 La0" against row 50 "Ingrid Okafor": the names disagree straight and crossed.
        Assert.IsTrue(double.IsPositiveInfinity(matcher.ChanceMatches(p, 0, 50)));
        // Rows 42, 43: same name and e-mail, different birth dates (0).
        Assert.IsTrue(double.IsPositiveInfinity(matcher.ChanceMatches(p, 42, 43)));
    }

    [TestMethod]
    public void IsPlaceholder_ShouldFlagValuesFarCommonerThanTheFieldsOthers_WhenTheFileIsLargeEnough()
    {
        // 1M-row phones: 950,000 filled, 870,000 distinct (1.09 rows per value): "0000000000" in 2,167 rows is a placeholder.
        Assert.IsTrue(PreparedFields.IsPlaceholder(2167, 950_000, 870_000));
        // An initial-based e-mail shared by 37 namesakes (mean 1.4 rows per value ⇒ limit 70) is not.
        Assert.IsFalse(PreparedFields.IsPlaceholder(37, 900_000, 640_000));
        // Small files keep every value (at most PlaceholderMinRows = 10 rows).
        Assert.IsFalse(PreparedFields.IsPlaceholder(10, 20, 11));
    }

    [TestMethod]
    public void Prepare_ShouldBlankPlaceholders_WhenAnIdentifierValueIsHeldByFarTooManyRows()
    {
        // 2,000 distinct phones and 60 rows of "000-000-0000": 60 > 10 and 60 > 50 · 2060 / 2001 = 51.5 ⇒ blank.
        var fields = new MatchField[] { new(0, "phone", MatchFieldKind.Phone, 30) };
        var matcher = new RecordMatcher(fields);
        string[][] rows = [.. Enumerable.Range(0, 2000).Select(i => new[] { $"30155{i:00000}" }), .. Enumerable.Repeat(new[] { "000-000-0000" }, 60)];
        var p = matcher.Prepare(MasterTable.FromRows(["phone"], rows), CancellationToken.None);

        Assert.AreEqual(0, p.Id(2000, 0));
        Assert.AreEqual(2000, p.Filled(0));
        Assert.AreEqual(1, p.Count(0, p.Id(0, 0)));
    }

    // Two rows as a table (columns c0, c1, …), prepared, compared.
    private static double Score(RecordMatcher matcher, string[] a, string[] b) => matcher.Score(Prepare(matcher, a, b), 0, 1);

    private static bool Reaches(RecordMatcher matcher, string[] a, string[] b, double threshold) => matcher.Reaches(Prepare(matcher, a, b), 0, 1, threshold);

    internal static PreparedFields Prepare(RecordMatcher matcher, params string[][] rows) =>
        matcher.Prepare(MasterTable.FromRows([.. rows[0].Select((_, i) => "c" + i)], rows), CancellationToken.None);
}
