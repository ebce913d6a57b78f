namespace Agensium.Analysis.Clean;

/// <summary>What a clean agent runs on.</summary>
/// <param name="Current">The current primary: the original file, or the cleaned file of the last producing agent.</param>
/// <param name="Original">The task's original primary file.</param>
/// <param name="OutputPath">Where a file-producing agent writes its cleaned CSV (a scratch path).</param>
/// <param name="History">The producing agents that ran before, in order.</param>
public sealed record CleanAgentContext(InputFile Current, InputFile Original, string OutputPath, IReadOnlyList<CleanStep> History)
{
    /// <summary>The profile of <see cref="Current"/> when the agent that wrote it handed one over; agents then need not count it again.</summary>
    internal FileProfile? CurrentProfile { get; init; }

    /// <summary>Whether the profile of the file the agent writes keeps a key per row (for a later agent's exact duplicate rows).</summary>
    internal bool RowKeysWanted { get; init; } = true;

    /// <summary>
    /// type-fixer's settings for this run (its parameters, else its defaults). Each agent reads only its own
    /// parameters, but quarantine-agent and cleanse-previewer read the file's numbers as type-fixer will rewrite them
    /// (decimal commas or not, judged with its numeric_threshold): with these they judge as it does, not by its defaults.
    /// </summary>
    internal TypeFixerSettings TypeFixing { get; init; } = TypeFixerSettings.Defaults();

    /// <summary>The name the task's cleaned CSV is published under ({base}_cleaned_{time}.csv), when the tool knows it.</summary>
    public string? PublishedName { get; init; }

    /// <summary>
    /// The data rows of <see cref="Original"/>, when the chain knows them from a profile of it (cleanse-previewer's,
    /// counted before any agent wrote a file); null otherwise. cleanse-writeback then needs no pass over the task's file.
    /// </summary>
    internal long? OriginalRows { get; init; }

    /// <summary>For each row of <see cref="Current"/>, its row in <see cref="Original"/>; null while no row was removed.</summary>
    internal int[]? Origin { get; init; }

    /// <summary>The columns of the task's file (read from its header when asked: for messages about a column an earlier agent removed).</summary>
    public IReadOnlyList<string> OriginalColumns()
    {
        using var reader = Input.CsvTableReader.Open(Original);
        return reader.Columns;
    }

    /// <summary>The field delimiter of the task's file (the files an agent writes are ','-delimited whatever it was).</summary>
    public char OriginalDelimiter()
    {
        using var reader = Input.CsvTableReader.Open(Original);
        return reader.Delimiter;
    }

    /// <summary>The row of the task's file that row <paramref name="row"/> of <see cref="Current"/> came from (for messages).</summary>
    public int OriginalRow(int row) => Origin is { } origin && row >= 0 && row < origin.Length ? origin[row] : row;
}
