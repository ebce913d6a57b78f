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

    /// <summary>The primary name without extension and without any leading cleaned_/mastered_ prefixes.</summary>
    public static string BaseName(string name)
    {
        string stem = Path.GetFileNameWithoutExtension(Path.GetFileName(name));
        bool again = true;
        while (again)
        {
            again = false;
            foreach (string prefix in (string[])["cleaned_", "mastered_"])
            {
                if (stem.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && stem.Length > prefix.Length)
                {
                    stem = stem[prefix.Length..];
                    again = true;
                }
            }
        }

        return stem;
    }
}
