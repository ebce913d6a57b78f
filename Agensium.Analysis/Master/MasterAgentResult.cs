namespace Agensium.Analysis.Master;

/// <summary>A successful master agent run: its report envelope and, for file-producing agents, the table it wrote.</summary>
/// <param name="Report">The agent envelope merged into master_my_data_analysis.json.</param>
/// <param name="Output">The agent's output table (becomes the next primary), or null when the agent writes no file.</param>
public sealed record MasterAgentResult(AgentReport Report, MasterTable? Output);
