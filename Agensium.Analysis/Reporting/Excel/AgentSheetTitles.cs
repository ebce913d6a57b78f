namespace Agensium.Analysis.Reporting.Excel;

/// <summary>AGENSIUM section 4's per-agent sheet names, in their fixed order; an agent not listed keeps its display name and comes last.</summary>
internal static class AgentSheetTitles
{
    private static readonly (string AgentId, string Title)[] Order =
    [
        ("unified-profiler", "Profiler"),
        ("drift-detector", "Drift Detection"),
        ("score-risk", "Risk Assessment"),
        ("readiness-rater", "Readiness"),
        ("test-coverage-agent", "Test Coverage"),
        ("cleanse-previewer", "Cleanse Preview"),
        ("null-handler", "Null Handler"),
        ("outlier-remover", "Outlier Remover"),
        ("type-fixer", "Type Fixer"),
        ("duplicate-resolver", "Duplicates"),
        ("field-standardization", "Field Standardization"),
        ("cleanse-writeback", "Cleanse Writeback"),
        ("quarantine-agent", "Quarantine"),
        ("key-identifier", "Key Identifier"),
        ("contract-enforcer", "Contract Enforcer"),
        ("semantic-mapper", "Semantic Mapper"),
        ("golden-record-builder", "Golden Records"),
        ("survivorship-resolver", "Survivorship"),
        ("stewardship-flagger", "Stewardship"),
    ];

    public static string For(AgentReport agent) =>
        Array.Find(Order, o => o.AgentId == agent.AgentId).Title ?? agent.AgentName;

    /// <summary>The agents in sheet order (a stable sort: unknown agents keep their run order at the end).</summary>
    public static IEnumerable<AgentReport> InSheetOrder(IEnumerable<AgentReport> agents) =>
        agents.OrderBy(a => Array.FindIndex(Order, o => o.AgentId == a.AgentId) is int i and >= 0 ? i : int.MaxValue);
}
