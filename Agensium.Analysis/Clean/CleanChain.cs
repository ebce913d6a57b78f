using Agensium.Analysis.Input;
using Agensium.Analysis.Reporting;

namespace Agensium.Analysis.Clean;

/// <summary>
/// The state of a clean run: the current primary, the cleaned files produced so far, successful and failed agents.
/// Bad input (AnalysisException), the local disk failing (IOException), running out of memory and cancellation end the
/// run; any other agent error only fails that agent.
/// </summary>
/// <param name="original">The task's primary file.</param>
/// <param name="scratchDirectory">Where the agents' intermediate files go.</param>
/// <param name="publishedName">The name the cleaned CSV is published under, when known.</param>
/// <param name="typeFixing">type-fixer's settings for the run, handed to every agent (<see cref="CleanAgentContext.TypeFixing"/>).</param>
internal sealed class CleanChain(InputFile original, string scratchDirectory, string? publishedName = null, TypeFixerSettings? typeFixing = null)
{
    private readonly TypeFixerSettings _typeFixing = typeFixing ?? TypeFixerSettings.Defaults();

    private readonly InputFile _original = original;
    private readonly List<CleanStep> _steps = [];
    private string? _emptyReason;

    private InputFile? _current;

    // For each row of the current file, its row in the original (null while no agent has removed a row): row issues of
    // every agent are reported against the rows of the file the user gave, not those of an intermediate file.
    private int[]? _origin;
    private FileProfile? _profile;

    // The original's data rows, once a profile of it was handed on (while no agent has written a file, _profile is one).
    private long? _originalRows;

    public InputFile Current => _current ?? _original;

    public List<AgentReport> Succeeded { get; } = [];

    public List<AgentFailure> Failed { get; } = [];

    public IReadOnlyList<CleanStep> Steps => _steps;

    public void Run(ICleanAgent agent, int position, AgentParameters parameters, CancellationToken ct, bool rowKeysWanted = true)
    {
        if (_emptyReason is not null)
        {
            Failed.Add(new AgentFailure(agent.Id, AnalysisErrorCodes.ProcessingError, _emptyReason));
            return;
        }

        string output = Path.Combine(scratchDirectory, $"{position:D2}_{agent.Id}.csv");
        if (_current is null && _profile is not null)
        {
            _originalRows ??= _profile.Rows;
        }

        try
        {
            var result = agent.Run(new CleanAgentContext(Current, _original, output, [.. _steps]) { CurrentProfile = _profile, PublishedName = publishedName, Origin = _origin, RowKeysWanted = rowKeysWanted, TypeFixing = _typeFixing, OriginalRows = _originalRows }, parameters, ct);
            UnusedParameters.Annotate(result.Report, parameters);
            result.Report.InputRows = _profile?.Rows;
            result.Report.InputColumns = _profile?.Columns.Count ?? RowScan.HeaderOf(Current).Count;
            if (_origin is not null)
            {
                result.Report.RowIssues.Remap(_origin);
            }

            Succeeded.Add(result.Report);
            if (result.CleanedFilePath is null)
            {
                _profile ??= result.InputProfile;
                return;
            }

            string name = "cleaned_" + Path.ChangeExtension(Path.GetFileName(Current.Name), ".csv");
            string previous = Current.Path;
            _current = new InputFile(name, result.CleanedFilePath);
            _profile = result.OutputProfile;
            if (result.OutputProfile?.SourceRows is { } sources)
            {
                _origin = _origin is null ? sources : [.. sources.Select(r => _origin[r])];
            }

            _steps.Add(new CleanStep(agent.Id, name, result.RowsWritten, result.ColumnsWritten));
            DeleteIntermediate(previous);
            if (result.RowsWritten == 0 || result.ColumnsWritten == 0)
            {
                _emptyReason = $"No data left to clean: {agent.Id} wrote {result.RowsWritten} row(s) and {result.ColumnsWritten} column(s).";
            }
        }
        // A full disk or a refused write is no fault of the agent or the data: it ends the run (STORAGE_ERROR, see
        // AnalysisErrorCodes.EndsTheRun) instead of leaving every later agent failed and the file of the last one that
        // could write published as the cleaned file.
        catch (Exception ex) when (!AnalysisErrorCodes.EndsTheRun(ex))
        {
            DeleteIntermediate(output);
            Failed.Add(new AgentFailure(agent.Id, AnalysisErrorCodes.ProcessingError, ex.Message));
        }
        finally
        {
            // An agent leaves behind up to a few hundred MB of row keys and hash tables. Left to itself the GC frees them
            // only once the next agent has added its own, so the peak would hold two agents' worth: collect them now.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    /// <summary>Moves the last cleaned file into <paramref name="directory"/> under a temporary name, then renames it.</summary>
    public OutputFile PublishFinal(string directory, string name)
    {
        string path = Path.Combine(directory, name);
        string temp = path + ".tmp";
        try
        {
            LocalWrite.Move(Current.Path, temp, overwrite: true);
            LocalWrite.Move(temp, path, overwrite: true);
        }
        catch
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            throw;
        }

        _current = null;
        _profile = null;
        return new OutputFile(name, path, "text/csv");
    }

    private void DeleteIntermediate(string path)
    {
        if (!string.Equals(path, _original.Path, StringComparison.Ordinal) && path.StartsWith(scratchDirectory, StringComparison.Ordinal) && File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
