using Agensium.Analysis;

namespace Agensium.Scheduler.Worker;

/// <summary>The tools this node offers: Agensium.Analysis's catalogue, plus the fault-injection tool when enabled.</summary>
public sealed class ToolRegistry(ToolCatalog catalog, bool faultInjection)
{
    private readonly FaultInjectionTool? _faults = faultInjection ? new FaultInjectionTool() : null;

    public bool IsKnown(string toolId) => ToolCatalog.IsKnown(toolId) || (_faults is not null && toolId == FaultInjectionTool.ToolId);

    public bool TryGet(string toolId, out IAnalysisTool tool)
    {
        if (_faults is not null && toolId == FaultInjectionTool.ToolId)
        {
            tool = _faults;
            return true;
        }
        return catalog.TryGet(toolId, out tool);
    }

    /// <summary>Every agent a tool accepts; empty for a known tool that is not built yet.</summary>
    public IReadOnlyList<string> AgentsOf(string toolId) => TryGet(toolId, out var tool) ? tool.Agents : [];

    public IReadOnlyList<string> KnownToolIds =>
        _faults is null ? ToolCatalog.KnownToolIds : [.. ToolCatalog.KnownToolIds, FaultInjectionTool.ToolId];
}
