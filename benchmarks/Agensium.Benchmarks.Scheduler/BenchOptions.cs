namespace Agensium.Benchmarks.Scheduler;

public sealed record BenchOptions(string Mode, IReadOnlyList<Uri> Api, string Connection, int Count, string ApiKey, long UserId, int Parallel, int Warmup, int CloneTo, int Measure)
{
    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("usage: throughput|latency|backlog|drain --api URL[,URL] --conn CS --count N [--key K] [--user ID] [--parallel P] [--warmup N] [--clone-to T] [--measure M]");
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            map[args[i].TrimStart('-')] = args[i + 1];
        }
        return new BenchOptions(
            args[0],
            map.TryGetValue("api", out var api) ? api.Split(',').Select(u => new Uri(u)).ToList() : [],
            map.GetValueOrDefault("conn") ?? throw new ArgumentException("--conn is required"),
            int.Parse(map.GetValueOrDefault("count", "2000"), System.Globalization.CultureInfo.InvariantCulture),
            map.GetValueOrDefault("key", "dev-api-key-change-me"),
            long.Parse(map.GetValueOrDefault("user", "1"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(map.GetValueOrDefault("parallel", "16"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(map.GetValueOrDefault("warmup", "0"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(map.GetValueOrDefault("clone-to", "0"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(map.GetValueOrDefault("measure", "0"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
