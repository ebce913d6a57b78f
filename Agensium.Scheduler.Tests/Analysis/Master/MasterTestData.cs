using System.Text.Json.Nodes;
using Agensium.Analysis;
using Agensium.Analysis.Input;
using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>Helpers for master agent tests: tables from CSV text, sample paths and parameter objects.</summary>
internal static class MasterTestData
{
    public static readonly FixedTimeProvider Clock = new(AnalysisTestSupport.FixedNow);

    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public static MasterTable Sample(string name) =>
        MasterTable.Load(new InputFile(name, SamplePath(name)), CancellationToken.None);

    public static MasterTable Table(string csv)
    {
        string path = Path.Combine(Path.GetTempPath(), "agensium-master-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, csv);
        try
        {
            return MasterTable.Load(new InputFile("data.csv", path), CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The tool's fuzzy resolution of a CSV: golden-record-builder's automatic match keys and a threshold (default 80).</summary>
    public static ClusterAssignment ResolveFuzzy(string csv, double threshold = 80)
    {
        var table = Table(csv);
        var fields = MatchKeys.Resolve(table, Params(GoldenRecordBuilderAgent.AgentId, "{\"enable_fuzzy_matching\": true}"), []);
        return new EntityResolver(new RecordMatcher(fields), threshold).Resolve(table, CancellationToken.None);
    }

    public static AgentParameters Params(string agentId, string json = "{}") =>
        new(agentId, JsonNode.Parse(json)!.AsObject());

    public static string Cell(MasterTable table, int row, string column) => table[row, table.Find(column)];

    public static List<string[]> Rows(MasterTable table) => [.. Enumerable.Range(0, table.RowCount).Select(table.Row)];

    public static double Metric(MasterAgentResult result, string name) =>
        Number(result.Report.SummaryMetrics[name]);

    /// <summary>A JSON number of any CLR type (int, long, double) as double.</summary>
    public static double Number(JsonNode? node) =>
        double.Parse(node!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}
