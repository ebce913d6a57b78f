namespace Agensium.Analysis.Master;

/// <summary>
/// The current primary of the master chain: the original input until a file-producing agent succeeds, then that
/// agent's table. The table stays in memory between agents (agents copy rows before changing them), so the file is
/// read once and the mastered CSV is written once, by <see cref="Publish"/>.
/// </summary>
internal sealed class MasterChain(InputFile original)
{
    private MasterTable? _table;

    /// <summary>True once an agent has produced a table.</summary>
    public bool Produced { get; private set; }

    /// <summary>The current table (the original file is read on first use).</summary>
    public MasterTable LoadCurrent(CancellationToken ct)
    {
        if (_table is null)
        {
            _table = MasterTable.Load(original, ct);
            AgentGarbage.Release(); // the column builders' dictionaries
        }

        return _table;
    }

    /// <summary>Makes <paramref name="output"/> the current table.</summary>
    public void Advance(MasterTable output)
    {
        _table = output;
        Produced = true;
    }

    /// <summary>Writes the last produced table into the output folder atomically (temp + rename).</summary>
    public OutputFile Publish(string directory, string fileName)
    {
        if (_table is null || !Produced)
        {
            throw new InvalidOperationException("No agent produced a table to publish.");
        }

        string path = Path.Combine(directory, fileName);
        MasterCsvWriter.Write(_table, path);
        return new OutputFile(fileName, path, "text/csv");
    }
}
