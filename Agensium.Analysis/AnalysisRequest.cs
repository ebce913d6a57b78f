using System.Text.Json.Nodes;

namespace Agensium.Analysis;

/// <summary>What a tool runs on.</summary>
/// <param name="AnalysisId">The task id; it becomes metadata.analysis_id of the report.</param>
/// <param name="Inputs">Local input files. A name containing "baseline" (any case) is the baseline; any other data file is the primary (the last one listed wins). A file named parameters.json holds the parameters.</param>
/// <param name="Agents">Agents to run, in order; null or empty runs the tool's default chain.</param>
/// <param name="OutputDirectory">Existing folder the tool writes its outputs into.</param>
public sealed record AnalysisRequest(
    string AnalysisId,
    IReadOnlyList<InputFile> Inputs,
    IReadOnlyList<string>? Agents,
    string OutputDirectory);
