namespace Agensium.Analysis.Reporting;

/// <summary>An agent that did not succeed; it is left out of agent_results and listed in metadata.failed_agents.</summary>
internal sealed record AgentFailure(string AgentId, string ErrorCode, string Error);
