using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agensium.Scheduler.Api;

namespace Agensium.Scheduler.Tests.Scheduler;

[TestClass]
public sealed class CamelCaseReportTests
{
    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Ct => TestContext.CancellationToken;

    [TestMethod]
    public async Task WriteAsync_ShouldReKeyTheSchemaButNotTheData_AndAddDownloadsAndOneKeyPerAgent()
    {
        const string report = """
            {
              "metadata": {"tool": "clean-my-data", "failed_agents": [{"agent_id": "x", "error_code": "E"}]},
              "row_level_issues": [{"row_index": 3, "issue_type": "null_value"}],
              "issue_summary": {"by_type": {"null_value": 2, "iqr_outlier": 1}, "total_issues": 3},
              "agent_results": {
                "type-fixer": {"summary_metrics": {"columns_fixed": 1}, "data": {"column_types": {"first_name": "string", "firstName": "string"}}}
              }
            }
            """;

        var output = await WriteAsync(report, """[{"download_id": "a.csv", "mime_type": "text/csv"}]""");

        Assert.AreEqual("clean-my-data", (string?)output["metadata"]!["tool"]);
        Assert.AreEqual("E", (string?)output["metadata"]!["failedAgents"]![0]!["errorCode"]);
        Assert.AreEqual(3, (int)output["rowLevelIssues"]![0]!["rowIndex"]!);
        Assert.AreEqual("null_value", (string?)output["rowLevelIssues"]![0]!["issueType"], "values are not re-cased");
        CollectionAssert.AreEqual(new[] { "null_value", "iqr_outlier" }, output["issueSummary"]!["byType"]!.AsObject().Select(p => p.Key).ToArray(), "counts keyed by issue type keep their keys");
        Assert.AreEqual(3, (int)output["issueSummary"]!["totalIssues"]!);
        var fixer = output["agentResults"]!["type-fixer"]!;
        Assert.AreEqual(1, (int)fixer["summaryMetrics"]!["columnsFixed"]!);
        CollectionAssert.AreEqual(new[] { "first_name", "firstName" }, fixer["data"]!["column_types"]!.AsObject().Select(p => p.Key).ToArray(), "an agent's data keeps the user's column names");
        Assert.IsTrue(JsonNode.DeepEquals(fixer, output["type-fixer"]), "one key per agent id, the same result");
        Assert.AreEqual("text/csv", (string?)output["downloads"]![0]!["mimeType"]);
        CollectionAssert.AreEqual(
            new[] { "metadata", "rowLevelIssues", "issueSummary", "agentResults", "downloads", "type-fixer" },
            output.AsObject().Select(p => p.Key).ToArray());
    }

    [TestMethod]
    public async Task WriteAsync_ShouldKeepAKeysOwnName_WhenItsCamelCaseFormIsTaken()
    {
        var output = await WriteAsync("""{"summary": {"total_count": 1, "totalCount": 2, "a_b": 3}, "aB": 4}""", "[]");

        var summary = output["summary"]!.AsObject();
        Assert.AreEqual(1, (int)summary["total_count"]!);
        Assert.AreEqual(2, (int)summary["totalCount"]!);
        Assert.AreEqual(3, (int)summary["aB"]!);
        Assert.AreEqual(4, (int)output["aB"]!);
    }

    [TestMethod]
    public async Task WriteAsync_ShouldReplaceATopLevelKeyNamedLikeAnAgentOrDownloads()
    {
        var output = await WriteAsync("""{"downloads": "old", "type-fixer": "old", "agent_results": {"type-fixer": {"ok": true}}}""", "[]");

        Assert.AreEqual(JsonValueKind.Array, output["downloads"]!.GetValueKind());
        Assert.IsTrue((bool)output["type-fixer"]!["ok"]!);
        Assert.AreEqual(3, output.AsObject().Count, "no key written twice");
    }

    [TestMethod]
    public async Task WriteAsync_ShouldWriteALargeReportInFlushes_AndKeepEveryValue()
    {
        // A report of 20,000 columns: the writer flushes as it goes; the result holds every column.
        var columns = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $$"""{"name": "c{{i}}", "null_count": {{i}}, "top_values": [{"value": "ü{{i}}", "count": 1}]}"""));
        var flushes = new CountingStream();

        await using (var writer = new Utf8JsonWriter(flushes))
        {
            using var doc = JsonDocument.Parse("{\"agent_results\": {\"unified-profiler\": {\"data\": {\"columns\": [" + columns + "]}}}}");
            using var downloads = JsonDocument.Parse("[]");
            await CamelCaseReport.WriteAsync(writer, doc.RootElement, downloads.RootElement, Ct);
        }

        Assert.IsGreaterThan(10, flushes.Writes, "written in pieces, not as one buffer");
        var output = JsonNode.Parse(flushes.ToArray())!;
        var written = output["unified-profiler"]!["data"]!["columns"]!.AsArray();
        Assert.HasCount(20_000, written);
        Assert.AreEqual("ü19999", (string?)written[^1]!["top_values"]![0]!["value"]);
    }

    private async Task<JsonNode> WriteAsync(string report, string downloads)
    {
        using var doc = JsonDocument.Parse(report);
        using var list = JsonDocument.Parse(downloads);
        using var stream = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(stream))
        {
            await CamelCaseReport.WriteAsync(writer, doc.RootElement, list.RootElement, Ct);
        }

        return JsonNode.Parse(Encoding.UTF8.GetString(stream.ToArray()))!;
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Writes++;
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }
    }
}
