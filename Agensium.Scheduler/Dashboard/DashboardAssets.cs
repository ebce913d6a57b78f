using System.Collections.Concurrent;

namespace Agensium.Scheduler.Dashboard;

/// <summary>The dashboard's stylesheet and script, embedded in the assembly: nothing to build or deploy beside the service.</summary>
public static class DashboardAssets
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
    };

    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    public static IResult Serve(string name)
    {
        if (!Types.TryGetValue(name, out var type))
        {
            return Results.NotFound();
        }
        var bytes = Cache.GetOrAdd(name, n =>
        {
            using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream($"Agensium.Scheduler.Dashboard.Assets.{n}")
                ?? throw new InvalidOperationException($"The dashboard asset {n} is not embedded in the build.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
        return Results.Bytes(bytes, type);
    }
}
