using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>
/// A file of organisations: its name column is a match key when the file has no person name (an outside tester's
/// vendor file: the name was never compared, and two companies of one building and switchboard became one record) and
/// its values look like the entity's (another tester's orders file: 40 orders of 3 carriers became 3 records).
/// </summary>
[TestClass]
public sealed class OrganizationMatchingTests
{
    private static ClusterAssignment Resolve(string csv) => MasterTestData.ResolveFuzzy(csv);

    [TestMethod]
    public void Resolve_ShouldKeepTwoCompaniesOfOneBuildingApart_AndJoinOneCompanyWrittenTwoWays()
    {
        var clusters = Resolve("vendor_id,vendor_name,address,city,zip,phone,email\n"
            + "V1,Northwind Traders LLC,\"200 Park Avenue, Floor 10\",New York,10166,+1 212 555 0000,ap@northwind.com\n"
            + "V2,Contoso Advisory LLC,\"200 Park Avenue, Floor 12\",New York,10166,+1 212 555 0000,ap@contoso.com\n"
            + "V3,\"Northwind Traders, L.L.C.\",\"200 Park Ave, Floor 10\",New York,10166,212-555-0000,AP@northwind.com\n"
            + "V4,The Acme Company,1 Main St,Boston,02110,+1 617 555 0101,\n"
            + "V5,\"ACME CO.\",1 Main Street,Boston,02110,617-555-0101,\n");

        Assert.AreEqual(clusters.ClusterOf[0], clusters.ClusterOf[2], "Northwind written two ways");
        Assert.AreNotEqual(clusters.ClusterOf[0], clusters.ClusterOf[1], "Contoso is another company");
        Assert.AreEqual(clusters.ClusterOf[3], clusters.ClusterOf[4], "The Acme Company = ACME CO.");
        Assert.AreEqual(3, clusters.Count);
    }

    [TestMethod]
    public void Resolve_ShouldKeepCompaniesOfOneBuildingApart_WhenTheirNamesOrLegalFormsDiffer()
    {
        // A second outside probe: shared address and switchboard (50 of 85 weight) merged any two names half alike.
        var clusters = Resolve("company,street,city,phone\n"
            + "Siemens AG,1 Werner Pl,Munich,555-0400\n"
            + "Siemens GmbH,1 Werner Pl,Munich,555-0400\n"
            + "Alpha Holdings Inc,100 Wall St,New York,555-0800\n"
            + "Beta Holdings Inc,100 Wall St,New York,555-0800\n"
            + "Johnson & Johnson,1 J&J Plaza,New Brunswick,555-0900\n"
            + "Johnson Controls,1 J&J Plaza,New Brunswick,555-0900\n"
            + "Acme Corporation,5 Elm St,Boston,555-0100\n"
            + "ACME Corp.,5 Elm Street,Boston,555-0100\n"
            + "The Acme Company Inc.,5 Elm St,Boston,555-0100\n"
            + "Globex Incorporated,9 Oak St,Austin,555-0200\n"
            + "Globex Inc,9 Oak St,Austin,555-0200\n");

        Assert.AreEqual(8, clusters.Count, string.Join(",", clusters.ClusterOf));
        Assert.AreEqual(6, clusters.ClusterOf.Take(6).Distinct().Count(), "six companies in three buildings");
        Assert.AreEqual(1, clusters.ClusterOf.Skip(6).Take(3).Distinct().Count(), "Acme written three ways (Corp = Inc)");
        Assert.AreEqual(clusters.ClusterOf[9], clusters.ClusterOf[10]);
    }

    [TestMethod]
    public void Resolve_ShouldJoinOneCompany_WhoseLegalFormOneSystemWritesOutAndTheOtherAbbreviates()
    {
        // An outside probe's supplier master from two ERPs: the written-out form stayed in the name's core, so
        // "Nordic Timber Aktiebolag" and "Nordic Timber AB" were two organisations (cores 70 alike, below 85).
        var clusters = Resolve("supplier,street,city,phone\n"
            + "Nordic Timber AB,Storgatan 5,Stockholm,+46 8 123 456\n"
            + "Nordic Timber Aktiebolag,Storgatan 5,Stockholm,+46 8 123 456\n"
            + "Nordic Timber Oy,Storgatan 5,Stockholm,+46 8 123 456\n"
            + "Pacific Foods Pty Ltd,10 George St,Sydney,+61 2 9000 1000\n"
            + "Pacific Foods Proprietary Limited,10 George Street,Sydney,+61 2 9000 1000\n"
            + "Dupont Logistique Société Anonyme,12 rue de la Paix,Paris,+33 1 23 45 67 89\n"
            + "Dupont Logistique S.A.,12 rue de la Paix,Paris,+33 1 23 45 67 89\n"
            + "Dupont Logistique S.A.S.,12 rue de la Paix,Paris,+33 1 23 45 67 89\n"
            + "Keller Limited Partnership,1 Bay St,Toronto,416-555-0100\n"
            + "Keller LP,1 Bay St,Toronto,416-555-0100\n");

        var c = clusters.ClusterOf;
        Assert.AreEqual(c[0], c[1], "Aktiebolag = AB");
        Assert.AreNotEqual(c[0], c[2], "an Oy is another company");
        Assert.AreEqual(c[3], c[4], "Proprietary Limited = Pty Ltd");
        Assert.AreEqual(c[5], c[6], "Société Anonyme = S.A.");
        Assert.AreNotEqual(c[5], c[7], "an S.A.S. is another company");
        Assert.AreEqual(c[8], c[9], "Limited Partnership = LP");
    }

    [TestMethod]
    public void OrganizationName_ShouldWriteALegalFormOneWay_OnlyAsWholeWords()
    {
        Assert.AreEqual("nordic timber ab", MatchNormalizer.OrganizationName("nordic timber aktiebolag"));
        Assert.AreEqual("pacific foods pty ltd", MatchNormalizer.OrganizationName("pacific foods proprietary limited"));
        Assert.AreEqual("acme llc", MatchNormalizer.OrganizationName("acme limited liability company"));
        Assert.AreEqual("unlimited partnerships ltd", MatchNormalizer.OrganizationName("unlimited partnerships limited"), "no form inside a word");
    }

    [TestMethod]
    public void Resolve_ShouldPickTheOrganizationName_OnlyInAFileWithoutPersonNames()
    {
        var vendors = MasterTestData.Table("id,company_name,phone\n1,Acme Inc,555-0100\n");
        var people = MasterTestData.Table("id,first_name,last_name,company_name,phone\n1,Ann,Lee,Acme Inc,555-0100\n");
        var p = MasterTestData.Params(GoldenRecordBuilderAgent.AgentId, "{}");

        var vendorKeys = MatchKeys.Resolve(vendors, p, []);
        var peopleKeys = MatchKeys.Resolve(people, p, []);

        Assert.AreEqual(MatchFieldKind.Organization, vendorKeys[0].Kind);
        Assert.AreEqual("company_name", vendorKeys[0].Name);
        Assert.AreEqual(35, vendorKeys[0].Weight);
        Assert.IsFalse(peopleKeys.Any(k => k.Name == "company_name"), "a person's employer is not who the record is");
    }

    [TestMethod]
    public void Resolve_ShouldChooseColumnsThatSayWhoBeforeColumnsThatSayWhere()
    {
        // A date of birth in the eleventh column was left out for the address, city and zip before it (first six by
        // order): now names, e-mail, phone and birth date come first, then places, each in the file's order.
        var table = MasterTestData.Table("id,first_name,last_name,email,phone,address,city,zip,country,notes,date_of_birth\n1,Ann,Lee,a@x.com,555,1 Main St,Boston,02110,US,n,1980-01-02\n");

        var keys = MatchKeys.Resolve(table, MasterTestData.Params(GoldenRecordBuilderAgent.AgentId, "{}"), []);

        CollectionAssert.AreEqual(new[] { "first_name", "last_name", "email", "phone", "date_of_birth", "address" }, keys.Select(k => k.Name).ToArray());
    }

    // An outside tester's orders file: 40 orders, a `company` column holding one of 3 carriers, the ship-to city, a date
    // and an amount; with orderId the orders are numbered. The carrier was a weight-35 organisation key: 3 golden
    // records in fuzzy mode, 9 (carrier × city) in exact mode.
    private static string Orders(bool numbered)
    {
        string[] carriers = ["DHL Express", "UPS", "FedEx"];
        string[] cities = ["Berlin", "Hamburg", "Munich"];
        var csv = new System.Text.StringBuilder(numbered ? "order_id,order_date,company,ship_city,amount\n" : "order_date,company,ship_city,amount\n");
        for (int i = 0; i < 40; i++)
        {
            csv.Append(numbered ? $"ORD-{10000 + i}," : "").Append($"2025-03-{1 + (i % 28):00},{carriers[i * 7 % 3]},{cities[i * 5 / 3 % 3]},{10 + (i * 37 % 400)}.50\n");
        }

        return csv.ToString();
    }

    [TestMethod]
    public void Resolve_ShouldTakeAnIdGroupedBySpacesForTheRowsNumber()
    {
        // order_no written "48 100" … "48 139", as a French export groups its digits: each row is an order of its own. The
        // grouped digits were read as amounts, the column was not taken for the orders' number and the 40 orders were
        // matched on their ship-to city.
        var csv = Orders(numbered: true).Replace("order_id,", "order_no,", StringComparison.Ordinal);
        for (int i = 0; i < 40; i++)
        {
            csv = csv.Replace($"ORD-{10000 + i},", $"48 {100 + i},", StringComparison.Ordinal);
        }

        var keys = MatchKeys.Resolve(MasterTestData.Table(csv), MasterTestData.Params(GoldenRecordBuilderAgent.AgentId, "{}"), [], out string? rowsNumberedBy);

        Assert.AreEqual("order_no", rowsNumberedBy, csv[..200]);
        Assert.IsEmpty(keys);
        Assert.IsTrue(MatchKeys.IdLike(["48 100", "48 101"]));
        Assert.IsFalse(MatchKeys.IdLike(["350", "48 101"]));
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void Resolve_ShouldKeepOrdersApart_WhenTheirCompanyColumnRepeatsAFewCarriers(bool numbered)
    {
        var table = MasterTestData.Table(Orders(numbered));

        var keys = MatchKeys.Resolve(table, MasterTestData.Params(GoldenRecordBuilderAgent.AgentId, "{}"), [], out string? rowsNumberedBy);

        Assert.IsEmpty(keys, "a carrier repeated over 40 orders is not the entity, nor is the ship-to city alone: " + string.Join(",", keys.Select(k => k.Name)));
        Assert.AreEqual(numbered ? "order_id" : null, rowsNumberedBy);
        Assert.AreEqual(40, MasterTestData.ResolveFuzzy(Orders(numbered)).Count);
    }

    [TestMethod]
    [DataRow(false, 40)]
    [DataRow(true, 40)]
    public void GoldenRecordBuilder_ShouldMakeARecordPerOrder_WhenAnOrderIdNumbersTheRows(bool fuzzy, int expected)
    {
        var table = MasterTestData.Table(Orders(numbered: true));

        var result = new GoldenRecordBuilderAgent(MasterTestData.Clock).Run(table,
            MasterTestData.Params(GoldenRecordBuilderAgent.AgentId, fuzzy ? "{\"enable_fuzzy_matching\": true}" : "{}"), CancellationToken.None);

        Assert.AreEqual(expected, result.Output!.RowCount);
        Assert.AreEqual("order_id", (string?)result.Report.Data["rows_numbered_by"]);
        StringAssert.Contains(result.Report.Alerts.Single(a => (string?)a!["category"] == "matching")!["message"]!.ToString(), "'order_id'");
    }

    [TestMethod]
    [DataRow("order_id", 20, "order_id")]
    [DataRow("vendor_id", 10, null)]
    [DataRow("record_id", 10, null)]
    [DataRow("tax_id", 10, null)]
    [DataRow("duns_number", 10, null)]
    [DataRow("InvoiceNo", 20, "InvoiceNo")]
    public void GoldenRecordBuilder_ShouldNumberOrdersOfCustomerCompanies_WhenTheIdNamesOrders(string idColumn, int expected, string? numberedBy)
    {
        // 20 orders of 10 customer companies, two each: the company column's distinct share is 0.5, enough to be a key,
        // and orders 5011–5020 vanished into 10 golden records (last probe). An id naming orders says what the rows are;
        // a vendor's, the party's own (tax_id, duns_number: review) or a generic record id leaves the company the entity.
        string[] companies = ["Acme Corp", "Globex Inc", "Initech LLC", "Umbrella Ltd", "Hooli Inc", "Stark Industries", "Wayne Enterprises", "Wonka GmbH", "Cyberdyne Systems", "Tyrell Corp"];
        var csv = new System.Text.StringBuilder($"{idColumn},company,amount\n");
        for (int i = 0; i < 20; i++)
        {
            csv.Append($"{5001 + i},{companies[i % 10]},{100 + (i * 13)}\n");
        }

        var result = new GoldenRecordBuilderAgent(MasterTestData.Clock).Run(MasterTestData.Table(csv.ToString()),
            MasterTestData.Params(GoldenRecordBuilderAgent.AgentId, "{}"), CancellationToken.None);

        Assert.AreEqual(expected, result.Output!.RowCount);
        Assert.AreEqual(numberedBy, (string?)result.Report.Data["rows_numbered_by"]);
    }

    [TestMethod]
    public void Resolve_ShouldKeepTheOrganizationName_WhenMostRowsNameAnOrganizationOfTheirOwn()
    {
        // A vendor file with a record id of its own per row (two systems merged) and a few duplicates: the name is the
        // entity's and stays the key; the unique record id does not keep the duplicates apart.
        var csv = "record_id,vendor_name,city\n"
            + "R1,Northwind Traders LLC,New York\nR2,\"Northwind Traders, L.L.C.\",New York\nR3,Contoso Advisory LLC,New York\n"
            + "R4,The Acme Company,Boston\nR5,ACME CO.,Boston\nR6,Globex Inc,Austin\nR7,Initech LLC,Austin\n";

        var keys = MatchKeys.Resolve(MasterTestData.Table(csv), MasterTestData.Params(GoldenRecordBuilderAgent.AgentId, "{}"), [], out string? rowsNumberedBy);
        var clusters = MasterTestData.ResolveFuzzy(csv);

        CollectionAssert.AreEqual(new[] { "vendor_name", "city" }, keys.Select(k => k.Name).ToArray());
        Assert.IsNull(rowsNumberedBy);
        CollectionAssert.AreEqual(new[] { 0, 0, 1, 2, 2, 3, 4 }, clusters.ClusterOf);
    }

    [TestMethod]
    public void Resolve_ShouldMatchOnTheAddress_WhenAnAmountPaidColumnHoldsAValueOfItsOwnPerRow()
    {
        // Review repro: amount_paid ends in "id" and its amounts never repeat; it was taken for a row number
        // (rows_numbered_by amount_paid) and the rows were no longer matched on their address.
        var csv = "amount_paid,address,city\n"
            + "120.50,12 Main Street,Springfield\n130.25,12 Main St,Springfield\n99.99,4 Oak Avenue,Shelbyville\n"
            + "45.10,4 Oak Ave,Shelbyville\n300.00,77 Elm Road,Ogdenville\n";

        var keys = MatchKeys.Resolve(MasterTestData.Table(csv), MasterTestData.Params(GoldenRecordBuilderAgent.AgentId, "{}"), [], out string? rowsNumberedBy);

        Assert.IsNull(rowsNumberedBy);
        CollectionAssert.Contains(keys.Select(k => k.Name).ToArray(), "address");
    }

    [TestMethod]
    [DataRow("order_id", "A1,A2,A3", true)]
    [DataRow("OrderID", "A1,A2,A3", true)]
    [DataRow("invoice_no", "17,18,19", true)]
    [DataRow("order_id", "A1,A2,A1", false)]   // a value twice
    [DataRow("order_id", "A1,,A3", false)]     // a row without one
    [DataRow("customer", "A1,A2,A3", false)]   // not named as an id
    [DataRow("orderId", "A1,A2,A3", true)]     // camelCase Id
    [DataRow("amount_paid", "17,18,19", false)] // review: a word that merely ends in "id"
    [DataRow("valid", "17,18,19", false)]
    [DataRow("grid", "A1,A2,A3", false)]
    [DataRow("hybrid", "A1,A2,A3", false)]
    [DataRow("order_id", "12.50,13.75,99.10", false)] // decimals are no ids
    [DataRow("invoice_no", "$17,$18,$19", false)]     // nor amounts
    [DataRow("order_no", "12 345,12 346,48 200", true)]  // ids grouped by a space, all alike: no amounts
    [DataRow("order_no", "12 345,12 346,48 200", true)]
    [DataRow("order_no", "350,1 200,12 500", false)]     // amounts: plain below a thousand, grouped above
    [DataRow("order_no", "1 200,12 500,125 000", false)] // groups of every length
    [DataRow("order_no", "12 345,12'346,48 200", false)] // two separators
    [DataRow("order_no", "12 345,12 346,48 200.50", false)] // an amount with decimals beside them
    public void NumbersTheRows_ShouldNeedAnIdNameAndAValueOfItsOwnInEveryRow(string column, string values, bool expected)
    {
        // A second column filled in every row: a row blank in every field is no row of the table (MasterTable.Load).
        var table = MasterTestData.Table(column + ",note\n" + string.Join("\n", values.Split(',').Select(v => (v.Length == 0 ? "\"\"" : v) + ",x")) + "\n");

        Assert.AreEqual(expected, MatchKeys.NumbersTheRows(table, 0), $"{column}: {values}");
    }

    [TestMethod]
    [DataRow("The Acme Company, Incorporated", "acme co inc")]
    [DataRow("Northwind Traders, L.L.C.", "northwind traders llc")]
    [DataRow("Müller & Söhne Gesellschaft mit beschränkter Haftung", "müller söhne gmbh")]
    [DataRow("Siemens Aktiengesellschaft", "siemens ag")]
    [DataRow("Johnson and Johnson Limited", "johnson johnson ltd")]
    public void Normalize_ShouldWriteLegalFormsOneWay(string name, string expected)
    {
        Assert.AreEqual(expected, MatchNormalizer.Normalize(name, MatchFieldKind.Organization));
    }

    [TestMethod]
    [DataRow("company_name", true)]
    [DataRow("VendorName", true)]
    [DataRow("supplier", true)]
    [DataRow("customer_name", false)]
    [DataRow("company_size", false)]
    [DataRow("product_name", false)]
    public void NamesAnOrganization_ShouldTellTheColumnsThatNameOne(string column, bool expected)
    {
        Assert.AreEqual(expected, ColumnNames.NamesAnOrganization(column));
    }
}
