using System.Text;
using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>Blocking, union-find closure and scale of the fuzzy entity resolver.</summary>
[TestClass]
public sealed class EntityResolverTests
{
    private static readonly MatchField[] Fields =
    [
        new(0, "first_name", MatchFieldKind.FirstName, 25),
        new(1, "last_name", MatchFieldKind.LastName, 35),
        new(2, "email", MatchFieldKind.Email, 40),
    ];

    [TestMethod]
    public void Resolve_ShouldCloseTransitively_WhenAOnlyMatchesBThroughC()
    {
        // Rows 0 and 2 differ in e-mail completely but both link to row 1.
        var table = MasterTestData.Table("first_name,last_name,email\nJohn,Smith,js@a.com\nJohn,Smith,js@b.com\nJohn,Smith,other@b.com\nMary,Jones,mj@c.com\n");
        var resolver = new EntityResolver(new RecordMatcher(Fields), 80);

        var clusters = resolver.Resolve(table, CancellationToken.None);

        Assert.AreEqual(2, clusters.Count);
        CollectionAssert.AreEqual(new[] { 0, 0, 0, 1 }, clusters.ClusterOf);
    }

    [TestMethod]
    public void Resolve_ShouldNotChainTwoPeopleOfOneHousehold_ThroughARowWithoutAFirstName()
    {
        // The outside set a_crm_merge: Noël and Ines Faure share landline and address; "N. Faure" (an initial, no first
        // name) shares Noël's e-mail and links to both. Noël / Ines never reach a match themselves (unlike first names,
        // each an e-mail of their own), but the chain put all of them in one record.
        var clusters = MasterTestData.ResolveFuzzy("record_id,full_name,email,phone,street,city,postcode\n"
            + "R1,\"FAURE, Noël\",faure.noel@gmx.de,(089) 307-0152,Hauptstraße 67,München,80370\n"
            + "R2,N. Faure,faure.noel@gmx.de,089 3070152,Hauptstraße 67,Muenchen,80370\n"
            + "R3,Ines Faure,inesfaure369@gmx.de,+49 89 3070152,Hauptstr 67,Muenchen,80370\n"
            + "R4,Noel Faure,faure.noel@gmx.de,+49893070152,Hauptstr 67,München,80370\n");

        var c = clusters.ClusterOf;
        Assert.AreEqual(c[0], c[1], "N. Faure at Noël's e-mail is Noël");
        Assert.AreEqual(c[0], c[3]);
        Assert.AreNotEqual(c[0], c[2], "Ines is another person: " + string.Join(",", c));
    }

    [TestMethod]
    public void Resolve_ShouldStillChainUnlikeSpellingsOfOneName_WhenARowGivesNoEmail()
    {
        // The outside set c_intl: "Omar Khalid" and "Umar" (no e-mail) are one person through the row of both's e-mail
        // and phone; a cannot-link on unlike first names alone split them.
        var clusters = MasterTestData.ResolveFuzzy("first_name,last_name,dob,email,phone,city\n"
            + "Omar Khalid,Haddad,1994-01-01,omar9822@yahoo.com,,Sydney\n"
            + "Umar,Haddad,01/01/1994,,049 291 8277,Sydney\n"
            + "Umar,Haddad,01/01/1994,omar9822@yahoo.com,0492918277,Sydney\n"
            + "Omar Khalid,Haddad,1994-01-01,omar9822@yahoo.com,0492918277,SYDNEY\n");

        Assert.AreEqual(1, clusters.ClusterOf.Distinct().Count(), string.Join(",", clusters.ClusterOf));
    }

    [TestMethod]
    public void Resolve_ShouldGiveSingletons_WhenNoTwoRowsShareABlock()
    {
        // Two unrelated people, or a single row: no block holds two rows (this failed the agent with an
        // ArgumentOutOfRangeException from the partitioner instead of giving each row its own record).
        var table = MasterTestData.Table("first_name,last_name,email\nAnn,Lee,ann@x.com\nBob,Ray,bob@y.org\n");
        var resolver = new EntityResolver(new RecordMatcher(Fields), 80);

        var clusters = resolver.Resolve(table, CancellationToken.None);

        Assert.AreEqual(2, clusters.Count);
        Assert.AreEqual(0L, resolver.PairsCompared);
        Assert.AreEqual(1, new EntityResolver(new RecordMatcher(Fields), 80).Resolve(MasterTestData.Table("first_name,last_name,email\nAnn,Lee,ann@x.com\n"), CancellationToken.None).Count);
    }

    [TestMethod]
    public void Resolve_ShouldCompareFirstNamesBySound_WhenTheyAreTheOnlyNameField()
    {
        var fields = new MatchField[] { new(0, "first_name", MatchFieldKind.FirstName, 100) };
        var table = MasterTestData.Table("first_name\nRobert\nRobbert\nZed\n");
        var resolver = new EntityResolver(new RecordMatcher(fields), 70);

        var clusters = resolver.Resolve(table, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { 0, 0, 1 }, clusters.ClusterOf, "Jaro-Winkler 96.7 and the same Soundex: one person");
    }

    [TestMethod]
    public void Resolve_ShouldMeetOnThePhone_WhenOneRowWritesItsCountryCode()
    {
        var fields = new MatchField[] { new(0, "last_name", MatchFieldKind.LastName, 35), new(1, "email", MatchFieldKind.Email, 40), new(2, "phone", MatchFieldKind.Phone, 30), new(3, "city", MatchFieldKind.City, 10) };
        var table = MasterTestData.Table("last_name,email,phone,city\nKowalski,kate.k@x.pl,+48 601 234 567,Krakow\nCowalski,cate.k@x.pl,601 234 567,Cracow\nPoe,mary@poe.io,+1 555 010 9999,Boston\n");
        var resolver = new EntityResolver(new RecordMatcher(fields), 60);

        var clusters = resolver.Resolve(table, CancellationToken.None);

        Assert.AreEqual(1L, resolver.PairsCompared, "the two Kowalski rows share the phone's last nine digits");
        Assert.AreEqual(clusters.ClusterOf[0], clusters.ClusterOf[1]);
        Assert.AreNotEqual(clusters.ClusterOf[0], clusters.ClusterOf[2]);
    }

    [TestMethod]
    public void Resolve_ShouldScoreAPairOnce_WhenItSharesSeveralBlocks()
    {
        // Rows 0 and 1 share the e-mail key, the phonetic name key and the zip key: one comparison, not three.
        var fields = new MatchField[] { new(0, "first_name", MatchFieldKind.FirstName, 25), new(1, "last_name", MatchFieldKind.LastName, 35), new(2, "email", MatchFieldKind.Email, 40), new(3, "zip", MatchFieldKind.Zip, 10) };
        var table = MasterTestData.Table("first_name,last_name,email,zip\nJohn,Smith,js@a.com,12345\nJohn,Smith,js@a.com,12345\n");
        var resolver = new EntityResolver(new RecordMatcher(fields), 80);

        var clusters = resolver.Resolve(table, CancellationToken.None);

        Assert.AreEqual(1L, resolver.PairsCompared);
        Assert.AreEqual(1, clusters.Count);
    }

    [TestMethod]
    public void Resolve_ShouldNotChainNamesakes_WhenTheirBirthDatesDiffer()
    {
        // Row 1 (blank birth date) matches row 0 (score 100) and row 2 (score 100) through the shared e-mail, but rows 0
        // and 2 were born on different days: links apply strongest first (ties: lower rows first), so {0, 1} and {2}.
        var fields = new MatchField[] { new(0, "first_name", MatchFieldKind.FirstName, 25), new(1, "last_name", MatchFieldKind.LastName, 35), new(2, "email", MatchFieldKind.Email, 40), new(3, "dob", MatchFieldKind.BirthDate, 30) };
        var table = MasterTestData.Table("first_name,last_name,email,dob\nDiane,Murphy,dm@x.com,1957-03-02\nDiane,Murphy,dm@x.com,\nDiane,Murphy,dm@x.com,1954-12-08\n");
        var resolver = new EntityResolver(new RecordMatcher(fields), 80);

        var clusters = resolver.Resolve(table, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { 0, 0, 1 }, clusters.ClusterOf);
    }

    [TestMethod]
    public void Resolve_ShouldMatchAFullNameWrittenLastFirst_WhenTheOtherFieldsAgreeAsWrittenElsewhere()
    {
        // Two CRMs: "Last, First" with a plus-tagged e-mail and a spaced postcode vs "First Last".
        var fields = new MatchField[] { new(0, "name", MatchFieldKind.FullName, 10), new(1, "email", MatchFieldKind.Email, 40), new(2, "postcode", MatchFieldKind.Zip, 10) };
        var table = MasterTestData.Table("name,email,postcode\n\"KHAN, Rebecca\",rebecca.khan+shop@btinternet.com,SW1A 8NG\nRebecca Khan,rebecca.khan@btinternet.com,SW1A8NG\nRebecca Stone,r.stone@example.org,E1 6AN\n");
        var resolver = new EntityResolver(new RecordMatcher(fields), 80);

        var clusters = resolver.Resolve(table, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { 0, 0, 1 }, clusters.ClusterOf);
    }

    [TestMethod]
    public void Resolve_ShouldKeepHouseholdMembersApart_WhenTheirFirstNamesDifferAndNoEmailIsShared()
    {
        // Twins share surname, birth date, landline and address: the weighted score passes 80 (~81), but Olivia and
        // Sophia are two people. Bill / William with one e-mail, and Chris / Christopher, are one person each.
        var fields = new MatchField[]
        {
            new(0, "first_name", MatchFieldKind.FirstName, 25), new(1, "last_name", MatchFieldKind.LastName, 35),
            new(2, "dob", MatchFieldKind.BirthDate, 30), new(3, "email", MatchFieldKind.Email, 40),
            new(4, "phone", MatchFieldKind.Phone, 30), new(5, "address", MatchFieldKind.Address, 10),
        };
        var table = MasterTestData.Table("first_name,last_name,dob,email,phone,address\n"
            + "Olivia,Nguyen,1993-06-26,olivia_nguyen81@gmail.com,713-555-0101,12 Oak St\n"
            + "Sophia,Nguyen,1993-06-26,sophianguyen93@aol.com,713-555-0101,12 Oak St\n"
            + "William,Carter,1970-01-02,wcarter@example.com,212-555-0199,1 Elm Rd\n"
            + "Bill,Carter,1970-01-02,wcarter@example.com,212-555-0199,1 Elm Rd\n"
            + "Christopher,Lee,1980-03-04,,312-555-0123,9 Pine Ave\n"
            + "Chris,Lee,1980-03-04,,312-555-0123,9 Pine Ave\n");
        var resolver = new EntityResolver(new RecordMatcher(fields), 80);

        var clusters = resolver.Resolve(table, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { 0, 1, 2, 2, 3, 3 }, clusters.ClusterOf);
    }

    [TestMethod]
    public void Resolve_ShouldKeepHouseholdMembersApart_WhenEachEmailNamesItsOwnFirstName()
    {
        // Daniel / Danielle, Paul / Paula, Mark / Maria and Christopher / Christina share surname, phone, address and
        // city: first names alike enough for the first-name guard, and all were merged. Their e-mails say who is who.
        // Dan / Daniel with two addresses, Chris / Christopher with the same one, Jon / John (a spelling) and
        // Michael / Mike at two providers (each system's address made from its own spelling) stay one person each.
        var fields = new MatchField[]
        {
            new(0, "first_name", MatchFieldKind.FirstName, 25), new(1, "last_name", MatchFieldKind.LastName, 35),
            new(2, "email", MatchFieldKind.Email, 40), new(3, "phone", MatchFieldKind.Phone, 30),
            new(4, "address", MatchFieldKind.Address, 10), new(5, "city", MatchFieldKind.City, 10),
        };
        var table = MasterTestData.Table("first_name,last_name,email,phone,address,city\n"
            + "Daniel,Garcia,daniel.garcia@gmail.com,305-555-0147,18 Palm Ave,Miami\n"
            + "Danielle,Garcia,danielle.garcia@gmail.com,305-555-0147,18 Palm Ave,Miami\n"
            + "Paul,Becker,paul.becker@web.de,030-5550123,Lindenweg 4,Berlin\n"
            + "Paula,Becker,paula.becker@web.de,030-5550123,Lindenweg 4,Berlin\n"
            + "Mark,Miller,mark.miller@gmail.com,617-555-0100,2 Elm St,Boston\n"
            + "Maria,Miller,maria.miller@gmail.com,617-555-0100,2 Elm St,Boston\n"
            + "Christopher,Lee,chris.lee@yahoo.com,(206) 555-0190,9 Pine St,Seattle\n"
            + "Christina,Lee,christina.lee@yahoo.com,(206) 555-0190,9 Pine St,Seattle\n"
            + "Daniel,Ortiz,daniel.ortiz@gmail.com,415-555-0111,3 Bay St,Oakland\n"
            + "Dan,Ortiz,dan.ortiz@work.com,415-555-0111,3 Bay St,Oakland\n"
            + "Chris,Park,chris.park@mail.com,555-010-0001,7 Main St,Dayton\n"
            + "Christopher,Park,chris.park@mail.com,555-010-0001,7 Main St,Dayton\n"
            + "John,Smith,john.smith@email.com,555-1234,123 Main St,New York\n"
            + "Jon,Smith,jon.smith@work.com,555-1234,123 Main Street,New York\n"
            + "Michael,Brown,michael.brown@email.com,555-3333,77 King St,Toronto\n"
            + "Mike,Brown,mike.brown@work.com,555-3333,77 King Street,Toronto\n");
        var resolver = new EntityResolver(new RecordMatcher(fields), 80);

        var clusters = resolver.Resolve(table, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 9, 10, 10, 11, 11 }, clusters.ClusterOf);
    }

    [TestMethod]
    public void Resolve_ShouldReadGivenNamesFromAFullName_WhenThereIsNoFirstNameColumn()
    {
        // An outside probe: with the name in one column the two household rules never applied, and Mark / Sarah Jones
        // (same phone and address) and Daniel / Danielle Garcia became one golden record each. The same person with a
        // title, an initial, a "Last, First" spelling or the family name first stays one.
        var fields = new MatchField[]
        {
            new(0, "full_name", MatchFieldKind.FullName, 10), new(1, "email", MatchFieldKind.Email, 40),
            new(2, "phone", MatchFieldKind.Phone, 30), new(3, "address", MatchFieldKind.Address, 10),
        };
        var table = MasterTestData.Table("full_name,email,phone,address\n"
            + "Mark Jones,mark.jones@gmail.com,555-300-4000,9 Pine Road\n"
            + "Sarah Jones,sarah.jones@gmail.com,555-300-4000,9 Pine Road\n"
            + "Daniel Garcia,daniel.garcia@gmail.com,555-300-4001,18 Palm Ave\n"
            + "\"Garcia, Danielle\",danielle.garcia@gmail.com,555-300-4001,18 Palm Ave\n"
            + "Dr. Anna Weber,anna.weber@web.de,555-300-4002,4 Lindenweg\n"
            + "Anna K. Weber,anna.weber@web.de,555-300-4002,4 Lindenweg\n"
            + "Wei Zhang,zhang.wei@qq.com,555-300-4003,8 Lotus Road\n"
            + "Zhang Wei,zhang.wei@qq.com,555-300-4003,8 Lotus Road\n"
            + "Olivia Nguyen,olivia_nguyen81@gmail.com,555-300-4004,12 Oak St\n"
            + "Sophia Nguyen,sophianguyen93@aol.com,555-300-4004,12 Oak St\n");
        var resolver = new EntityResolver(new RecordMatcher(fields), 70);

        var clusters = resolver.Resolve(table, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4, 4, 5, 5, 6, 7 }, clusters.ClusterOf);
    }

    [TestMethod]
    [DataRow("mark jones", "mark")]
    [DataRow("dr anna weber", "anna")]
    [DataRow("mrs mary ann smith", "mary")]
    [DataRow("madonna", "")]          // one word: no given name to compare
    [DataRow("dr jones", "")]
    public void GivenName_ShouldBeTheFirstWordButTitles_WhenAFamilyNameFollows(string fullName, string given) =>
        Assert.AreEqual(given, RecordMatcher.GivenName(fullName));

    [TestMethod]
    public void BlockingKeys_ShouldIncludePhoneticNameKey_WhenLastNameIsPresent()
    {
        var matcher = new RecordMatcher(Fields);
        var keys = BlockingKeys.Of(Fields, RecordMatcherTests.Prepare(matcher, ["Jon", "Smyth", "j@x.com"]), 0).ToList();

        CollectionAssert.Contains(keys, "n:S530j");
        CollectionAssert.Contains(keys, "e:jxcom");
    }

    [TestMethod]
    public void BlockingKeys_ShouldShareTheBirthDateKey_WhenNamesAreSwapped()
    {
        var fields = new MatchField[] { new(0, "first_name", MatchFieldKind.FirstName, 25), new(1, "last_name", MatchFieldKind.LastName, 35), new(2, "dob", MatchFieldKind.BirthDate, 30) };
        var matcher = new RecordMatcher(fields);

        var straight = BlockingKeys.Of(fields, RecordMatcherTests.Prepare(matcher, ["Pedro", "Hart", "1941-04-19"]), 0).ToList();
        var swapped = BlockingKeys.Of(fields, RecordMatcherTests.Prepare(matcher, ["Hart", "Pedro", "April 19, 1941"]), 0).ToList();

        CollectionAssert.Contains(straight, "d:1941:04:19:hp");
        CollectionAssert.Contains(swapped, "d:1941:04:19:hp");
    }

    [TestMethod]
    public void Resolve_ShouldStayNearLinear_WhenManyDistinctPeopleShareABlock()
    {
        // 20 000 different people (pseudo-random first names and e-mails) all named Smith share one phonetic block
        // "n:S530?" per initial; the sorted window keeps comparisons bounded.
        var csv = new StringBuilder("first_name,last_name,email\n");
        for (int i = 0; i < 20_000; i++)
        {
            csv.Append(Word(i, 7)).Append(",Smith,").Append(Word(i * 31 + 7, 9)).Append("@x.com\n");
        }

        var resolver = new EntityResolver(new RecordMatcher(Fields), 80);
        var clusters = resolver.Resolve(MasterTestData.Table(csv.ToString()), CancellationToken.None);

        Assert.IsLessThan(20_000L * (EntityResolver.Window + 1), resolver.PairsCompared);
        Assert.IsGreaterThan(19_000, clusters.Count);
    }

    private static string Word(int seed, int length)
    {
        var chars = new char[length];
        uint x = (uint)seed * 2654435761u + 12345u;
        for (int i = 0; i < length; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            chars[i] = (char)('a' + (x % 26));
        }

        return new string(chars);
    }

    [TestMethod]
    public void Resolve_ShouldNotMergeProductsOfDifferentBarcodes_HoweverAlikeTheirNames()
    {
        var table = MasterTestData.Table("name,brand,gtin\nT-shirt Red S,Acme,04012345000011\nT-shirt Red M,Acme,04012345000028\n"
            + "T-shirt Red L,Acme,04012345000035\nT-shirt Red M,Acme,4012345000028\nT-shirt Red M,Acme,\n");
        var fields = new MatchField[] { new(0, "name", MatchFieldKind.FullName, 60), new(1, "brand", MatchFieldKind.Other, 40) };
        var resolver = new EntityResolver(new RecordMatcher(fields), 70);

        var clusters = resolver.Resolve(table, CancellationToken.None);

        // S, M (twice: its barcode with and without the GTIN-14 zero) and L; the row without a barcode joins one of them.
        Assert.AreEqual(3, clusters.Count);
        Assert.AreEqual(clusters.ClusterOf[1], clusters.ClusterOf[3]);
        Assert.AreEqual(3, new[] { clusters.ClusterOf[0], clusters.ClusterOf[1], clusters.ClusterOf[2] }.Distinct().Count());
        CollectionAssert.AreEqual(new[] { "gtin" }, resolver.IdentifierColumns.ToArray());
    }
}
