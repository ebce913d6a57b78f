using System.Globalization;
using Agensium.Analysis.Common;
using Agensium.Analysis.Input;
using Agensium.Analysis.Reporting;

namespace Agensium.Analysis.Clean;

/// <summary>
/// The clean-my-data tool: runs its agents as a chain on the primary CSV. A file-producing agent writes a cleaned CSV
/// (a scratch file in the output folder) that becomes the next agent's primary, its name gaining a cleaned_ prefix.
/// Writes clean_my_data_analysis.json, .xlsx and, when some agent produced a file, {base}_cleaned_{yyyyMMdd_HHmmss}.csv.
/// </summary>
public sealed class CleanMyDataTool(TimeProvider timeProvider) : IAnalysisTool
{
    // Every agent's parameters are read before the first agent runs (the ones naming columns are checked against the
    // data when the agent runs).
    private static readonly ParameterPreflight Preflight = new(new Dictionary<string, Action<AgentParameters>>(StringComparer.Ordinal)
    {
        [CleansePreviewerAgent.AgentId] = p => CleansePreviewerAgent.Settings(p),
        [QuarantineAgent.AgentId] = p => QuarantineSettings.From(p),
        [TypeFixerAgent.AgentId] = p => TypeFixerSettings.From(p),
        [FieldStandardizationAgent.AgentId] = p => FieldStandardizationSettings.From(p),
        [DuplicateResolverAgent.AgentId] = p => DuplicateResolverSettings.From(p),
        [NullHandlerAgent.AgentId] = p => NullHandlerSettings.From(p),
        [OutlierRemoverAgent.AgentId] = p => OutlierRemoverSettings.From(p),
        [CleanseWritebackAgent.AgentId] = p => CleanseWritebackAgent.Scoring(p),
    });

    /// <summary>The report file name.</summary>
    public const string ReportFileName = "clean_my_data_analysis.json";

    /// <summary>Scratch folder (inside the output folder) for intermediate files; deleted at the end of the run.</summary>
    public const string ScratchFolderName = ".clean_my_data_scratch";

    /// <inheritdoc/>
    public string Id => "clean-my-data";

    /// <inheritdoc/>
    public IReadOnlyList<string> Agents { get; } =
    [
        CleansePreviewerAgent.AgentId, QuarantineAgent.AgentId, TypeFixerAgent.AgentId, FieldStandardizationAgent.AgentId,
        DuplicateResolverAgent.AgentId, NullHandlerAgent.AgentId, OutlierRemoverAgent.AgentId, CleanseWritebackAgent.AgentId,
    ];

    /// <inheritdoc/>
    public IReadOnlyList<string> DefaultAgents => Agents;

    /// <summary>A new instance of the agent <paramref name="agentId"/>.</summary>
    public ICleanAgent CreateAgent(string agentId) => agentId switch
    {
        CleansePreviewerAgent.AgentId => new CleansePreviewerAgent(timeProvider),
        QuarantineAgent.AgentId => new QuarantineAgent(timeProvider),
        TypeFixerAgent.AgentId => new TypeFixerAgent(timeProvider),
        FieldStandardizationAgent.AgentId => new FieldStandardizationAgent(timeProvider),
        DuplicateResolverAgent.AgentId => new DuplicateResolverAgent(timeProvider),
        NullHandlerAgent.AgentId => new NullHandlerAgent(timeProvider),
        OutlierRemoverAgent.AgentId => new OutlierRemoverAgent(timeProvider),
        CleanseWritebackAgent.AgentId => new CleanseWritebackAgent(timeProvider),
        _ => throw new AnalysisException(AnalysisErrorCodes.UnknownAgent, $"Unknown agent for {Id}: {agentId}."),
    };

    /// <summary>The final CSV name: {base}_cleaned_{yyyyMMdd_HHmmss}.csv, base = the primary's name without extension and cleaned_/mastered_ prefixes, shortened to fit 255 bytes.</summary>
    public static string FinalCsvName(string primaryName, DateTimeOffset utcNow) => OutputNames.DataFile(OutputNames.BaseOf(primaryName), "cleaned", utcNow);

    /// <summary>
    /// Whether the profile of the file agent <paramref name="i"/> writes should keep a key per row: only cleanse-writeback
    /// reads its exact duplicate rows, and it is handed the profile of the last file written before it (the previewer
    /// writes none). Every followed profile hashed every row for nothing before (six of the default chain's seven); when
    /// a guess is wrong (an agent in between fails), cleanse-writeback counts the duplicates in a pass of its own.
    /// </summary>
    internal static bool RowKeysWanted(IReadOnlyList<string> agents, int i) =>
        agents.Skip(i + 1).FirstOrDefault(a => a != CleansePreviewerAgent.AgentId) == CleanseWritebackAgent.AgentId;

    /// <inheritdoc/>
    public Task<AnalysisResult> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress>? progress, CancellationToken cancellationToken) =>
        DedicatedThread.Run(() => Run(request, progress, cancellationToken), cancellationToken);

    private AnalysisResult Run(AnalysisRequest request, IProgress<AnalysisProgress>? progress, CancellationToken ct)
    {
        long started = timeProvider.GetTimestamp();
        string scratch = Path.Combine(request.OutputDirectory, ScratchFolderName);
        try
        {
            var agents = ResolveAgents(request.Agents);
            using var inputs = InputFileSet.Resolve(request.Inputs, request.OutputDirectory, ct);
            var parameters = inputs.Parameters is null ? ToolParameters.None() : ToolParameters.Load(inputs.Parameters.Path, Agents);
            using (CsvTableReader.Open(inputs.Primary))
            {
                // Opening checks the primary file (empty, binary, header only) before any agent runs.
            }

            Preflight.Run(agents, parameters);

            LocalWrite.CreateDirectory(scratch);
            // Named once, so cleanse-writeback's manifest names the file that is published.
            string finalName = FinalCsvName(inputs.Primary.Name, timeProvider.GetUtcNow());
            // type-fixer's settings go to every agent: quarantine-agent and cleanse-previewer judge the file's number
            // notation with its numeric_threshold, as it will.
            var chain = new CleanChain(inputs.Primary, scratch, finalName, TypeFixerSettings.From(parameters.For(TypeFixerAgent.AgentId)));
            for (int i = 0; i < agents.Count; i++)
            {
                progress?.Report(new AnalysisProgress(15 + (i * 80 / agents.Count), agents[i]));
                ct.ThrowIfCancellationRequested();
                chain.Run(CreateAgent(agents[i]), i, parameters.For(agents[i]), ct, RowKeysWanted(agents, i));
            }

            progress?.Report(new AnalysisProgress(95, null));
            long elapsed = ElapsedMs(started);
            var names = Agents.ToDictionary(a => a, a => CreateAgent(a).DisplayName, StringComparer.Ordinal);
            long extraFieldRows = CountDroppedExtraFields(parameters, inputs.Primary, chain, ct);
            AlertDroppedExtraFields(chain, extraFieldRows);
            var report = ReportBuilder.Build(request.AnalysisId, Id, Now(), elapsed, agents, Agents, names, chain.Succeeded, chain.Failed);
            NoteDroppedExtraFields(report, extraFieldRows);
            ParametersNotRun.Note(report, parameters, agents);
            return AnalysisResult.Success(Publish(request.OutputDirectory, inputs, chain, report, finalName), elapsed);
        }
        catch (AnalysisException ex)
        {
            return AnalysisResult.Failure(ex.ErrorCode, ex.Message, ElapsedMs(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return AnalysisResult.Failure(AnalysisErrorCodes.Of(ex), AnalysisErrorCodes.MessageOf(ex), ElapsedMs(started));
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    /// <summary>
    /// A row with more fields than the header (an unquoted "$1,000") loses the extra fields in the cleaned file.
    /// quarantine-agent sets such rows aside and says so (check_extra_fields); when it did not look (not in the chain,
    /// or told not to), the original is read once more to count the rows that lost fields (0 when nothing to count).
    /// </summary>
    private static long CountDroppedExtraFields(ToolParameters parameters, InputFile primary, CleanChain chain, CancellationToken ct)
    {
        bool quarantineLooked = chain.Succeeded.Any(r => r.AgentId == QuarantineAgent.AgentId)
            && QuarantineSettings.From(parameters.For(QuarantineAgent.AgentId)).CheckExtraFields;
        if (chain.Steps.Count == 0 || quarantineLooked)
        {
            return 0;
        }

        long rows = 0;
        using var reader = CsvTableReader.Open(primary);
        while (reader.Read())
        {
            if (reader.RowIndex % RowScan.CancellationCheckRows == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            rows += reader.RowFieldCount > reader.Columns.Count ? 1 : 0;
        }

        return rows;
    }

    // Never silent: a high alert in the first agent's report (so the summary, its alert count and the Excel show it).
    private static void AlertDroppedExtraFields(CleanChain chain, long rows)
    {
        if (rows == 0 || chain.Succeeded.Count == 0)
        {
            return;
        }

        var first = chain.Succeeded[0];
        first.Alerts.Add(new System.Text.Json.Nodes.JsonObject
        {
            ["alert_id"] = $"alert_{first.AgentId.Replace('-', '_')}_rows_with_extra_fields",
            ["severity"] = "high",
            ["category"] = "input",
            ["message"] = $"{rows} row(s) of the input have more fields than its header; the fields beyond the header are not in the "
                + "cleaned file, and the row's values may be under the wrong columns (an unquoted delimiter inside a value?).",
            ["affected_fields_count"] = 0,
            ["recommendation"] = "Quote values holding the delimiter (\"$1,000\") at the source, or run quarantine-agent with "
                + "check_extra_fields (its default) so such rows are set aside.",
        });
    }

    private static void NoteDroppedExtraFields(System.Text.Json.Nodes.JsonObject report, long rows) => ExtraFieldsNote.Add(report, rows,
        "these rows have more fields than the header; the fields beyond it are not in the cleaned file "
        + "(quarantine-agent with check_extra_fields sets such rows aside instead)");

    // The final CSV (when some agent produced one) and the report; a failed run leaves neither behind.
    private List<OutputFile> Publish(string directory, InputFileSet inputs, CleanChain chain, System.Text.Json.Nodes.JsonObject report, string finalName)
    {
        var outputs = new List<OutputFile>();
        try
        {
            if (chain.Steps.Count > 0)
            {
                outputs.Add(chain.PublishFinal(directory, finalName));
            }

            outputs.InsertRange(0, ReportOutputs.Write(directory, ReportFileName, report, chain.Succeeded, inputs));
            return outputs;
        }
        catch
        {
            outputs.ForEach(o => File.Delete(o.Path));
            throw;
        }
    }

    private List<string> ResolveAgents(IReadOnlyList<string>? requested) => AgentSelection.Resolve(Id, Agents, requested, DefaultAgents);

    private long ElapsedMs(long started) => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;

    private string Now() => timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
