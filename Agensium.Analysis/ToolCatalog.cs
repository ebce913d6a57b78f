namespace Agensium.Analysis;

/// <summary>The tools this library knows. A known tool id that is not built yet fails honestly with TOOL_NOT_IMPLEMENTED.</summary>
public sealed class ToolCatalog
{
    /// <summary>Every tool id of AGENSIUM.md.</summary>
    public static readonly IReadOnlyList<string> KnownToolIds = ["profile-my-data", "clean-my-data", "master-my-data"];

    /// <summary>Every agent id of the three tools (the keys a parameters.json may hold).</summary>
    public static readonly IReadOnlyList<string> KnownAgentIds =
    [
        "unified-profiler", "drift-detector", "score-risk", "test-coverage-agent", "readiness-rater",
        Clean.CleansePreviewerAgent.AgentId, Clean.QuarantineAgent.AgentId, Clean.TypeFixerAgent.AgentId, Clean.FieldStandardizationAgent.AgentId,
        Clean.DuplicateResolverAgent.AgentId, Clean.NullHandlerAgent.AgentId, Clean.OutlierRemoverAgent.AgentId, Clean.CleanseWritebackAgent.AgentId,
        "key-identifier", "contract-enforcer", "semantic-mapper", "survivorship-resolver", "golden-record-builder", "stewardship-flagger",
    ];

    private readonly Dictionary<string, IAnalysisTool> _tools;

    public ToolCatalog(TimeProvider timeProvider)
    {
        IAnalysisTool[] tools =
        [
            new Profile.ProfileMyDataTool(timeProvider),
            new Clean.CleanMyDataTool(timeProvider),
            new Master.MasterMyDataTool(timeProvider),
        ];
        _tools = tools.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    public static bool IsKnown(string toolId) => KnownToolIds.Contains(toolId, StringComparer.Ordinal);

    public bool TryGet(string toolId, out IAnalysisTool tool) => _tools.TryGetValue(toolId, out tool!);
}
