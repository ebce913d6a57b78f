namespace Agensium.Analysis.Master;

/// <summary>
/// The current primary of the master chain: the original input until a file-producing agent succeeds, then that agent's
/// table as a local temporary CSV named mastered_{previous name}. Disposing deletes the temporary files.
/// </summary>
internal sealed class MasterChain(InputFile original) : IDisposable
{
    private readonly string _tempDir = Path.Combine(Path.GetTempPath(), "agensium-master-" + Guid.NewGuid().ToString("N"));
    private int _step;

    public InputFile Current { get; private set; } = original;

    /// <summary>True once an agent has produced a file.</summary>
    public bool Produced => _step > 0;

    public MasterTable LoadCurrent(CancellationToken ct) => MasterTable.Load(Current, ct);

    public void Advance(MasterTable output)
    {
        Directory.CreateDirectory(_tempDir);
        _step++;
        string name = "mastered_" + Path.GetFileName(Current.Name);
        string path = Path.Combine(_tempDir, $"step{_step}.csv");
        MasterCsvWriter.Write(output, path);
        Current = new InputFile(name, path);
    }

    /// <summary>Copies the last produced CSV into the output folder atomically (temp + rename).</summary>
    public OutputFile Publish(string directory, string fileName)
    {
        string path = Path.Combine(directory, fileName);
        string temp = path + ".tmp";
        try
        {
            File.Copy(Current.Path, temp, overwrite: true);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            throw;
        }

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

    public void Dispose()
    {
        if (Directory.Exists(_tempDir))
        {
            Directory.Delete(_tempDir, recursive: true);
        }
    }
}
