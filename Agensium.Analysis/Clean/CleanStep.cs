namespace Agensium.Analysis.Clean;

/// <summary>A cleaned file produced in the chain.</summary>
/// <param name="AgentId">The producing agent.</param>
/// <param name="FileName">The cleaned file's name (its input's name with a cleaned_ prefix).</param>
/// <param name="Rows">Data rows written.</param>
/// <param name="Columns">Columns written.</param>
public sealed record CleanStep(string AgentId, string FileName, long Rows, int Columns);
