using Agensium.Analysis;
using Agensium.Analysis.Input;

namespace Agensium.Scheduler.Tests.Analysis;

[TestClass]
public sealed class ToolParametersTests
{
    private static readonly string[] Known = ["unified-profiler", "drift-detector"];

    [TestMethod]
    public void Parse_ShouldSuggestTheAgentMeant_WhenAKeyIsAMisspeltAgent()
    {
        // The stop-51 probe 2: {"unified_profiler": {...}} was UNKNOWN_AGENT with no word of unified-profiler, as
        // analyze --agents type_fixer was.
        var ex = Assert.ThrowsExactly<AnalysisException>(() => ToolParameters.Parse("""{"unified_profiler": {}}""", Known));

        Assert.AreEqual(AnalysisErrorCodes.UnknownAgent, ex.ErrorCode);
        StringAssert.EndsWith(ex.Message, "Did you mean 'unified-profiler'?");
    }

    [TestMethod]
    public void Parse_ShouldThrowInvalidParameters_WhenJsonIsMalformed()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => ToolParameters.Parse("{\"unified-profiler\": {", Known));

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, ex.ErrorCode);
    }

    [TestMethod]
    [DataRow("{\n  \"drift-detector\": {\n    \"alpha\": 0.1,\n  }\n}\n", "(line 4): The JSON object contains a trailing comma at the end which is not supported in this mode.")]
    [DataRow("{'drift-detector': {}}", "(line 1): ''' is an invalid start of a property name.")]
    public void Parse_ShouldNameTheLineFromOne_AndNoReaderOptions_WhenJsonIsMalformed(string json, string said)
    {
        // Found by the stop-51 outside probe: "… Change the reader options. LineNumber: 3 | BytePositionInLine: 2." for
        // a trailing comma on line 4: advice for the programmer and a line counted from 0.
        var ex = Assert.ThrowsExactly<AnalysisException>(() => ToolParameters.Parse(json, Known));

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, ex.ErrorCode);
        StringAssert.StartsWith(ex.Message, "parameters.json is not valid JSON " + said);
        Assert.DoesNotContain("LineNumber", ex.Message);
        Assert.DoesNotContain("reader options", ex.Message);
    }

    [TestMethod]
    public void Parse_ShouldSayTooDeep_WhenValuesNestPast64Levels()
    {
        // Valid JSON all the same: it was called "not valid JSON".
        string json = "{\"drift-detector\": {\"x\": " + new string('[', 70) + new string(']', 70) + "}}";

        var ex = Assert.ThrowsExactly<AnalysisException>(() => ToolParameters.Parse(json, Known));

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, ex.ErrorCode);
        StringAssert.Contains(ex.Message, "nests values deeper than 64 levels");
        Assert.DoesNotContain("not valid JSON", ex.Message);
    }

    [TestMethod]
    [DataRow("""{"drift-detector": {"min_sample_size": 5}, "drift-detector": {"min_sample_size": 6}}""")]
    [DataRow("""{"drift-detector": {"min_sample_size": 5, "min_sample_size": 6}}""")]
    [DataRow("""{"drift-detector": "{\"alpha\": 0.1, \"alpha\": 0.2}"}""")]
    public void Parse_ShouldThrowInvalidParameters_WhenAKeyIsRepeated(string json)
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => ToolParameters.Parse(json, Known));

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, ex.ErrorCode);
    }

    [TestMethod]
    public void Parse_ShouldThrowInvalidParameters_WhenRootIsNotAnObject()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => ToolParameters.Parse("[1, 2]", Known));

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, ex.ErrorCode);
    }

    [TestMethod]
    public void Parse_ShouldThrowUnknownAgent_WhenKeyIsNotAnAgentOfTheTool()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => ToolParameters.Parse("{\"key-identifier\": {}}", Known));

        Assert.AreEqual(AnalysisErrorCodes.UnknownAgent, ex.ErrorCode);
        Assert.Contains("key-identifier", ex.Message);
    }

    [TestMethod]
    public void Parse_ShouldUnwrapJsonStrings_WhenAgentObjectAndValuesComeAsText()
    {
        string json = """{"unified-profiler": "{\"top_n_values\": \"3\", \"cols\": \"[1,2]\"}"}""";

        var parameters = ToolParameters.Parse(json, Known).For("unified-profiler");

        Assert.AreEqual(3, parameters.GetInt("top_n_values", 10, 0, 100));
        Assert.AreEqual(2, parameters.Supplied["cols"]!.AsArray().Count);
        Assert.AreEqual(1.5, parameters.GetDouble("outlier_iqr_multiplier", 1.5, 0, 10));
    }

    [TestMethod]
    public void GetDouble_ShouldThrowInvalidParameters_WhenValueIsNotANumber()
    {
        var parameters = ToolParameters.Parse("""{"unified-profiler": {"null_alert_threshold": "lots"}}""", Known).For("unified-profiler");

        var ex = Assert.ThrowsExactly<AnalysisException>(() => parameters.GetDouble("null_alert_threshold", 50, 0, 100));

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, ex.ErrorCode);
    }

    [TestMethod]
    public void GetInt_ShouldThrowInvalidParameters_WhenValueIsOutOfRange()
    {
        var parameters = ToolParameters.Parse("""{"unified-profiler": {"top_n_values": -1}}""", Known).For("unified-profiler");

        Assert.ThrowsExactly<AnalysisException>(() => parameters.GetInt("top_n_values", 10, 0, 1000));
    }
}
