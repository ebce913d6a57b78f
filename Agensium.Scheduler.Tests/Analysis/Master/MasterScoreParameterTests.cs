using System.Text.Json.Nodes;
using Agensium.Analysis;
using Agensium.Analysis.Input;
using Agensium.Analysis.Master;
using static Agensium.Scheduler.Tests.Analysis.Master.MasterTestData;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>
/// The master agents' score weights and status thresholds are parameters (AGENSIUM §4), as the clean agents' are:
/// each agent's score on the tables of its own tests, recomputed by hand with other weights and thresholds.
/// </summary>
[TestClass]
public sealed class MasterScoreParameterTests
{
    private const string StewardshipCsvHeader = "email,a,b,c,d\n";

    // 1 INVALID_FORMAT (weight 2) in 100 rows × 5 columns: density 98, severity 99.5 (StewardshipFlaggerAgentTests).
    private static readonly string StewardshipCsv =
        StewardshipCsvHeader + string.Concat(Enumerable.Range(0, 99).Select(i => $"u{i}@x.com,1,2,3,4\n")) + "bad,1,2,3,4\n";

    private static (MasterAgentResult Result, AgentParameters Parameters) Run(IMasterAgent agent, string csv, string json)
    {
        var parameters = Params(agent.Id, json);
        return (agent.Run(Table(csv), parameters, CancellationToken.None), parameters);
    }

    [TestMethod]
    public void Stewardship_ShouldWeighItsPartsAndNameItsStatus_WithTheGivenWeightsAndThresholds()
    {
        var (result, parameters) = Run(new StewardshipFlaggerAgent(Clock), StewardshipCsv,
            """{"density_score_weight": 0.2, "severity_score_weight": 0.8, "excellent_threshold": 99.5, "good_threshold": 99.2}""");

        // 0.2·98 + 0.8·99.5 = 99.2: "good" under these thresholds (it is "excellent" under 90/75).
        Assert.AreEqual(99.2, Metric(result, "stewardship_score"), 0.001);
        Assert.AreEqual("good", (string?)result.Report.SummaryMetrics["status"]);
        var used = result.Report.Data["parameters"]!;
        Assert.AreEqual(0.2, Number(used["density_score_weight"]), 1e-9);
        Assert.AreEqual(99.5, Number(used["excellent_threshold"]), 1e-9);
        Assert.AreEqual(0.6, Number(result.Report.Data["defaults"]!["density_score_weight"]), 1e-9);
        Assert.AreEqual(90.0, Number(result.Report.Data["defaults"]!["excellent_threshold"]), 1e-9);
        Assert.AreEqual(0, parameters.UnusedKeys.Count, string.Join(", ", parameters.UnusedKeys));
    }

    [TestMethod]
    public void Stewardship_ShouldRaiseAHighAlert_WhenTheScoreIsBelowTheGivenGoodThreshold()
    {
        var (result, _) = Run(new StewardshipFlaggerAgent(Clock), StewardshipCsv, """{"excellent_threshold": 100, "good_threshold": 99}""");

        // 98.6 < 99: needs_improvement, and the review alert is high (it is medium at the default 75).
        Assert.AreEqual("needs_improvement", (string?)result.Report.SummaryMetrics["status"]);
        Assert.AreEqual("high", (string?)result.Report.Alerts.Single(a => (string?)a!["category"] == "stewardship")!["severity"]);
    }

    [TestMethod]
    public void Weights_ShouldBeScaledAndSaid_WhenTheyDoNotSumToOne()
    {
        var (result, _) = Run(new StewardshipFlaggerAgent(Clock), StewardshipCsv, """{"density_score_weight": 0.5, "severity_score_weight": 0.5001}""");
        var (even, _) = Run(new StewardshipFlaggerAgent(Clock), StewardshipCsv, """{"density_score_weight": 0.3, "severity_score_weight": 0.3}""");

        // 0.3/0.3 is 0.5/0.5 once scaled: (98 + 99.5)/2 = 98.75.
        Assert.AreEqual(98.75, Metric(even, "stewardship_score"), 0.001);
        var scaled = even.Report.Data["weights_scaled"]!.AsArray().Single()!;
        Assert.AreEqual(0.5, Number(scaled["used"]!["density_score_weight"]), 1e-9);
        Assert.AreEqual(0.3, Number(scaled["given"]!["severity_score_weight"]), 1e-9);
        Assert.IsNotNull(result.Report.Data["weights_scaled"]);
    }

    [TestMethod]
    [DataRow("""{"good_threshold": 95}""", "good_threshold")]                        // above the default excellent 90
    [DataRow("""{"excellent_threshold": 120}""", "excellent_threshold")]
    [DataRow("""{"density_score_weight": 1.5}""", "density_score_weight")]
    [DataRow("""{"density_score_weight": 0, "severity_score_weight": 0}""", "density_score_weight")]
    [DataRow("""{"severity_score_weight": "heavy"}""", "severity_score_weight")]
    public void Scores_ShouldRefuseParameters_ThatCannotMakeAScore(string json, string named)
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => Run(new StewardshipFlaggerAgent(Clock), StewardshipCsv, json));

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, ex.ErrorCode);
        StringAssert.Contains(ex.Message, named);
    }

    [TestMethod]
    public void Thresholds_ShouldLowerTheDefaultGoodThreshold_WhenOnlyALowerExcellentThresholdIsGiven()
    {
        // excellent 70 alone was refused: "good_threshold must not be above excellent_threshold, got 75 and 70", a
        // parameter the user never set.
        var (result, _) = Run(new StewardshipFlaggerAgent(Clock), StewardshipCsv, """{"excellent_threshold": 70}""");

        Assert.AreEqual(70.0, Number(result.Report.Data["parameters"]!["good_threshold"]), 1e-9);
        Assert.AreEqual("excellent", (string?)result.Report.SummaryMetrics["status"]);
    }

    [TestMethod]
    public void SemanticMapper_ShouldWeighCoverageAndConfidence_WithTheGivenWeights()
    {
        var (result, _) = Run(new SemanticMapperAgent(Clock), "email_address,Country,widget\na@x.com,u.s.a,1\nb@x.com,England,2\nc@x.com,España,3\n",
            """{"coverage_weight": 1, "confidence_weight": 0, "excellent_threshold": 60, "good_threshold": 50}""");

        // 2 of 3 columns mapped: 66.67 with coverage alone, above the given excellent threshold of 60.
        Assert.AreEqual(66.67, Metric(result, "semantic_score"), 0.001);
        Assert.AreEqual("excellent", (string?)result.Report.SummaryMetrics["status"]);
    }

    [TestMethod]
    public void Survivorship_ShouldWeighItsParts_WithTheGivenWeights()
    {
        var (result, _) = Run(new SurvivorshipResolverAgent(Clock), "email,note\na@x.com,hi\na@x.com,hello there\n",
            """{"match_key_columns":["email"], "resolution_weight": 0, "confidence_weight": 1, "conflict_weight": 0}""");

        // One conflict resolved with confidence 0.61: the confidence part alone is 61 (86.35 with 0.5/0.35/0.15).
        Assert.AreEqual(61.0, Metric(result, "survivorship_score"), 0.001);
        Assert.AreEqual("needs_improvement", (string?)result.Report.SummaryMetrics["status"]);
    }

    [TestMethod]
    public void GoldenRecords_ShouldWeighTrustConsolidationAndBase_WithTheGivenWeights()
    {
        var table = Table("id,email,name,amount,src\n1,a@x.com,Al,5,B\n2,a@x.com,Alfred,9,A\n3,b@x.com,Bo,1,A\n");
        var parameters = Params(GoldenRecordBuilderAgent.AgentId, """
            {"match_key_columns":["email"],"survivorship_rules":{"amount":"max","src":"source_priority"},"source_column":"src","source_priority":{"A":1,"B":2},
             "trust_weight": 0.5, "consolidation_weight": 0.5, "base_weight": 0, "good_threshold": 60}
            """);

        var result = new GoldenRecordBuilderAgent(Clock).Run(table, parameters, CancellationToken.None);

        // mean trust 0.94 ⇒ 94; consolidation min(100, 20·3/2) = 30; no base: 0.5·94 + 0.5·30 = 62 (76.6 by default).
        Assert.AreEqual(62.0, Metric(result, "golden_record_score"), 0.001);
        Assert.AreEqual("good", (string?)result.Report.SummaryMetrics["status"]);
        Assert.AreEqual(0.0, Number(result.Report.Data["parameters"]!["base_weight"]), 1e-9);
    }

    [TestMethod]
    public void Contract_ShouldNameItsComplianceByTheGivenThresholds()
    {
        const string json = """
            {"contract": {"required_columns": ["id", "age"], "optional_columns": ["status"],
              "column_mappings": {"years": "age"}, "column_types": {"id": "integer", "age": "integer"},
              "value_constraints": {"status": {"allowed_values": ["Active", "Closed"]}}},
             "structural_weight": 0, "value_weight": 1, "transformation_weight": 0, "excellent_threshold": 83}
            """;

        var (result, _) = Run(new ContractEnforcerAgent(Clock), "id,years,status,junk\n1.0,30,active,x\n2,abc,Closed,y\n", json);

        // value score 100·(1 − 1/6) = 83.33 alone, at or above 83: compliant (89.33 partially_compliant by default).
        Assert.AreEqual(83.33, Metric(result, "compliance_score"), 0.001);
        Assert.AreEqual("compliant", (string?)result.Report.SummaryMetrics["compliance_status"]);
    }

    [TestMethod]
    public void KeyIdentifier_ShouldWeighEachColumnsKeyScore_WithTheGivenWeights()
    {
        var (result, parameters) = Run(new KeyIdentifierAgent(Clock), "id,city\nA-1,X\nA-2,X\nA-3,Y\nB4,Y\n",
            """{"uniqueness_weight": 0, "completeness_weight": 0, "pattern_weight": 1}""");

        // id: pattern score 75 alone (92.5 with 0.4/0.3/0.3).
        Assert.AreEqual(75.0, Number(result.Report.Data["column_analysis"]![0]!["key_score"]));
        Assert.AreEqual(0, parameters.UnusedKeys.Count, string.Join(", ", parameters.UnusedKeys));
        Assert.IsNull(result.Report.Data["parameters"]!["excellent_threshold"]); // its score has no status words
    }

    [TestMethod]
    public void Thresholds_ShouldBeReportedUnused_ByAnAgentWhoseScoreHasNoStatus()
    {
        var (_, parameters) = Run(new KeyIdentifierAgent(Clock), "id\n1\n2\n", """{"excellent_threshold": 80}""");

        CollectionAssert.AreEqual(new[] { "excellent_threshold" }, parameters.UnusedKeys.ToArray());
    }
}
