using System.Globalization;
using Agensium.Analysis.Common;
using Agensium.Analysis.Input;
using Agensium.Analysis.Reporting;

namespace Agensium.Analysis.Master;

/// <summary>
/// The master-my-data tool: key-identifier, contract-enforcer, semantic-mapper, survivorship-resolver,
/// golden-record-builder and stewardship-flagger in a chain (a successful file-producing agent's table becomes the next
/// primary, kept in memory). Writes master_my_data_analysis.json, .xlsx and {base}_mastered_{yyyyMMdd_HHmmss}.csv.
/// </summary>
public sealed class MasterMyDataTool(TimeProvider timeProvider) : IAnalysisTool
{
    /// <summary>The report file name.</summary>
    public const string ReportFileName = "master_my_data_analysis.json";

    /// <inheritdoc/>
    public string Id => "master-my-data";

    /// <inheritdoc/>
    public IReadOnlyList<string> Agents { get; } =
        ["key-identifier", "contract-enforcer", "semantic-mapper", "survivorship-resolver", "golden-record-builder", "stewardship-flagger"];

    /// <inheritdoc/>
    public IReadOnlyList<string> DefaultAgents => Agents;

    /// <inheritdoc/>
    public Task<AnalysisResult> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress>? progress, CancellationToken cancellationToken) =>
        DedicatedThread.Run(() => Run(request, progress, cancellationToken), cancellationToken);

    private AnalysisResult Run(AnalysisRequest request, IProgress<AnalysisProgress>? progress, CancellationToken ct)
    {
        long started = timeProvider.GetTimestamp();
        var agentsById = CreateAgents().ToDictionary(a => a.Id, StringComparer.Ordinal);
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

            var chain = new MasterChain(inputs.Primary);
            var succeeded = new List<AgentReport>();
            var failed = new List<AgentFailure>();
            int extraFieldRows = 0;
            for (int i = 0; i < agents.Count; i++)
            {
                progress?.Report(new AnalysisProgress(15 + (i * 80 / agents.Count), agents[i]));
                ct.ThrowIfCancellationRequested();
                RunAgent(agentsById[agents[i]], chain, parameters, succeeded, failed, ref extraFieldRows, ct);
                AgentGarbage.Release(); // the previous table and the agent's working structures
            }

            progress?.Report(new AnalysisProgress(95, null));
            var outputs = new List<OutputFile>();
            if (chain.Produced)
            {
                string name = OutputNames.DataFile(OutputNames.BaseOf(inputs.Primary.Name), "mastered", timeProvider.GetUtcNow());
                outputs.Add(chain.Publish(request.OutputDirectory, name));
            }

            long elapsed = ElapsedMs(started);
            var names = agentsById.ToDictionary(kv => kv.Key, kv => kv.Value.DisplayName, StringComparer.Ordinal);
            var report = ReportBuilder.Build(request.AnalysisId, Id, Now(), elapsed, agents, Agents, names, succeeded, failed);
            ParametersNotRun.Note(report, parameters, agents);
            ExtraFieldsAlert.Note(report, extraFieldRows);
            outputs.InsertRange(0, ReportOutputs.Write(request.OutputDirectory, ReportFileName, report, succeeded, inputs));
            return AnalysisResult.Success(outputs, elapsed);
        }
        catch (AnalysisException ex)
        {
            return AnalysisResult.Failure(ex.ErrorCode, ex.Message, ElapsedMs(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return AnalysisResult.Failure(AnalysisErrorCodes.Of(ex), AnalysisErrorCodes.MessageOf(ex), ElapsedMs(started));
        }
    }

    // The parameters that do not depend on the columns (score weights, thresholds, the contract's shape) are read before
    // the first agent runs; the ones that name columns are read by each agent on the table it gets. A missing contract
    // is contract-enforcer's own error when it runs (CONTRACT_MISSING), not the task's.
    private static readonly ParameterPreflight Preflight = new(new Dictionary<string, Action<AgentParameters>>(StringComparer.Ordinal)
    {
        [KeyIdentifierAgent.AgentId] = p =>
        {
            KeyIdentifierAgent.Thresholds(p);
            KeyIdentifierAgent.Scoring(p);
        },
        [ContractEnforcerAgent.AgentId] = p =>
        {
            ContractEnforcerAgent.Scoring(p);
            if (p.Supplied["contract"] is not null)
            {
                ContractSpec.From(p);
            }
        },
        [SemanticMapperAgent.AgentId] = p => SemanticMapperAgent.Scoring(p),
        [SurvivorshipResolverAgent.AgentId] = p => SurvivorshipResolverAgent.Scoring(p),
        [GoldenRecordBuilderAgent.AgentId] = p => GoldenRecordBuilderAgent.Scoring(p),
        [StewardshipFlaggerAgent.AgentId] = p => StewardshipFlaggerAgent.Scoring(p),
    });

    // Bad input (AnalysisException), the local disk failing (IOException: STORAGE_ERROR), running out of memory and
    // cancellation end the run (AnalysisErrorCodes.EndsTheRun); any other agent error only fails that agent.
    // The first agent to succeed carries the extra-fields alert (its input is still the file as read: a failed agent
    // does not advance the chain); the count is kept for the report's metadata even when no agent succeeds.
    private static void RunAgent(IMasterAgent agent, MasterChain chain, ToolParameters parameters, List<AgentReport> succeeded, List<AgentFailure> failed,
        ref int extraFieldRows, CancellationToken ct)
    {
        try
        {
            var p = parameters.For(agent.Id);
            var input = chain.LoadCurrent(ct);
            if (succeeded.Count + failed.Count == 0)
            {
                extraFieldRows = input.RowsWithExtraFields.Count;
            }

            var result = agent.Run(input, p, ct);
            UnusedParameters.Annotate(result.Report, p);
            FileRowNumbers.Translate(result.Report, input);
            (result.Report.InputRows, result.Report.InputColumns) = (input.RowCount, input.Columns.Count);
            if (succeeded.Count == 0)
            {
                ExtraFieldsAlert.Annotate(result.Report, input);
            }

            if (result.Output is not null)
            {
                chain.Advance(result.Output);
            }

            succeeded.Add(result.Report);
        }
        catch (MasterAgentException ex)
        {
            failed.Add(new AgentFailure(agent.Id, ex.ErrorCode, ex.Message));
        }
        catch (Exception ex) when (!AnalysisErrorCodes.EndsTheRun(ex))
        {
            failed.Add(new AgentFailure(agent.Id, AnalysisErrorCodes.ProcessingError, ex.Message));
        }
    }

    private IEnumerable<IMasterAgent> CreateAgents() =>
    [
        new KeyIdentifierAgent(timeProvider), new ContractEnforcerAgent(timeProvider), new SemanticMapperAgent(timeProvider),
        new SurvivorshipResolverAgent(timeProvider), new GoldenRecordBuilderAgent(timeProvider), new StewardshipFlaggerAgent(timeProvider),
    ];

    private List<string> ResolveAgents(IReadOnlyList<string>? requested) => AgentSelection.Resolve(Id, Agents, requested, DefaultAgents);

    private long ElapsedMs(long started) => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;

    private string Now() => timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
