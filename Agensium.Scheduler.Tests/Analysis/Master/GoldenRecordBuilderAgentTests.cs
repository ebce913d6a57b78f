using Agensium.Analysis.Master;
using static Agensium.Scheduler.Tests.Analysis.Master.MasterTestData;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>golden-record-builder on small hand-computed tables and on the master samples.</summary>
[TestClass]
public sealed class GoldenRecordBuilderAgentTests
{
    private static MasterAgentResult Run(MasterTable table, string json) =>
        new GoldenRecordBuilderAgent(Clock).Run(table, Params(GoldenRecordBuilderAgent.AgentId, json), CancellationToken.None);

    [TestMethod]
    public void Run_ShouldApplyRulesAndTrust_WhenExactKeysCollapseTwoRows()
    {
        var table = Table("id,email,name,amount,src\n1,a@x.com,Al,5,B\n2,a@x.com,Alfred,9,A\n3,b@x.com,Bo,1,A\n");

        var result = Run(table, """{"match_key_columns":["email"],"survivorship_rules":{"amount":"max","src":"source_priority"},"source_column":"src","source_priority":{"A":1,"B":2}}""");
        var output = result.Output!;

        Assert.AreEqual(2, output.RowCount);
        // id: most_complete tie ⇒ first "1" (0.8); email agrees (1.0); name longest "Alfred" (0.8); amount max 9 (0.9); src priority A (0.9).
        Assert.AreEqual("1,a@x.com,Alfred,9,A,cluster_0", string.Join(",", output.Row(0).Take(6)));
        Assert.AreEqual(0.88, double.Parse(output.Row(0)[6], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
        Assert.AreEqual("2", output.Row(0)[7]);
        Assert.AreEqual("3,b@x.com,Bo,1,A,cluster_1,1.0,1", string.Join(",", output.Row(1)));
        // Score = mean trust 0.94·40 + min(100, 20·3/2)·0.3 + 30 = 37.6 + 9 + 30 = 76.6.
        Assert.AreEqual(76.6, Metric(result, "golden_record_score"), 0.001);
        Assert.AreEqual(0.94, Metric(result, "average_trust_score"), 0.0001);
    }

    [TestMethod]
    public void Run_ShouldListMergedClustersFirst_AndSayWhenTheListIsCut()
    {
        // 900 single rows, then 300 pairs: the first 1,000 clusters by order held only 100 of the merges, and nothing
        // said the list was cut. Now every merge is listed first, and the cut is told.
        var csv = new System.Text.StringBuilder("id,email\n");
        for (int i = 0; i < 900; i++)
        {
            csv.Append($"{i},single{i}@x.com\n");
        }

        for (int i = 0; i < 600; i++)
        {
            csv.Append($"{900 + i},pair{i / 2}@x.com\n");
        }

        var data = Run(Table(csv.ToString()), """{"match_key_columns":["email"]}""").Report.Data;

        var clusters = data["clusters"]!.AsArray();
        Assert.AreEqual(1000, clusters.Count);
        Assert.AreEqual(1000, (int)data["clusters_listed"]!);
        Assert.AreEqual(1200, (int)data["clusters_total"]!);
        Assert.IsTrue((bool)data["clusters_truncated"]!);
        Assert.IsTrue(clusters.Take(300).All(c => c!["row_indexes"]!.AsArray().Count == 2));
        CollectionAssert.AreEqual(new[] { 900, 901 }, clusters[0]!["row_indexes"]!.AsArray().Select(r => (int)r!).ToArray());
        Assert.AreEqual("cluster_900", (string?)clusters[0]!["cluster_id"], "named as the output's __cluster_id__ (clusters numbered by first row)");
        Assert.AreEqual(1, clusters[300]!["row_indexes"]!.AsArray().Count);
    }

    [TestMethod]
    public void Run_ShouldOrderTimesByTheInstantTheyName_AndReadMinMaxDatesInTheColumnsOrder()
    {
        // 23:30-08:00 on the 10th is 07:30 UTC on the 11th: later than 02:00+00:00 (the clock times were compared).
        var table = Table("email,plan,updated_at,last_purchase\nkim@x.com,Basic,2024-03-11T02:00:00+00:00,13/12/2023\n"
            + "kim@x.com,Premium,2024-03-10T23:30:00-08:00,02/03/2024\nkim@x.com,Trial,2024-03-09T10:00:00+00:00,05/01/2024\n");

        var output = Run(table, """{"match_key_columns":["email"],"timestamp_column":"updated_at","default_survivorship_rule":"most_recent","survivorship_rules":{"last_purchase":"max"}}""").Output!;

        Assert.AreEqual("Premium", output.Row(0)[1]);
        // A day-first column (13/12/2023): the latest is 2 March 2024, not "05/01/2024" read as 1 May.
        Assert.AreEqual("02/03/2024", output.Row(0)[3]);
    }

    [TestMethod]
    public void Run_ShouldTakeFirstAndLastNameFromOneRow_WhenARowHasThemSwapped()
    {
        // most_complete per column chose "Katherine" for both: "Katherine Katherine". Columns in either order.
        var table = Table("id,last_name,first_name,email\n1,Miller,Katherine,kmiller@mail.com\n2,Katherine,Miller,kmiller@mail.com\n");

        var row = Run(table, """{"match_key_columns":["email"]}""").Output!.Row(0);

        Assert.AreEqual("Miller Katherine", $"{row[1]} {row[2]}");
    }

    [TestMethod]
    public void Run_ShouldCountCharactersAsWritten_WhenMostCompleteComparesAccentedNames()
    {
        // "Ömer" written with a combining diaeresis (5 UTF-16 units, 4 characters) is not longer than "Omer"; the longer
        // "Ömer A." still wins.
        string decomposed = "O\u0308mer";
        var table = Table($"k,name\n1,{decomposed}\n1,Ömer A.\n2,Omer\n2,{decomposed}\n");

        var output = Run(table, """{"match_key_columns":["k"]}""").Output!;

        Assert.AreEqual("Ömer A.", output.Row(0)[1]);
        Assert.AreEqual("Omer", output.Row(1)[1], "a tie of 4 characters keeps the first row");
    }

    [TestMethod]
    public void Run_ShouldFlagLowTrust_WhenTrustIsBelowMinimum()
    {
        var table = Table("k,a,b\n1,x,p\n1,yy,q\n");

        var result = Run(table, """{"match_key_columns":["k"],"default_survivorship_rule":"first","min_trust_score":0.9}""");

        // k agrees (1.0), a and b first (0.75 each) ⇒ trust 2.5/3 = 0.8333 < 0.9.
        Assert.AreEqual("0.8333333333333334", result.Output!.Row(0)[4]);
        Assert.AreEqual(1L, result.Report.RowIssues.Total);
        Assert.AreEqual("low_trust_score", (string?)result.Report.RowIssues.Kept[0]["issue_type"]);
    }

    [TestMethod]
    public void Run_ShouldBuild87GoldenRows_WhenMasterMyDataIsMatchedOnEmail()
    {
        var result = Run(Sample("master_my_data.csv"), """{"match_key_columns":["EmailAddress"],"source_column":"SourceSystem","timestamp_column":"LastSeenDate"}""");
        var output = result.Output!;

        Assert.AreEqual(87, output.RowCount);
        Assert.AreEqual(13, MasterTestData.Rows(output).Count(r => r[output.Find("__source_count__")] == "2"));
        Assert.AreEqual(87, MasterTestData.Rows(output).Select(r => r[output.Find("EmailAddress")]).Distinct().Count());
    }

    [TestMethod]
    public void Run_ShouldGroupSourceVariants_WhenMasterDataInputIsMatchedFuzzily()
    {
        var table = Sample("master_data_input.csv");

        var output = Run(table, """{"enable_fuzzy_matching":true}""").Output!;

        // About 10 people in 4–5 variants each; some variants (other city, other phone) legitimately stay apart.
        Assert.IsTrue(output.RowCount is >= 8 and <= 25, $"{output.RowCount} clusters");
        var clusterOf = ClusterOfCustomer(table, Run(table, """{"enable_fuzzy_matching":true}"""));
        AssertSameCluster(clusterOf, "C001", "C002", "C004");
        AssertSameCluster(clusterOf, "C021", "C024", "C025", "C022");
        AssertSameCluster(clusterOf, "C026", "C029", "C030", "C027");
        AssertSameCluster(clusterOf, "C031", "C035", "C032", "C034");
        AssertSameCluster(clusterOf, "C036", "C040", "C037", "C039");
        Assert.AreNotEqual(clusterOf["C001"], clusterOf["C021"]);
        Assert.AreNotEqual(clusterOf["C031"], clusterOf["C036"]);
    }

    private static Dictionary<string, int> ClusterOfCustomer(MasterTable table, MasterAgentResult result)
    {
        var clusters = result.Report.Data["clusters"]!.AsArray();
        var map = new Dictionary<string, int>();
        for (int c = 0; c < clusters.Count; c++)
        {
            foreach (var row in clusters[c]!["row_indexes"]!.AsArray())
            {
                map[Cell(table, row!.GetValue<int>(), "CustomerID")] = c;
            }
        }

        return map;
    }

    private static void AssertSameCluster(Dictionary<string, int> clusterOf, params string[] ids)
    {
        foreach (string id in ids.Skip(1))
        {
            Assert.AreEqual(clusterOf[ids[0]], clusterOf[id], $"{ids[0]} and {id} should be one person");
        }
    }

    [TestMethod]
    public void Run_ShouldKeepPeopleApartAndLetValuesWin_WhenKeysOrValuesAreNullTokens()
    {
        // N/A and NULL are no e-mail: five people stay five (blank keys already did), and a null token never beats a value.
        var table = Table("id,name,email,state\nA1,Ann Lee,ann@x.com,NY\nA2,Bob Ray,N/A,TX\nA3,Cy Dee,N/A,N/A\nA4,Di Fox,NULL,CO\nA5,Ed Gum,NULL,NV\nA6,Ann Lee,ann@x.com,N/A\n");

        var output = Run(table, """{"match_key_columns":["email"]}""").Output!;

        Assert.AreEqual(5, output.RowCount);
        Assert.AreEqual("NY", Cell(output, 0, "state"), "Ann's NY survives over N/A");

        var fuzzy = Run(table, """{"match_key_columns":["email"],"enable_fuzzy_matching":true,"fuzzy_threshold":80}""").Output!;
        Assert.AreEqual(5, fuzzy.RowCount, "no fuzzy evidence from a shared N/A either");
    }

    [TestMethod]
    public void Run_ShouldTakeTheNewestTimestampOfTheColumnsOwnOrder_AndNeverAnUnreadableOne()
    {
        // 01/13/2024 shows the column is month-first: 12/01/2024 is 1 December, the newest. "unknown" is no timestamp.
        // updated_by holds names, so updated_at is the timestamp column.
        var table = Table("k,updated_by,updated_at,city\n1,adam,12/01/2024,Boston\n1,zoe,01/13/2024,Denver\n1,max,unknown,Austin\n");

        var output = Run(table, """{"match_key_columns":["k"],"survivorship_rules":{"city":"most_recent"}}""").Output!;

        Assert.AreEqual("Boston", Cell(output, 0, "city"));
    }

    [TestMethod]
    public void Run_ShouldTakeTheLastRowAtTrust07_WhenNoRowOfTheClusterHasATimestamp()
    {
        // Cluster 1 has no timestamp at all: most_recent had every row tie and kept the first (Paris) at 0.85, as if it
        // were the freshest. Now it is as without a timestamp column: last (Nice) at 0.7, trust (1 + 1 + 0.7)/3 = 0.9.
        var table = Table("k,updated_at,city\n1,,Paris\n1,,Lyon\n1, ,Nice\n2,2024-01-01,Rome\n2,2024-02-01,Oslo\n");

        var output = Run(table, """{"match_key_columns":["k"],"timestamp_column":"updated_at","survivorship_rules":{"city":"most_recent"}}""").Output!;

        Assert.AreEqual("Nice", Cell(output, 0, "city"));
        Assert.AreEqual(0.9, double.Parse(Cell(output, 0, "__trust_score__"), System.Globalization.CultureInfo.InvariantCulture), 1e-9);
        Assert.AreEqual("Oslo", Cell(output, 1, "city"), "a cluster with timestamps still takes its newest row");
    }

    [TestMethod]
    public void Run_ShouldApplyRulesAndWeightsKeyedByTheOriginalName_AfterSemanticMapperRenamedTheColumn()
    {
        var renamed = new SemanticMapperAgent(Clock).Run(Table("rec,email,zip,source\n1,a@x.com,02134-1234,CRM\n2,a@x.com,02134,ERP\n"),
            Params(SemanticMapperAgent.AgentId), CancellationToken.None).Output!;
        Assert.IsTrue(renamed.Columns.Contains("ZipCode"), string.Join(",", renamed.Columns));

        var output = Run(renamed, """{"match_key_columns":["email"],"source_column":"source","source_priority":{"ERP":1,"CRM":2},"survivorship_rules":{"zip":"source_priority"}}""").Output!;

        Assert.AreEqual("02134", Cell(output, 0, "ZipCode"), "the rule for zip reached the ZipCode column");
    }

    [TestMethod]
    public void Run_ShouldLeaveThePipelinesOwnColumnsOutOfTrust_WhenTheResolverRanFirst()
    {
        // survivorship-resolver's __cluster_id__ and __resolution_confidence__ are carried over, but trust is the mean
        // over rec (conflict, most_complete 0.8), email (agrees, 1.0) and city (0.8): 2.6 / 3.
        var resolved = new SurvivorshipResolverAgent(Clock).Run(Table("rec,email,city\n1,a@x.com,Boston\n2,a@x.com,Denver\n"),
            Params(SurvivorshipResolverAgent.AgentId, """{"match_key_columns":["rec"]}"""), CancellationToken.None).Output!;

        var output = Run(resolved, """{"match_key_columns":["email"]}""").Output!;

        Assert.AreEqual(2.6 / 3, double.Parse(Cell(output, 0, "__trust_score__"), System.Globalization.CultureInfo.InvariantCulture), 1e-9);
    }

    [TestMethod]
    [DataRow("max", "1,200.00", "900.00", "1,200.00")]
    [DataRow("max", "$1200", "$900", "$1200")]
    [DataRow("min", "€5", "12 €", "€5")]
    [DataRow("max", "15/01/2024", "31/12/2023", "15/01/2024")]
    [DataRow("min", "15/01/2024", "31/12/2023", "31/12/2023")]
    public void Run_ShouldCompareAmountsAndDatesByValue_WhenMinOrMaxSurvives(string rule, string first, string second, string expected)
    {
        var table = Table($"k,v\n1,\"{first}\"\n1,\"{second}\"\n");

        var output = Run(table, "{\"match_key_columns\":[\"k\"],\"survivorship_rules\":{\"v\":\"" + rule + "\"}}").Output!;

        Assert.AreEqual(expected, Cell(output, 0, "v"));
    }

    /// <summary>A column that writes decimal commas and '.' thousands: 1.050,00 = 1050, 1.000 = 1000, and "1,500" (ambiguous) = 1.5.</summary>
    internal const string DecimalCommaAmounts =
        "k,umsatz\n1,\"1.050,00\"\n1,\"980,50\"\n2,\"20,75\"\n2,\"3,10\"\n3,\"5,5\"\n3,1.000\n4,\"1,500\"\n4,900\n";

    [TestMethod]
    [DataRow("max", new[] { "1.050,00", "20,75", "1.000", "900" })]
    [DataRow("min", new[] { "980,50", "3,10", "5,5", "1,500" })]
    public void Run_ShouldCompareAmountsInTheColumnsNotation_WhenTheColumnWritesDecimalCommas(string rule, string[] expected)
    {
        // Five of eight values have a comma that can only be a decimal comma, none says otherwise: the column is read
        // so. 1050 > 980.5, 20.75 > 3.1, 1000 > 5.5 and 900 > 1.5. Compared as text, max kept 980,50, 3,10 and 5,5,
        // and "1,500" was read as 1500.
        var output = Run(Table(DecimalCommaAmounts), "{\"match_key_columns\":[\"k\"],\"survivorship_rules\":{\"umsatz\":\"" + rule + "\"}}").Output!;

        CollectionAssert.AreEqual(expected, Enumerable.Range(0, output.RowCount).Select(r => Cell(output, r, "umsatz")).ToArray());
    }

    [TestMethod]
    public void Run_ShouldReadAnAmbiguousValueAsUsThousands_WhenTheColumnWritesUsGroups()
    {
        // "2,000.50" can only be US groups: in this column "1,500" is 1500 (> 900), and 2000.5 > 12.25.
        var output = Run(Table("k,v\n1,\"1,500\"\n1,900\n2,\"2,000.50\"\n2,12.25\n"), """{"match_key_columns":["k"],"survivorship_rules":{"v":"max"}}""").Output!;

        Assert.AreEqual("1,500", Cell(output, 0, "v"));
        Assert.AreEqual("2,000.50", Cell(output, 1, "v"));
    }

    [TestMethod]
    public void Run_ShouldAlert_WhenASurvivorshipRuleNamesAColumnTheDataLacks()
    {
        var result = Run(Table("k,city\n1,Boston\n1,Denver\n"), """{"match_key_columns":["k"],"survivorship_rules":{"citty":"most_recent"}}""");

        var alert = result.Report.Alerts.Single(a => (string?)a!["category"] == "configuration")!;
        StringAssert.Contains((string?)alert["message"], "Did you mean 'city'?");
    }

    [TestMethod]
    public void Run_ShouldCountTheFilesRows_WhenTheResolverMergedThemFirst()
    {
        var resolved = new SurvivorshipResolverAgent(Clock).Run(Table("id,name,email\n1,Ann,ann@x.com\n2,Ann,ann@x.com\n3,Bob,bob@x.com\n4,Bob,bob@x.com\n5,Cy,cy@x.com\n"),
            Params(SurvivorshipResolverAgent.AgentId, """{"match_key_columns":["email"]}"""), CancellationToken.None).Output!;
        CollectionAssert.AreEqual(new[] { "2", "2", "1" }, MasterTestData.Rows(resolved).Select(r => r[resolved.Find("__source_count__")]).ToArray());

        var output = Run(resolved, """{"match_key_columns":["email"]}""").Output!;

        // Each golden record stands for the file's rows, not the resolver's: 2, 2, 1 (it said 1, 1, 1).
        CollectionAssert.AreEqual(new[] { "2", "2", "1" }, MasterTestData.Rows(output).Select(r => r[output.Find("__source_count__")]).ToArray());
        Assert.AreEqual(1, output.Columns.Count(c => c == "__source_count__"));
    }
}
