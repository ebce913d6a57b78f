namespace Agensium.Analysis.Input;

/// <summary>The roles of a task's input files: primary data, optional baseline, optional parameters.json.</summary>
/// <param name="Primary">The data file agents run on.</param>
/// <param name="Baseline">A data file whose name contains "baseline" (any case), or null.</param>
/// <param name="Parameters">The file named parameters.json (any case), or null.</param>
public sealed record InputFileSet(InputFile Primary, InputFile? Baseline, InputFile? Parameters) : IDisposable
{
    /// <summary>The primary file as uploaded (a workbook or JSON file is analysed as a converted .csv, <see cref="Primary"/>).</summary>
    public InputFile PrimaryUploaded { get; private init; } = Primary;

    /// <summary>The baseline as uploaded, or null.</summary>
    public InputFile? BaselineUploaded { get; private init; } = Baseline;

    /// <summary>The primary file's name as uploaded.</summary>
    public string PrimaryName => PrimaryUploaded.Name;

    /// <summary>The baseline's name as uploaded, or null.</summary>
    public string? BaselineName => BaselineUploaded?.Name;

    /// <summary>
    /// Why the baseline uploaded cannot be read (a damaged workbook, a type no tool reads), or null. Only drift-detector
    /// reads a baseline: it fails with this, and the rest of the run goes on (<see cref="Baseline"/> is then null).
    /// </summary>
    public AnalysisException? BaselineProblem { get; private init; }

    /// <summary>True when a baseline was uploaded, readable or not.</summary>
    public bool HasBaseline => Baseline is not null || BaselineProblem is not null;

    private readonly List<string> _converted = [];
    private readonly List<InputFile> _superseded = [];

    /// <summary>Data files of a role listed before the one that won it (AGENSIUM: the last listed wins), as uploaded.</summary>
    public IReadOnlyList<InputFile> Superseded => _superseded;

    /// <summary>Deletes the CSV files converted from workbooks.</summary>
    public void Dispose()
    {
        foreach (var path in _converted)
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Assigns roles in name order (ordinal, the original backend's S3 listing; files of one name in listing order); for
    /// each role the last readable file in that order wins and the others are <see cref="Superseded"/>. A file of a type this library cannot read (notes.pdf, a name without an extension) beside
    /// a readable one of its role is ignored the same way; alone in its role it is the error.
    /// </summary>
    /// <remarks>
    /// The winning .xlsx (or .xls) file (its first sheet) or JSON file is converted to a temporary CSV, named .csv, in
    /// <paramref name="scratchDirectory"/> (the system's temporary folder when null); disposing the set deletes it. A
    /// worker passes its job's folder, which the node removes even when the worker was killed (cancel, time limit): in the
    /// system's temporary folder a killed conversion left hundreds of MB behind.
    /// </remarks>
    /// <exception cref="AnalysisException">
    /// NO_INPUT_FILES when no primary data file is present; INVALID_INPUT_FILE for a file type this library cannot read (yet)
    /// when no readable file of its role is present.
    /// </exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled during a conversion (nothing is left behind).</exception>
    public static InputFileSet Resolve(IReadOnlyList<InputFile> inputs, string? scratchDirectory = null, CancellationToken cancellationToken = default)
    {
        string scratch = scratchDirectory is null ? Path.GetTempPath() : LocalWrite.CreateDirectory(scratchDirectory).FullName;
        InputFile? parameters = null;
        var primaries = new List<InputFile>();
        var baselines = new List<InputFile>();
        // By name, whatever order the caller listed them in: the rule the report states and README gives. Listing order
        // was the rule, and `analyze small.csv money_dates.csv` (the CLI sorts by name) was told "the last listed" was
        // used: small.csv, which was listed first.
        inputs = [.. inputs.OrderBy(i => Path.GetFileName(i.Name), StringComparer.Ordinal)];
        foreach (var input in inputs)
        {
            string name = Path.GetFileName(input.Name);
            if (IsParametersName(name))
            {
                parameters = input;
            }
            else
            {
                (IsBaselineName(name) ? baselines : primaries).Add(input);
            }
        }

        var primaryAsListed = Winner(primaries);
        var baselineAsListed = Winner(baselines);
        // In listing order, by reference, not by value: the same file listed twice is two inputs, and the one not used is named.
        var superseded = inputs.Where(i => !IsParametersName(i.Name) && !ReferenceEquals(i, primaryAsListed) && !ReferenceEquals(i, baselineAsListed)).ToList();
        if (primaryAsListed is null)
        {
            string why = baselineAsListed is null ? "no data file was uploaded"
                : baselines.Count == 1 ? "only a baseline file was uploaded"
                : $"every data file uploaded has 'baseline' in its name ({string.Join(", ", baselines.Select(f => Path.GetFileName(f.Name)))}); the file to analyse must not";
            throw new AnalysisException(AnalysisErrorCodes.NoInputFiles, $"No primary input file: {why}.");
        }

        var converted = new List<string>();
        try
        {
            var primary = Readable(primaryAsListed, converted, scratch, cancellationToken);
            InputFile? baseline = null;
            AnalysisException? baselineProblem = null;
            try
            {
                baseline = baselineAsListed is null ? null : Readable(baselineAsListed, converted, scratch, cancellationToken);
            }
            catch (AnalysisException ex)
            {
                baselineProblem = ex; // drift-detector's failure, not the task's
            }

            var set = new InputFileSet(primary, baseline, parameters)
            {
                PrimaryUploaded = primaryAsListed,
                BaselineUploaded = baselineAsListed,
                BaselineProblem = baselineProblem,
            };
            set._converted.AddRange(converted);
            set._superseded.AddRange(superseded);
            return set;
        }
        catch
        {
            converted.ForEach(File.Delete);
            throw;
        }
    }

    // The last readable file of a role; when none is readable, the last one (its type is then the error).
    private static InputFile? Winner(List<InputFile> files)
    {
        for (int i = files.Count - 1; i >= 0; i--)
        {
            if (IsReadableName(Path.GetFileName(files[i].Name)))
            {
                return files[i];
            }
        }

        return files.Count > 0 ? files[^1] : null;
    }

    // The file as CSV: a workbook or JSON file converted (its temporary path added to converted), a CSV as it is.
    private static InputFile Readable(InputFile input, List<string> converted, string scratch, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(input.Name);
        InputFile data;
        if (IsXlsxName(name))
        {
            switch (XlsxToCsv.Sniff(input.Path))
            {
                case XlsxToCsv.Content.Markup:
                    throw new AnalysisException(AnalysisErrorCodes.InvalidInputFile,
                        $"Input file '{name}' is an HTML or XML page saved under a workbook's name (an \"Export to Excel\" page or an XML spreadsheet), not a workbook; save it as .xlsx or CSV.");
                case XlsxToCsv.Content.Text:
                    // Read as CSV under its own name (messages name the file uploaded); the CSV reader still refuses
                    // what is not text in an encoding it reads, empty or binary, with its own message.
                    return input with { WorkbookReadAsText = true };
            }

            data = XlsxToCsv.Convert(input, Path.Combine(scratch, $".agensium-input-{Guid.NewGuid():N}.csv"), cancellationToken: cancellationToken);
            converted.Add(data.Path);
        }
        else if (IsJsonName(name))
        {
            data = JsonToCsv.Convert(input, Path.Combine(scratch, $".agensium-input-{Guid.NewGuid():N}.csv"), cancellationToken);
            converted.Add(data.Path);
        }
        else
        {
            data = input;
        }

        CheckDataFileType(Path.GetFileName(data.Name));
        return data;
    }

    /// <summary>True for a data file name of a type this library reads: CSV, workbook or JSON.</summary>
    public static bool IsReadableName(string name) => IsCsvName(name) || IsXlsxName(name) || IsJsonName(name);

    /// <summary>True for the name of a baseline data file: it contains "baseline" (any case).</summary>
    public static bool IsBaselineName(string name) => Path.GetFileName(name).Contains("baseline", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for the name of a primary data file: neither parameters.json nor a baseline.</summary>
    public static bool IsPrimaryName(string name) =>
        !IsParametersName(name) && !IsBaselineName(name);

    private static bool IsParametersName(string name) =>
        string.Equals(Path.GetFileName(name), "parameters.json", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for the names this library reads as CSV: .csv, .tsv, .txt (any case).</summary>
    public static bool IsCsvName(string name) =>
        name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for workbook names: .xlsx, and .xls (tried as XLSX, as the original backend does).</summary>
    public static bool IsXlsxName(string name) =>
        name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".xls", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for JSON data files: .json, .jsonl, .ndjson (parameters.json is the parameters, not data).</summary>
    public static bool IsJsonName(string name) =>
        name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    private static void CheckDataFileType(string name)
    {
        if (IsCsvName(name))
        {
            return;
        }

        string reason = Common.SimpleCase.Lower(Path.GetExtension(name)) switch
        {
            "" => "the file has no extension (expected .csv, .tsv, .txt, .xlsx, .xls holding an .xlsx workbook, .json, .jsonl or .ndjson)",
            var ext => $"file type '{ext}' is not supported (expected .csv, .tsv, .txt, .xlsx, .xls holding an .xlsx workbook, .json, .jsonl or .ndjson)",
        };
        throw new AnalysisException(AnalysisErrorCodes.InvalidInputFile, $"Input file '{name}': {reason}.");
    }
}
