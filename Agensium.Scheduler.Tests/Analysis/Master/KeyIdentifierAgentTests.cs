using Agensium.Analysis.Master;
using static Agensium.Scheduler.Tests.Analysis.Master.MasterTestData;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>key-identifier figures on small hand-computed tables.</summary>
[TestClass]
public sealed class KeyIdentifierAgentTests
{
    private static MasterAgentResult Run(string csv, string json = "{}") =>
        new KeyIdentifierAgent(Clock).Run(Table(csv), Params(KeyIdentifierAgent.AgentId, json), CancellationToken.None);

    [TestMethod]
    public void Run_ShouldScore100_WhenAColumnIsUniqueAndComplete()
    {
        var result = Run("id,city\nA-1,X\nA-2,X\nA-3,Y\nB4,Y\n");

        Assert.AreEqual(100.0, Metric(result, "key_identifier_score"));
        Assert.AreEqual(1.0, Metric(result, "primary_keys_found"));
        var id = result.Report.Data["column_analysis"]![0]!;
        // uniqueness 100, nulls 0, pattern: 3 of 4 values have shape "A-9" ⇒ 75; key score 40 + 30 + 22.5 = 92.5.
        Assert.AreEqual(75.0, Number(id["pattern_score"]));
        Assert.AreEqual(92.5, Number(id["key_score"]));
        Assert.IsNull(result.Output);
    }

    [TestMethod]
    public void Run_ShouldCountANullTokenAsNull_WhenJudgingAKey()
    {
        // "N/A" and "NULL" were values: id looked unique and complete (a primary key, score 100) with two rows lacking one.
        var result = Run("id,city\n1,X\n2,X\n3,Y\nN/A,Y\nNULL,Z\n");

        Assert.AreEqual(0.0, Metric(result, "primary_keys_found"));
        var id = result.Report.Data["column_analysis"]![0]!;
        Assert.AreEqual(40.0, Number(id["null_pct"]));
        Assert.AreEqual(100.0, Number(id["uniqueness_pct"]));
    }

    [TestMethod]
    public void Run_ShouldFindCompositeKey_WhenNoSingleColumnIsUnique()
    {
        var result = Run("order,line,sku\n1,1,A\n1,2,B\n2,1,A\n2,2,C\n");

        Assert.AreEqual(75.0, Metric(result, "key_identifier_score"));
        Assert.AreEqual(0.0, Metric(result, "primary_keys_found"));
        var composite = result.Report.Data["composite_key_candidates"]!.AsArray();
        // Pairs are tried by descending uniqueness (sku 75 %, order 50 %, line 50 %): sku+order and order+line are unique, sku+line is not.
        CollectionAssert.AreEqual(new[] { "sku+order", "order+line" },
            composite.Select(c => string.Join("+", c!.AsArray().Select(n => (string?)n))).ToArray());
        Assert.AreEqual("no_primary_key", (string?)result.Report.Issues[0]!["issue_type"]);
    }

    [TestMethod]
    public void Run_ShouldScore50AndFindForeignKey_WhenValuesRepeatAndMatchAReference()
    {
        // region: 2 distinct of 4 ⇒ 50 % is an entity key; with entity_key_threshold 60 nothing qualifies.
        var result = Run("region,n\nN,1\nN,1\nS,1\nS,1\n", """{"entity_key_threshold":60,"reference_tables":{"regions":["N","S","E"]}}""");

        Assert.AreEqual(50.0, Metric(result, "key_identifier_score"));
        var fk = result.Report.Data["foreign_key_candidates"]![0]!;
        Assert.AreEqual("region", (string?)fk["column"]);
        Assert.AreEqual(100.0, Number(fk["overlap_pct"]));
    }
}
