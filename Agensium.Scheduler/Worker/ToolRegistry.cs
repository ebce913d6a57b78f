using Agensium.Analysis;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// The tools this node offers: Agensium.Analysis's catalogue, plus the fault-injection tool and the no-op benchmark
/// tool when enabled (Worker:EnableFaultInjection, Worker:EnableBenchmarkTools; both off in production).
/// </summary>
public sealed class ToolRegistry(ToolCatalog catalog, bool faultInjection, bool benchmarkTools = false)
{
    private readonly FaultInjectionTool? _faults = faultInjection ? new FaultInjectionTool() : null;
    private readonly NoOpTool? _noop = benchmarkTools ? new NoOpTool() : null;

    public bool IsKnown(string toolId) => ToolCatalog.IsKnown(toolId) || Extra(toolId) is not null;

    public bool TryGet(string toolId, out IAnalysisTool tool)
    {
        if (Extra(toolId) is { } extra)
        {
            tool = extra;
            return true;
        }
        return catalog.TryGet(toolId, out tool);
    }

    /// <summary>A tool id any node may offer (the catalogue's, or a test/benchmark tool): what settings keyed by tool may name.</summary>
    public static bool IsKnownToolId(string toolId) =>
        ToolCatalog.IsKnown(toolId) || toolId is FaultInjectionTool.ToolId or NoOpTool.ToolId;

    /// <summary>Whether a task of this tool needs an uploaded data file before it can be processed (all but the no-op tool).</summary>
    public static bool RequiresInputs(string toolId) => toolId != NoOpTool.ToolId;

    private IAnalysisTool? Extra(string toolId) => toolId switch
    {
        FaultInjectionTool.ToolId => _faults,
        NoOpTool.ToolId => _noop,
        _ => null,
    };

    /// <summary>Every agent a tool accepts; empty for a known tool that is not built yet.</summary>
    public IReadOnlyList<string> AgentsOf(string toolId) => TryGet(toolId, out var tool) ? tool.Agents : [];

    public IReadOnlyList<string> KnownToolIds =>
    [
        .. ToolCatalog.KnownToolIds,
        .. _faults is null ? Array.Empty<string>() : [FaultInjectionTool.ToolId],
        .. _noop is null ? Array.Empty<string>() : [NoOpTool.ToolId],
    ];
}
