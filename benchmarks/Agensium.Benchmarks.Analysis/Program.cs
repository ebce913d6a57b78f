// Analysis benchmark helper. Usage:
//   er CSV [TRUTH] [THRESHOLD]   fuzzy entity resolution exactly as master-my-data's agents run it (automatic match
//                                keys, enable_fuzzy_matching, threshold 80 unless given) on the raw CSV, timed per step,
//                                and pairwise precision/recall/F1 of the clusters against TRUTH (default CSV.truth.csv).
//   read CSV                     parse cost alone: every field through CsvTableReader.
// Prints one JSON line. ER_DUMP=FILE also writes sample wrongly merged and wrongly split rows there; ER_MISSED=FILE
// where the missed true pairs are lost (blocking or scoring, see MissedPairs); ER_REPEAT=N the fastest of N resolves;
// ER_CLUSTERS=FILE each row's cluster number, one a line (to diff two builds' results).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agensium.Analysis;
using Agensium.Analysis.Input;
using Agensium.Analysis.Master;
using Agensium.Benchmarks.Analysis;

if (args.Length == 2 && args[0] == "read")
{
    // Parse cost alone: every field of every row through CsvTableReader.
    var clock = Stopwatch.StartNew();
    using var reader = CsvTableReader.Open(args[1], Path.GetFileName(args[1]));
    long chars = 0;
    while (reader.Read())
    {
        for (int i = 0; i < reader.PresentFieldCount; i++)
        {
            chars += reader.GetField(i).Length;
        }
    }

    Console.WriteLine(new JsonObject { ["tool"] = "agensium", ["mode"] = "read", ["info"] = new JsonObject { ["rows"] = reader.RowIndex + 1, ["chars"] = chars }, ["steps_s"] = new JsonObject { ["read"] = Seconds(clock) } }.ToJsonString());
    return 0;
}

if (args.Length < 2 || args[0] != "er")
{
    Console.Error.WriteLine("usage: Agensium.Benchmarks.Analysis er CSV [TRUTH] [THRESHOLD] | read CSV");
    return 2;
}

string csv = args[1];
string truth = args.Length > 2 ? args[2] : csv + ".truth.csv";
double threshold = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 80;
var steps = new JsonObject();
var info = new JsonObject();
var total = Stopwatch.StartNew();

var sw = Stopwatch.StartNew();
var table = MasterTable.Load(new InputFile(Path.GetFileName(csv), csv), CancellationToken.None);
steps["load"] = Seconds(sw);

sw.Restart();
var missing = new List<string>();
var fields = MatchKeys.Resolve(table, new AgentParameters("golden-record-builder", new JsonObject { ["enable_fuzzy_matching"] = true }), missing);
var resolver = new EntityResolver(new RecordMatcher(fields), threshold);
var clusters = resolver.Resolve(table, CancellationToken.None);
steps["resolve"] = Seconds(sw);
foreach (var (step, seconds) in resolver.Timings)
{
    steps["resolve." + step] = seconds;
}

// ER_REPEAT=N: resolve N − 1 more times in the same process and keep the fastest of each step (less noise on a shared machine).
for (int run = 1; run < int.Parse(Environment.GetEnvironmentVariable("ER_REPEAT") ?? "1", CultureInfo.InvariantCulture); run++)
{
    sw.Restart();
    resolver.Resolve(table, CancellationToken.None);
    steps["resolve"] = Math.Min((double)steps["resolve"]!, Seconds(sw));
    foreach (var (step, seconds) in resolver.Timings)
    {
        steps["resolve." + step] = Math.Min((double)steps["resolve." + step]!, seconds);
    }
}

steps["total_in_process"] = Seconds(total);

if (Environment.GetEnvironmentVariable("ER_CLUSTERS") is { } clustersPath)
{
    File.WriteAllLines(clustersPath, clusters.ClusterOf.Select(c => c.ToString(CultureInfo.InvariantCulture)));
}

info["rows"] = table.RowCount;
info["links"] = resolver.LinksFound;
info["match_fields"] = new JsonArray([.. fields.Select(f => (JsonNode)$"{f.Name}:{f.Kind}:{f.Weight}")]);
info["threshold"] = threshold;
info["blocks"] = resolver.BlockCount;
info["pairs_compared"] = resolver.PairsCompared;
info["clusters"] = clusters.Count;
sw.Restart();
info["largest_cluster"] = PairwiseQuality.Sizes(clusters.ClusterOf).DefaultIfEmpty().Max();
info["joins_refused"] = resolver.JoinsRefused;
if (File.Exists(truth))
{
    var quality = PairwiseQuality.Of(clusters.ClusterOf, TruthFile.EntityNumbers(truth, table.RowCount).Numbers);
    info["true_pairs"] = quality.TruePairs;
    info["predicted_pairs"] = quality.PredictedPairs;
    info["precision"] = Math.Round(quality.Precision, 4);
    info["recall"] = Math.Round(quality.Recall, 4);
    info["f1"] = Math.Round(quality.F1, 4);
    if (Environment.GetEnvironmentVariable("ER_DUMP") is { } dump)
    {
        Examples.Write(dump, table, clusters, TruthFile.EntityIds(truth, table.RowCount));
    }

    if (Environment.GetEnvironmentVariable("ER_MISSED") is { } missedPath)
    {
        using var writer = new StreamWriter(missedPath);
        MissedPairs.Write(writer, table, fields, new RecordMatcher(fields), clusters, TruthFile.EntityIds(truth, table.RowCount), threshold);
    }
}

// The figures about the result (cluster sizes, the truth file read, the pairwise quality), beside the resolution's.
steps["evaluate"] = Seconds(sw);
Console.WriteLine(new JsonObject { ["tool"] = "agensium", ["mode"] = "er", ["info"] = info, ["steps_s"] = steps }.ToJsonString());
return 0;

static double Seconds(Stopwatch sw) => Math.Round(sw.Elapsed.TotalSeconds, 3);
