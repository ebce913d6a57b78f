using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>
/// The drift-detector agent: streams the baseline and the current (primary) file once each, then compares every shared
/// column with enough values (KS test, PSI, JS divergence, Wasserstein, deltas) and reports schema changes.
/// </summary>
public sealed class DriftDetectorAgent(TimeProvider timeProvider)
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "drift-detector";

    /// <summary>The agent's display name.</summary>
    public const string DisplayName = "Drift Detector";

    /// <summary>Error code of a run without a baseline file.</summary>
    public const string BaselineRequiredCode = "BASELINE_REQUIRED";

    /// <summary>Message of a run without a baseline file.</summary>
    public const string BaselineRequiredMessage = "drift-detector needs a baseline file (a file whose name contains 'baseline')";

    /// <summary>Compares <paramref name="primary"/> with <paramref name="baseline"/>.</summary>
    /// <exception cref="AgentRunException">When there is no baseline or it cannot be read.</exception>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for bad parameters.</exception>
    public AgentReport Run(InputFile primary, InputFile? baseline, AgentParameters parameters, CancellationToken cancellationToken)
    {
        long started = timeProvider.GetTimestamp();
        var settings = DriftSettings.From(parameters);
        if (baseline is null)
        {
            throw new AgentRunException(BaselineRequiredCode, BaselineRequiredMessage);
        }

        DriftColumnSample[] baselineSamples = [];
        TableShape baselineShape;
        try
        {
            baselineShape = TableScan.Run(baseline, cancellationToken,
                columns => baselineSamples = [.. columns.Select(c => new DriftColumnSample(c))],
                (i, value, row) => baselineSamples[i].Add(value, row, keepTexts: false));
        }
        catch (AnalysisException ex)
        {
            throw new AgentRunException(ex.ErrorCode, $"The baseline cannot be used: {ex.Message}", ex);
        }

        DriftColumnSample[] currentSamples = [];
        var currentShape = TableScan.Run(primary, cancellationToken,
            columns => currentSamples = [.. columns.Select(c => new DriftColumnSample(c))],
            (i, value, row) => currentSamples[i].Add(value, row, keepTexts: true));
        var comparison = DriftComparison.Build(baselineShape, baselineSamples, currentShape, currentSamples, settings);
        var log = new RowIssueLog();
        DriftRowIssues.Emit(comparison, comparison.Pairs, log);
        var output = new DriftOutput(comparison, settings, parameters);
        return AgentReportFactory.Create(timeProvider, started, AgentId, DisplayName, output.Metrics(), output.Data(),
            output.Findings(), output.Cards(), output.Narrative(), log);
    }
}
