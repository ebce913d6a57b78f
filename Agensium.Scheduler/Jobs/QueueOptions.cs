namespace Agensium.Scheduler.Jobs;

/// <summary>The seed's three queues and which one a tool uses when a submission names none.</summary>
public sealed class QueueOptions
{
    public const string Section = "Queues";

    public const string Default = "default";
    public const string High = "high_priority";
    public const string Low = "low_priority";

    public static readonly IReadOnlyList<string> Names = [High, Default, Low];

    /// <summary>Tool id → queue used when the submission names none.</summary>
    public Dictionary<string, string> ToolDefaults { get; set; } = new(StringComparer.Ordinal);

    public string QueueFor(string toolId) => ToolDefaults.TryGetValue(toolId, out var q) ? q : Default;

    /// <summary>Quartz trigger priority: higher fires first when several are due.</summary>
    public static int PriorityOf(string queue) => queue switch
    {
        High => 10,
        Low => 1,
        _ => 5,
    };
}
