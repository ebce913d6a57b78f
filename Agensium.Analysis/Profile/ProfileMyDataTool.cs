using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Common;
using Agensium.Analysis.Input;
using Agensium.Analysis.Reporting;

namespace Agensium.Analysis.Profile;

/// <summary>
/// The profile-my-data tool: unified-profiler, drift-detector, score-risk, test-coverage-agent and readiness-rater, each
/// streaming the original primary file. An agent that cannot run (drift-detector without a baseline, an agent error) is
/// reported as failed, which per AGENSIUM never fails the task. Writes profile_my_data_analysis.json and .xlsx.
/// </summary>
public sealed class ProfileMyDataTool(TimeProvider timeProvider) : IAnalysisTool
{
    // Every agent's parameters are read before the first agent runs (none of them depends on the data).
    private static readonly ParameterPreflight Preflight = new(new Dictionary<string, Action<AgentParameters>>(StringComparer.Ordinal)
    {
        [UnifiedProfilerAgent.AgentId] = p => UnifiedProfilerSettings.From(p),
        [DriftDetectorAgent.AgentId] = p => DriftSettings.From(p),
        [RiskScorerAgent.AgentId] = p => RiskSettings.From(p),
        [TestCoverageAgent.AgentId] = p => TestCoverageSettings.From(p),
        [ReadinessRaterAgent.AgentId] = p => ReadinessSettings.From(p),
    });

    /// <summary>The report file name.</summary>
    public const string ReportFileName = "profile_my_data_analysis.json";

    private static readonly Dictionary<string, string> DisplayNames = new(StringComparer.Ordinal)
    {
        ["unified-profiler"] = UnifiedProfilerAgent.DisplayName,
        [DriftDetectorAgent.AgentId] = DriftDetectorAgent.DisplayName,
        [RiskScorerAgent.AgentId] = RiskScorerAgent.DisplayName,
        [TestCoverageAgent.AgentId] = TestCoverageAgent.DisplayName,
        [ReadinessRaterAgent.AgentId] = ReadinessRaterAgent.DisplayName,
    };

    /// <inheritdoc/>
    public string Id => "profile-my-data";

    /// <inheritdoc/>
    public IReadOnlyList<string> Agents { get; } = ["unified-profiler", "drift-detector", "score-risk", "test-coverage-agent", "readiness-rater"];

    /// <summary>
    /// The default chain: all five agents in canonical order. When a task names no agents, drift-detector runs only if a
    /// baseline file is among the inputs (see <see cref="DefaultAgentsFor"/>).
    /// </summary>
    public IReadOnlyList<string> DefaultAgents { get; } =
        [UnifiedProfilerAgent.AgentId, DriftDetectorAgent.AgentId, RiskScorerAgent.AgentId, TestCoverageAgent.AgentId, ReadinessRaterAgent.AgentId];

    /// <summary>The agents a task that names none runs: <see cref="DefaultAgents"/>, without drift-detector unless there is a baseline.</summary>
    public IReadOnlyList<string> DefaultAgentsFor(bool hasBaseline) =>
        [.. DefaultAgents.Where(a => hasBaseline || a != DriftDetectorAgent.AgentId)];

    /// <inheritdoc/>
    public Task<AnalysisResult> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress>? progress, CancellationToken cancellationToken) =>
        DedicatedThread.Run(() => Run(request, progress, cancellationToken), cancellationToken);

    private AnalysisResult Run(AnalysisRequest request, IProgress<AnalysisProgress>? progress, CancellationToken ct)
    {
        long started = timeProvider.GetTimestamp();
        try
        {
            ResolveAgents(request.Agents, hasBaseline: true); // unknown agent names fail before the inputs are looked at
            using var inputs = InputFileSet.Resolve(request.Inputs, request.OutputDirectory, ct);
            var agents = ResolveAgents(request.Agents, inputs.HasBaseline);
            var parameters = inputs.Parameters is null ? ToolParameters.None() : ToolParameters.Load(inputs.Parameters.Path, Agents);
            using (CsvTableReader.Open(inputs.Primary))
            {
                // Opening checks the primary file (empty, binary, header only) before any agent runs.
            }

            Preflight.Run(agents, parameters);

            var succeeded = new List<AgentReport>();
            var failed = new List<AgentFailure>();
            for (int i = 0; i < agents.Count; i++)
            {
                progress?.Report(new AnalysisProgress(15 + (i * 80 / agents.Count), agents[i]));
                ct.ThrowIfCancellationRequested();
                RunAgent(agents[i], inputs, parameters, succeeded, failed, ct);
            }

            progress?.Report(new AnalysisProgress(95, null));
            long elapsed = ElapsedMs(started);
            // Every agent read the same file: its shape, as the agents that count it say, for those that do not.
            long? rows = succeeded.Select(a => (long?)a.SummaryMetrics["total_rows"]).FirstOrDefault(r => r is not null);
            int? columns = succeeded.Select(a => (int?)a.SummaryMetrics["total_columns"]).FirstOrDefault(c => c is not null);
            succeeded.ForEach(a => (a.InputRows, a.InputColumns) = (a.InputRows ?? rows, a.InputColumns ?? columns));
            var report = ReportBuilder.Build(request.AnalysisId, Id, Now(), elapsed, agents, Agents, DisplayNames, succeeded, failed);
            ParametersNotRun.Note(report, parameters, agents);
            if ((request.Agents is null || request.Agents.Count == 0) && !inputs.HasBaseline)
            {
                // The default chain leaves drift-detector out without a baseline rather than failing it: say so.
                report["metadata"]!["skipped_agents"] = new JsonArray(new JsonObject
                {
                    ["agent_id"] = DriftDetectorAgent.AgentId,
                    ["reason"] = "no baseline file was uploaded (drift-detector compares the data with a file whose name contains 'baseline')",
                });
            }

            return AnalysisResult.Success(ReportOutputs.Write(request.OutputDirectory, ReportFileName, report, succeeded, inputs), elapsed);
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

    // Bad input (AnalysisException), the local disk failing (IOException: STORAGE_ERROR), running out of memory and
    // cancellation end the run (AnalysisErrorCodes.EndsTheRun); an agent error (AgentRunException) or any other exception
    // only fails that agent.
    private void RunAgent(string agentId, InputFileSet inputs, ToolParameters parameters, List<AgentReport> succeeded, List<AgentFailure> failed, CancellationToken ct)
    {
        var p = parameters.For(agentId);
        try
        {
            var report = agentId switch
            {
                UnifiedProfilerAgent.AgentId => new UnifiedProfilerAgent(timeProvider).Run(inputs.Primary, p, ct),
                DriftDetectorAgent.AgentId => inputs.BaselineProblem is { } problem
                    ? throw new AgentRunException(problem.ErrorCode, $"The baseline cannot be used: {problem.Message}", problem)
                    : new DriftDetectorAgent(timeProvider).Run(inputs.Primary, inputs.Baseline, p, ct),
                RiskScorerAgent.AgentId => new RiskScorerAgent(timeProvider).Run(inputs.Primary, p, ct),
                TestCoverageAgent.AgentId => new TestCoverageAgent(timeProvider).Run(inputs.Primary, p, ct),
                ReadinessRaterAgent.AgentId => new ReadinessRaterAgent(timeProvider).Run(inputs.Primary, p, ct),
                _ => throw new AgentRunException("AGENT_NOT_IMPLEMENTED", "agent not implemented yet"),
            };
            UnusedParameters.Annotate(report, p);
            succeeded.Add(report);
        }
        catch (AgentRunException ex)
        {
            failed.Add(new AgentFailure(agentId, ex.ErrorCode, ex.Message));
        }
        catch (Exception ex) when (!AnalysisErrorCodes.EndsTheRun(ex))
        {
            failed.Add(new AgentFailure(agentId, AnalysisErrorCodes.ProcessingError, ex.Message));
        }
    }

    private List<string> ResolveAgents(IReadOnlyList<string>? requested, bool hasBaseline) =>
        AgentSelection.Resolve(Id, Agents, requested, DefaultAgentsFor(hasBaseline));

    private long ElapsedMs(long started) => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;

    private string Now() => timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
