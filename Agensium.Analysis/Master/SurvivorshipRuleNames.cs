namespace Agensium.Analysis.Master;

/// <summary>Survivorship rule names accepted by golden-record-builder and survivorship-resolver.</summary>
public static class SurvivorshipRuleNames
{
    /// <summary>golden-record-builder rules.</summary>
    public static readonly IReadOnlySet<string> Golden = new HashSet<string>(StringComparer.Ordinal)
    {
        "most_complete", "most_recent", "source_priority", "most_frequent", "min", "max", "first", "last",
    };

    /// <summary>survivorship-resolver rules (with aliases most_recent, most_complete, most_frequent).</summary>
    public static readonly IReadOnlySet<string> Resolver = new HashSet<string>(StringComparer.Ordinal)
    {
        "freshness", "most_recent", "quality_score", "completeness", "most_complete", "source_priority", "frequency",
        "most_frequent", "richness", "validation", "min", "max", "first", "last",
    };
}
