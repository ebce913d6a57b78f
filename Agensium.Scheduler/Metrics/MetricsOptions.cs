namespace Agensium.Scheduler.Metrics;

public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Path of the Prometheus scrape endpoint.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>True serves /metrics without an API key (for a scraper inside a trusted network).</summary>
    public bool Open { get; set; }
}
