using Agensium.Analysis.Master;
using static Agensium.Scheduler.Tests.Analysis.Master.MasterTestData;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>survivorship-resolver clusters, rules, confidences and score.</summary>
[TestClass]
public sealed class SurvivorshipResolverAgentTests
{
    private static MasterAgentResult Run(string csv, string json) =>
        new SurvivorshipResolverAgent(Clock).Run(Table(csv), Params(SurvivorshipResolverAgent.AgentId, json), CancellationToken.None);

    [TestMethod]
    public void Run_ShouldTakeFirstAndLastNameFromOneRow_WhenARowHasThemSwapped()
    {
        var result = Run("id,first_name,last_name,email\nC004,Katherine,Miller,kmiller@mail.com\nC009,Miller,Katherine,kmiller@mail.com\n",
            """{"match_key_columns":["email"]}""");

        var row = result.Output!.Row(0);
        Assert.AreEqual("Katherine Miller", $"{row[1]} {row[2]}");
    }

    [TestMethod]
    [DataRow("first_name,last_name,phone,city\nJöran,Ek,+46 8 123 456,Stockholm\nJoran,Ek,08-123 456,Stockholm\nLena,Ek,08-123 456,Stockholm\nAnn,Berg,08-765 432,Uppsala\nAnn,Berg,08-765 432,Uppsala\n", new[] { 0, 1, 2, 3, 3 }, DisplayName = "a household's landline")]
    [DataRow("company_name,phone\nGlobex Corporation,555-0100\nGlobex Holdings,555-0100\nInitech Inc,555-0200\nUmbrella plc,555-0300\n", new[] { 0, 1, 2, 3 }, DisplayName = "a building's switchboard")]
    [DataRow("full_name,phone,email\nAnn Lee,555-0101,\nBo Ray,555-0101,\nCy Dee,555-0102,cy@x.org\nDi Fox,555-0103,di@x.org\nEd Gray,555-0104,ed@x.org\nEd Gray,555-0104,ed@x.org\n", new[] { 0, 1, 2, 3, 4, 4 }, DisplayName = "a phone beside a blank e-mail")]
    [DataRow("full_name,phone\nAnn Lee,555-0101\nann lee,555-0101\nBo Ray,555-0102\nCy Dee,555-0103\n", new[] { 0, 0, 1, 2 }, DisplayName = "one name written two ways stays one")]
    public void Run_ShouldKeepRowsApart_WhenTheyShareOnlyAPhoneAndNameTwoEntities(string csv, int[] clusterOf)
    {
        // The automatic keys are id/e-mail/phone columns: rows of one phone and two names were one golden record.
        var result = Run(csv, "{}");

        var clusters = result.Report.Data["clusters"]!.AsArray();
        var of = new int[clusterOf.Length];
        foreach (var cluster in clusters)
        {
            int id = int.Parse(((string)cluster!["cluster_id"]!)["cluster_".Length..], System.Globalization.CultureInfo.InvariantCulture);
            foreach (var row in cluster["row_indexes"]!.AsArray())
            {
                of[(int)row!] = id;
            }
        }

        CollectionAssert.AreEqual(clusterOf, of, string.Join(",", of));
    }

    [TestMethod]
    public void Run_ShouldCountMinLengthInCharacters_AnEmojiAsOne()
    {
        // The stop-51 outside probe: min_length counted UTF-16 units, so "😀a" (two characters) met a minimum of 3.
        // Each value scores 0.5 + len/100; only "xyz" meets min_length 3 (+0.1), so it survives.
        var result = Run("email,nick\na@x.com,😀a\na@x.com,xyz\n", """{"match_key_columns":["email"],"min_length":{"nick":3}}""");

        Assert.AreEqual("xyz", result.Output!.Row(0)[1]);
    }

    [TestMethod]
    public void Run_ShouldListWhichRowsItMerged()
    {
        var result = Run("id,email\n1,a@x.com\n2,b@x.com\n3,a@x.com\n", """{"match_key_columns":["email"]}""");

        var clusters = result.Report.Data["clusters"]!.AsArray();
        Assert.AreEqual("cluster_0", (string?)clusters[0]!["cluster_id"]);
        CollectionAssert.AreEqual(new[] { 0, 2 }, clusters[0]!["row_indexes"]!.AsArray().Select(r => (int)r!).ToArray());
        CollectionAssert.AreEqual(new[] { 1 }, clusters[1]!["row_indexes"]!.AsArray().Select(r => (int)r!).ToArray());
        Assert.AreEqual(2, (int)result.Report.Data["clusters_total"]!);
        Assert.IsFalse((bool)result.Report.Data["clusters_truncated"]!);
    }

    [TestMethod]
    public void Run_ShouldOrderTimesByTheInstantTheyName_AndReadMinMaxDatesInTheColumnsOrder()
    {
        var result = Run("email,plan,updated_at,first_purchase\nkim@x.com,Basic,2024-03-11T02:00:00+00:00,13/12/2023\n"
            + "kim@x.com,Premium,2024-03-10T23:30:00-08:00,02/03/2024\nkim@x.com,Trial,2024-03-09T10:00:00+00:00,05/01/2024\n",
            """{"match_key_columns":["email"],"timestamp_column":"updated_at","default_rule":"most_recent","survivorship_rules":{"first_purchase":"min"}}""");

        var row = result.Output!.Row(0);
        Assert.AreEqual("Premium", row[1]);
        Assert.AreEqual("13/12/2023", row[3]);
    }

    [TestMethod]
    public void Run_ShouldTakeTheLastRowAt06_WhenNoRowOfTheClusterHasATimestamp()
    {
        // Cluster 1 has no timestamp at all: freshness had every row tie and kept the first (Paris) at 0.85. Now it is
        // as without a timestamp column: last (Nice) at 0.6, confidence (1 + 1 + 0.6)/3.
        var result = Run("k,updated_at,city\n1,,Paris\n1,,Lyon\n1,N/A,Nice\n2,2024-01-01,Rome\n2,2024-02-01,Oslo\n",
            """{"match_key_columns":["k"],"timestamp_column":"updated_at","default_rule":"most_recent"}""");
        var output = result.Output!;

        Assert.AreEqual("Nice", Cell(output, 0, "city"));
        Assert.AreEqual(2.6 / 3, double.Parse(Cell(output, 0, "__resolution_confidence__"), System.Globalization.CultureInfo.InvariantCulture), 1e-9);
        Assert.AreEqual("Oslo", Cell(output, 1, "city"), "a cluster with timestamps still takes its newest row");
    }

    [TestMethod]
    [DataRow("max", new[] { "1.050,00", "20,75", "1.000", "900" })]
    [DataRow("min", new[] { "980,50", "3,10", "5,5", "1,500" })]
    public void Run_ShouldCompareAmountsInTheColumnsNotation_WhenTheColumnWritesDecimalCommas(string rule, string[] expected)
    {
        // As golden-record-builder: 1050 > 980.5, 20.75 > 3.1, 1000 > 5.5, 900 > 1.5 ("1,500" is decided by its column).
        var output = Run(GoldenRecordBuilderAgentTests.DecimalCommaAmounts,
            "{\"match_key_columns\":[\"k\"],\"survivorship_rules\":{\"umsatz\":\"" + rule + "\"}}").Output!;

        CollectionAssert.AreEqual(expected, Enumerable.Range(0, output.RowCount).Select(r => Cell(output, r, "umsatz")).ToArray());
    }

    [TestMethod]
    public void Run_ShouldPickBestQualityValue_WhenDefaultRuleIsQualityScore()
    {
        var result = Run("email,note\na@x.com,hi\na@x.com,hello there\n", """{"match_key_columns":["email"]}""");
        var row = result.Output!.Row(0);

        // note: quality 0.5 + len/100 ⇒ "hello there" 0.61 beats "hi" 0.52; email agrees (1.0) ⇒ confidence (1 + 0.61)/2.
        Assert.AreEqual("hello there", row[1]);
        Assert.AreEqual("cluster_0", row[2]);
        Assert.AreEqual(0.805, double.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
        // 1 conflict resolved (0.61 ≥ 0.5): 100·0.5 + 0.61·35 + 1·15 = 86.35.
        Assert.AreEqual(86.35, Metric(result, "survivorship_score"), 0.001);
    }

    [TestMethod]
    public void Run_ShouldFallBackToSourcePriority_WhenConfidenceIsBelowMinimum()
    {
        const string json = """{"match_key_columns":["k"],"default_rule":"first","source_column":"src","source_priority":{"B":1,"A":2},"min_confidence":0.7}""";

        var result = Run("k,src,v\n1,A,x\n1,B,y\n", json);

        // first gives 0.6 < 0.7 ⇒ source_priority: B (priority 1) wins with 0.9 for src and v.
        Assert.AreEqual("y", result.Output!.Row(0)[2]);
        Assert.AreEqual(0.9, Metric(result, "average_confidence"), 1e-9);
        Assert.AreEqual(2.0, Metric(result, "conflicts_resolved"));
    }

    [TestMethod]
    public void Run_ShouldReportUnresolvedConflict_WhenConfidenceIsBelow03()
    {
        var result = Run("k,email\n1,x\n1,y\n", """{"match_key_columns":["k"],"validation_patterns":{"email":"^z$"}}""");

        // email quality: 0.5 + 0.01 − 0.2 (not an e-mail) − 0.2 (custom pattern miss) = 0.11 < 0.3 ⇒ unresolved.
        Assert.AreEqual(1.0, Metric(result, "unresolved_conflicts"));
        Assert.AreEqual("unresolved_conflict", (string?)result.Report.RowIssues.Kept[0]["issue_type"]);
        // resolution 0 % (0.11 < 0.5): 0 + 0.11·35 + 0·15 = 3.85.
        Assert.AreEqual(3.85, Metric(result, "survivorship_score"), 0.001);
    }

    [TestMethod]
    public void Run_ShouldKeepSingletons_WhenNoKeyColumnQualifies()
    {
        var result = Run("colour,size\nred,1\nred,2\n", "{}");

        Assert.AreEqual(2, result.Output!.RowCount);
        Assert.AreEqual(100.0, Metric(result, "survivorship_score"));
        Assert.AreEqual("medium", (string?)result.Report.Alerts[0]!["severity"]);
        Assert.AreEqual("No match key columns: every row is its own cluster.", (string?)result.Report.Alerts[0]!["message"]);
    }

    [TestMethod]
    public void Run_ShouldNotCountBlanksAsDistinctValues_WhenChoosingTheKeyColumns()
    {
        // customer_code holds 2 distinct values in 4 rows (50 %, not more): no key. The blank cell and the null token
        // counted as a third distinct value, so the column was a key and the two C1 rows one record.
        foreach (string missing in new[] { "", "N/A" })
        {
            var result = Run($"customer_code,colour\nC1,red\nC1,blue\nC2,green\n{missing},red\n", "{}");

            Assert.AreEqual(4, result.Output!.RowCount, $"'{missing}'");
            Assert.AreEqual("No match key columns: every row is its own cluster.", (string?)result.Report.Alerts[0]!["message"], $"'{missing}'");
        }
    }

    [TestMethod]
    public void Run_ShouldMergeRowsEqualInEveryColumn_WhenNoKeyColumnQualifies()
    {
        // A vendor list of copies (vendor's distinct share 0.4, no key): 10 rows were 10 records.
        var result = Run("vendor,city,category\nAcme Corp,Boston,hardware\nAcme Corp,Boston,hardware\nAcme Corp, Boston ,hardware\n"
            + "Globex,Paris,software\nGlobex,Paris,software\nGlobex,Paris,software\nInitech,Austin,services\nInitech,Austin,services\n"
            + "Umbrella,Berlin,pharma\nUmbrella,Berlin,retail\n", "{}");

        var output = result.Output!;
        Assert.AreEqual(5, output.RowCount, "the two Umbrella rows differ in category: no key says they are one vendor");
        int sources = output.Find("__source_count__");
        CollectionAssert.AreEqual(new[] { "3", "3", "2", "1", "1" }, Enumerable.Range(0, 5).Select(r => output[r, sources]).ToArray());
        StringAssert.Contains((string?)result.Report.Alerts[0]!["message"], "only rows equal in every column were merged (5 copies of another row)");
    }

    [TestMethod]
    public void Run_ShouldUseTheFuzzyResolver_WhenFuzzyMatchingIsEnabled()
    {
        var table = Sample("master_data_input.csv");

        var survivorship = new SurvivorshipResolverAgent(Clock)
            .Run(table, Params(SurvivorshipResolverAgent.AgentId, """{"enable_fuzzy_matching":true}"""), CancellationToken.None);
        var golden = new GoldenRecordBuilderAgent(Clock)
            .Run(table, Params(GoldenRecordBuilderAgent.AgentId, """{"enable_fuzzy_matching":true}"""), CancellationToken.None);

        // Both agents resolve entities with the same blocked resolver and auto match keys, so they agree on the clusters.
        Assert.AreEqual(golden.Output!.RowCount, (int)Metric(survivorship, "clusters"));
        Assert.IsLessThan(table.RowCount, survivorship.Output!.RowCount);
        Assert.AreEqual("fuzzy", (string?)survivorship.Report.Data["matching_mode"]);
    }
}
