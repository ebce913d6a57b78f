using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>Exact clusters on trimmed key cells.</summary>
[TestClass]
public sealed class ClusterAssignmentTests
{
    [TestMethod]
    public void Exact_ShouldGroupRowsWithEqualTrimmedKeys_WhenSeveralKeyColumns()
    {
        var table = MasterTable.FromRows(["id", "email", "name"],
        [
            ["1", "a@x.com", "Ann"],
            ["1 ", " a@x.com", "Bob"],   // same trimmed keys as row 0
            ["1", "b@x.com", "Ann"],     // differs in one key column
            ["", " ", "Cid"],            // all keys blank: a singleton
            ["", "", "Dan"],             // all keys blank: another singleton
            ["", "c@x.com", "Eve"],      // one blank key is part of the key
            [" ", "c@x.com ", "Fay"],    // same as row 5
        ]);

        var clusters = ClusterAssignment.Exact(table, [0, 1]);

        CollectionAssert.AreEqual(new[] { 0, 0, 1, 2, 3, 4, 4 }, clusters.ClusterOf);
        Assert.AreEqual(5, clusters.Count);
    }

    [TestMethod]
    public void Exact_ShouldJoinARowGivingOnlyAnEmail_ToTheRowGivingItWithAName()
    {
        var table = MasterTable.FromRows(["name", "email", "city"],
        [
            ["", "jose@x.com", "Madrid"],          // the e-mail alone (and the city)
            ["Jose Garcia", "Jose@X.com", "Madrid"], // one mailbox, with a name
            ["Anna Berg", "", "Oslo"],             // a lone name: weak, joins nothing
            ["Anna Berg", "anna@x.com", "Oslo"],
            ["", "fam@x.com", ""],                 // a household's address: could be either of the next two
            ["Ola Holm", "fam@x.com", ""],
            ["Kari Holm", "fam@x.com", ""],
            ["", "mia@x.com", "Oslo"],             // the mailbox agrees, the city does not
            ["Mia Lund", "mia@x.com", "Bergen"],
        ]);

        var clusters = ClusterAssignment.Exact(table, [0, 1, 2]);

        CollectionAssert.AreEqual(new[] { 0, 0, 1, 2, 3, 4, 5, 6, 7 }, clusters.ClusterOf);
    }

    [TestMethod]
    public void Exact_ShouldJoinRowsSayingTheSameMailbox_WhenAFamilyShareIt()
    {
        // Two rows giving only the family's mailbox (and its address), written info@ and INFO@, stayed apart: the rule
        // that keeps such a row from joining Ola or Kari kept it from joining its own copy too.
        var table = MasterTable.FromRows(["name", "email", "address"],
        [
            ["", "info@holm.no", "Storgata 1"],
            ["", "INFO@holm.no", "Storgata 1"],
            ["Ola Holm", "info@holm.no", "Storgata 1"],
            ["Kari Holm", "info@holm.no", "Storgata 1"],
            ["", "Info@Holm.no", "Storgata 2"],  // another address: could be either person, stays apart
        ]);

        CollectionAssert.AreEqual(new[] { 0, 0, 1, 2, 3 }, ClusterAssignment.Exact(table, [0, 1, 2]).ClusterOf);
        // A key of the e-mail alone compares it as a mailbox too, as the rows holding info@holm.no are one key already.
        CollectionAssert.AreEqual(new[] { 0, 0, 0, 0, 0 }, ClusterAssignment.Exact(table, [1]).ClusterOf);
    }

    [TestMethod]
    [DataRow("bob@r-ay.org", false, DisplayName = "a dash in the domain: another domain")]
    [DataRow("b.o.b@ray.org", false, DisplayName = "dots in the local part outside gmail.com: another mailbox")]
    [DataRow("bo@bray.org", false, DisplayName = "the '@' elsewhere: another mailbox")]
    [DataRow("bob@rayorg", false, DisplayName = "a dot missing from the domain")]
    [DataRow(" BOB+news@Ray.org ", true, DisplayName = "case, spaces and a +tag: one mailbox")]
    public void Exact_ShouldJoinOnlyOneMailbox_WhenAnAddressIsWrittenWithOtherPunctuation(string other, bool joined)
    {
        var table = MasterTable.FromRows(["name", "email", "city"], [["Bob Ray", "bob@ray.org", "York"], ["", other, "York"]]);

        Assert.AreEqual(joined ? 1 : 2, ClusterAssignment.Exact(table, [0, 1, 2]).Count, other);
    }

    [TestMethod]
    [DataRow("b.o.b@gmail.com", DisplayName = "dots in a gmail.com name")]
    [DataRow("Bob+x@googlemail.com", DisplayName = "googlemail.com with a +tag")]
    public void Exact_ShouldJoinOneGmailMailbox_WhenItsNameIsWrittenWithDots(string other)
    {
        var table = MasterTable.FromRows(["name", "email", "city"], [["Bob Ray", "bob@gmail.com", "York"], ["", other, "York"]]);

        Assert.AreEqual(1, ClusterAssignment.Exact(table, [0, 1, 2]).Count, other);
    }

    [TestMethod]
    public void Exact_ShouldKeepRowsApart_WhenTheyShareOnlyAPlace()
    {
        // Names, e-mail and phone blank, only the city given: two kiosks in London are no one entity (they were).
        var table = MasterTable.FromRows(["first_name", "last_name", "email", "phone", "city", "note"],
        [
            ["", "", "", "", "London", "kiosk 1"],
            ["", "", "", "", "London", "kiosk 2"],
            ["Ann", "Lee", "", "", "London", "a"],
            ["Ann", "Lee", "", "", "London", "b"],   // a name and the place: one entity with row 2
        ]);

        CollectionAssert.AreEqual(new[] { 0, 1, 2, 2 }, ClusterAssignment.Exact(table, [0, 1, 2, 3, 4]).ClusterOf);
        // A key of places alone, as a user may choose it, still groups by place.
        CollectionAssert.AreEqual(new[] { 0, 0, 0, 0 }, ClusterAssignment.Exact(table, [4]).ClusterOf);
    }

    [TestMethod]
    public void Exact_ShouldKeepEveryRowAlone_WhenThereAreNoKeyColumnsAndTheRowsDiffer()
    {
        var table = MasterTable.FromRows(["a", "b"], [["x", "1"], ["x", "2"], ["", ""], ["", ""]]);

        Assert.AreEqual(4, ClusterAssignment.Exact(table, []).Count, "rows of blanks only are no record to merge either");
    }

    [TestMethod]
    public void Exact_ShouldMergeRowsEqualInEveryColumn_WhenThereAreNoKeyColumns()
    {
        // The pipeline's own columns (a cluster id from an earlier agent) are no part of what the row says.
        var table = MasterTable.FromRows(["a", "b", "__cluster_id__"], [["x", "1", "cluster_0"], ["y", "1", "cluster_1"], [" x", "1 ", "cluster_2"]]);

        var clusters = ClusterAssignment.Exact(table, []);

        Assert.AreEqual(2, clusters.Count);
        CollectionAssert.AreEqual(new[] { 0, 1, 0 }, clusters.ClusterOf);
    }

    [TestMethod]
    public void Exact_ShouldKeepEntitiesApart_WhenTheyShareTheKeysButDifferInAGlobalIdentifier()
    {
        // Two companies in one building with one switchboard: same address and phone, different VAT numbers.
        var table = MasterTable.FromRows(["company", "address", "phone", "vat_number"],
        [
            ["Monarch Systems Holdings Inc.", "1 Harbour Sq", "555-0100", "DE 811 234 567"],
            ["Evergreen Labs AG", "1 Harbour Sq", "555-0100", "DE 299 887 766"],
            ["Monarch Systems", "1 Harbour Sq", "555-0100", "de811-234-567"],  // the first company, written otherwise
            ["Monarch", "1 Harbour Sq", "555-0100", ""],                        // no VAT: joins the first group it does not contradict
            ["Evergreen Labs", "1 Harbour Sq", "555-0100", "DE299887766"],
        ]);

        var clusters = ClusterAssignment.Exact(table, [1, 2]);

        CollectionAssert.AreEqual(new[] { 0, 1, 0, 0, 1 }, clusters.ClusterOf);
    }

    [TestMethod]
    [DataRow("PENDING")]
    [DataRow("exempt")]
    [DataRow("***-**-0206")]
    public void Exact_ShouldKeepEntitiesApart_WhenAnotherRowsIdentifierIsAPlaceholder(string placeholder)
    {
        // One 'PENDING' among three cells put the column under the 90 % of identifier-like values: two companies merged.
        var table = MasterTable.FromRows(["email", "vat_number"],
        [
            ["info@acme.de", "DE123456789"],
            ["info@acme.de", "DE987654321"],
            ["contact@initech.com", placeholder],
        ]);

        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, ClusterAssignment.Exact(table, [0]).ClusterOf);
    }

    [TestMethod]
    [DataRow("vat", "19", "7", DisplayName = "a VAT rate")]
    [DataRow("vat", "12.50", "3.10", DisplayName = "VAT amounts")]
    [DataRow("ssn", "***-**-0206", "XXXXX2103", DisplayName = "masked identifiers")]
    [DataRow("customer_id", "C001234", "C009876", DisplayName = "a system's own ids")]
    [DataRow("duns_last_verified", "2024-01-05", "2023-11-30", DisplayName = "a date column named after an identifier")]
    [DataRow("passport_expiry", "2031-05-01", "2029-02-11", DisplayName = "an expiry date")]
    [DataRow("vat_amount_cents", "123456", "987654", DisplayName = "whole-number amounts")]
    [DataRow("salariu_lei", "450000", "520000", DisplayName = "amounts in lei")]
    [DataRow("vat_id", "DE123456789", "123456789", DisplayName = "one VAT number with and without its country prefix")]
    [DataRow("vat_id", "PENDING1", "PENDING2", DisplayName = "placeholders")]
    public void Exact_ShouldStillGroup_WhenTheColumnIsNoGlobalIdentifierOrItsValuesAreMasked(string column, string first, string second)
    {
        var table = MasterTable.FromRows(["email", column], [["a@x.com", first], ["a@x.com", second]]);

        Assert.AreEqual(1, ClusterAssignment.Exact(table, [0]).Count);
    }
}
