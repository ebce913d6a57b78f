namespace Agensium.Analysis.Clean;

/// <summary>A successful clean agent run: its report and, for a file-producing agent, the cleaned CSV it wrote.</summary>
/// <param name="Report">The agent envelope.</param>
/// <param name="CleanedFilePath">The CSV written to <see cref="CleanAgentContext.OutputPath"/>, or null when the agent produces no file.</param>
/// <param name="RowsWritten">Data rows in the cleaned file (0 without a file).</param>
/// <param name="ColumnsWritten">Columns in the cleaned file (0 without a file).</param>
public sealed record CleanAgentResult(AgentReport Report, string? CleanedFilePath, long RowsWritten, int ColumnsWritten)
{
    /// <summary>The profile of the cleaned file, gathered while it was written.</summary>
    internal FileProfile? OutputProfile { get; init; }

    /// <summary>The profile of the file the agent read, when it wrote none and counted one (cleanse-previewer): handed to the next agent.</summary>
    internal FileProfile? InputProfile { get; init; }
}
