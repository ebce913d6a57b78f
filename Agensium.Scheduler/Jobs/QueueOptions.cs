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

    /// <summary>
    /// Largest share of a node's slots each queue may use (per node). By default low_priority may use half, so long
    /// low-priority work never takes every slot: the other half stays free for default and high-priority work.
    /// </summary>
    public Dictionary<string, double> MaxShare { get; set; } = new(StringComparer.Ordinal)
    {
        [Low] = 0.5,
        [Default] = 1.0,
        [High] = 1.0,
    };

    /// <summary>Slots a queue may use on a node of <paramref name="slots"/> slots (at least one).</summary>
    public int SlotsFor(string queue, int slots) =>
        Math.Max(1, (int)Math.Floor(slots * (MaxShare.TryGetValue(queue, out var share) ? Math.Clamp(share, 0, 1) : 1.0)));

    /// <summary>How much earlier than now a queue's triggers are dated: the acquisition order is by fire time.</summary>
    public static TimeSpan HeadStart(string queue) => queue switch
    {
        High => TimeSpan.FromDays(7),
        Default => TimeSpan.FromDays(1),
        _ => TimeSpan.Zero,
    };

    /// <summary>Quartz trigger priority: higher fires first among triggers with the same fire time.</summary>
    public static int PriorityOf(string queue) => queue switch
    {
        High => 10,
        Low => 1,
        _ => 5,
    };
}
