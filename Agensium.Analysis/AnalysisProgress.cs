namespace Agensium.Analysis;

/// <summary>Progress of a tool run: percentage 0–100 and the agent now running (null when none).</summary>
public sealed record AnalysisProgress(int Progress, string? CurrentAgent);
