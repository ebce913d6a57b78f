namespace Agensium.Analysis.Input;

/// <summary>The roles of a task's input files: primary data, optional baseline, optional parameters.json.</summary>
/// <param name="Primary">The data file agents run on.</param>
/// <param name="Baseline">A data file whose name contains "baseline" (any case), or null.</param>
/// <param name="Parameters">The file named parameters.json (any case), or null.</param>
public sealed record InputFileSet(InputFile Primary, InputFile? Baseline, InputFile? Parameters)
{
    /// <summary>Assigns roles in listing order; for each role the last file listed wins.</summary>
    /// <exception cref="AnalysisException">
    /// NO_INPUT_FILES when no primary data file is present; INVALID_INPUT_FILE for a file type this library cannot read (yet).
    /// </exception>
    public static InputFileSet Resolve(IReadOnlyList<InputFile> inputs)
    {
        InputFile? primary = null;
        InputFile? baseline = null;
        InputFile? parameters = null;
        foreach (var input in inputs)
        {
            string name = Path.GetFileName(input.Name);
            if (string.Equals(name, "parameters.json", StringComparison.OrdinalIgnoreCase))
            {
                parameters = input;
                continue;
            }

            CheckDataFileType(name);
            if (name.Contains("baseline", StringComparison.OrdinalIgnoreCase))
            {
                baseline = input;
            }
            else
            {
                primary = input;
            }
        }

        if (primary is null)
        {
            string why = baseline is null ? "no data file was uploaded" : "only a baseline file was uploaded";
            throw new AnalysisException(AnalysisErrorCodes.NoInputFiles, $"No primary input file: {why}.");
        }

        return new InputFileSet(primary, baseline, parameters);
    }

    /// <summary>True for the names this library reads as CSV: .csv, .tsv, .txt (any case).</summary>
    public static bool IsCsvName(string name) =>
        name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);

    private static void CheckDataFileType(string name)
    {
        if (IsCsvName(name))
        {
            return;
        }

        string reason = Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".xlsx" or ".xls" => "XLSX input is not supported yet",
            ".json" => "JSON data input is not supported yet",
            "" => "the file has no extension (expected .csv, .tsv or .txt)",
            var ext => $"file type '{ext}' is not supported (expected .csv, .tsv or .txt)",
        };
        throw new AnalysisException(AnalysisErrorCodes.InvalidInputFile, $"Input file '{name}': {reason}.");
    }
}
