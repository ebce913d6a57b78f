using System.Text.Json.Nodes;
using Agensium.Analysis;
using Agensium.Analysis.Input;

namespace Agensium.Scheduler.Tests.Analysis;

[TestClass]
public sealed class AgentParametersTests
{
    [TestMethod]
    public void GetString_ShouldReturnTheAllowedSpelling_WhenTheValueMatchesInAnotherCase()
    {
        var p = Params("""{"method": "  IQR "}""");

        Assert.AreEqual("iqr", p.GetString("method", "z_score", "iqr", "z_score"));
        Assert.AreEqual("dflt", p.GetString("absent", "dflt"));
        Assert.IsNull(p.GetOptionalString("absent"));
    }

    [TestMethod]
    [DataRow("""{"x": "mad"}""")]
    [DataRow("""{"x": 3}""")]
    public void GetString_ShouldThrowInvalidParametersNamingTheParameter_WhenTheValueIsNotAllowedOrNotAString(string json)
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => Params(json).GetString("x", "iqr", "iqr", "z_score"));

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, ex.ErrorCode);
        StringAssert.StartsWith(ex.Message, "Parameter test-agent.x ");
    }

    [TestMethod]
    public void GetStringList_ShouldSplitCommasAndReadScalarsOnlyWhenAsked()
    {
        var p = Params("""{"one": "a, b", "mixed": ["a", 1, true]}""");

        CollectionAssert.AreEqual(new[] { "a", "b" }, p.GetStringList("one"));
        CollectionAssert.AreEqual(new[] { "a, b" }, p.GetStringList("one", splitCommas: false));
        CollectionAssert.AreEqual(new[] { "a", "1", "true" }, p.GetStringList("mixed", scalarsAsText: true));
        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, Assert.ThrowsExactly<AnalysisException>(() => p.GetStringList("mixed")).ErrorCode);
        Assert.IsEmpty(p.GetStringList("absent"));
    }

    [TestMethod]
    public void GetBoolAndMaps_ShouldReadValidValuesAndRefuseOthers()
    {
        var p = Params("""{"on": "true", "bad": "yes", "weights": {"Email": "40", "phone": 30}, "names": {"a": 1, "b": {}}}""");

        Assert.IsTrue(p.GetBool("on", false));
        Assert.ThrowsExactly<AnalysisException>(() => p.GetBool("bad", false));
        var weights = p.GetNumberMap("weights");
        Assert.AreEqual(40, weights["email"], "keys ignore case");
        Assert.AreEqual(30, weights["PHONE"]);
        StringAssert.Contains(Assert.ThrowsExactly<AnalysisException>(() => p.GetStringMap("names")).Message, "entry 'b'");
        Assert.IsNull(p.GetOptionalObject("absent"));
        Assert.IsEmpty(p.GetObject("absent"));
        Assert.ThrowsExactly<AnalysisException>(() => p.GetArray("on"));
    }

    [TestMethod]
    public void CaseInsensitiveMaps_ShouldTakeCaseVariantsOfOneValueAndRefuseVariantsOfTwo()
    {
        var p = Params("""{"same": {"NY": "New York", " ny": "New York"}, "clash": {"Email": "most_recent", "email": "max"}}""");

        var same = p.GetStringMap("same");
        Assert.AreEqual("New York", same["ny"]);
        Assert.HasCount(2, same, "keys are not trimmed by GetStringMap");
        Assert.HasCount(1, p.CaseInsensitiveMap("same", [("NY", "New York"), (" ny", "New York")]));
        var ex = Assert.ThrowsExactly<AnalysisException>(() => p.GetStringMap("clash"));
        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, ex.ErrorCode);
        StringAssert.Contains(ex.Message, "clash maps 'Email' to 'most_recent' and 'email' to 'max'");
    }

    [TestMethod]
    public void Describe_ShouldListOnlyKnownSuppliedKeysAsOverrides()
    {
        var p = Params("""{"top_n_values": 3, "unknown_key": 1}""");
        var data = new JsonObject();

        p.Describe(data, new JsonObject { ["top_n_values"] = 10 }, new JsonObject { ["top_n_values"] = 3 });

        Assert.AreEqual("""{"top_n_values":3}""", data["overrides"]!.ToJsonString());
        Assert.AreEqual(10, (int)data["defaults"]!["top_n_values"]!);
        Assert.AreEqual(3, (int)data["parameters"]!["top_n_values"]!);
    }

    [TestMethod]
    public void Describe_ShouldShowTheWeightsGivenAndUsed_WhenTheyWereScaledToSumToOne()
    {
        var p = Params("""{"a_weight": "0.5"}""");
        var weights = p.GetWeights(("a_weight", 0.4), ("b_weight", 0.3), ("c_weight", 0.3));
        var data = new JsonObject();

        p.Describe(data, new JsonObject(), new JsonObject());

        Assert.AreEqual(0.5 / 1.1, weights[0], 1e-12);
        var scaled = data["weights_scaled"]!.AsArray().Single()!;
        Assert.AreEqual(0.5, (double)scaled["given"]!["a_weight"]!);
        Assert.AreEqual(0.3, (double)scaled["given"]!["b_weight"]!);
        Assert.AreEqual(0.272727, (double)scaled["used"]!["b_weight"]!, 1e-9);
        StringAssert.Contains((string?)scaled["note"], "sum to 1.1");

        var unscaled = Params("""{"a_weight": 0.4}""");
        unscaled.GetWeights(("a_weight", 0.4), ("b_weight", 0.3), ("c_weight", 0.3));
        var plain = new JsonObject();
        unscaled.Describe(plain, new JsonObject(), new JsonObject());
        Assert.IsNull(plain["weights_scaled"]);
    }

    private static AgentParameters Params(string json) => new("test-agent", JsonNode.Parse(json)!.AsObject());
}
