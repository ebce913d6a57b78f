using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>
/// The unified-profiler agent: one streaming pass over the primary CSV, then per-column type, nulls, distinct values,
/// numeric statistics with IQR outliers, text lengths, entropy, top values, pattern validity, PII guess and quality score.
/// </summary>
public sealed class UnifiedProfilerAgent(TimeProvider timeProvider)
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "unified-profiler";

    /// <summary>The agent's display name.</summary>
    public const string DisplayName = "Unified Profiler";

    /// <summary>Rows between two cancellation checks.</summary>
    public const int CancellationCheckRows = 4096;

    /// <summary>Profiles <paramref name="primary"/>.</summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE for an unreadable file, INVALID_PARAMETERS for bad parameters.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public AgentReport Run(InputFile primary, AgentParameters parameters, CancellationToken cancellationToken)
    {
        long started = timeProvider.GetTimestamp();
        var settings = UnifiedProfilerSettings.From(parameters);
        var log = new RowIssueLog();
        using var reader = CsvTableReader.Open(primary.Path, primary.Name);
        var accumulators = reader.Columns
            .Select((name, i) => new ColumnAccumulator(name, i, log.AffectedRows, PiiGuesser.KindOf(name) is not null))
            .ToArray();
        while (reader.Read())
        {
            int row = reader.RowIndex;
            if (row % CancellationCheckRows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int present = reader.PresentFieldCount;
            for (int i = 0; i < present; i++)
            {
                accumulators[i].Add(reader.GetField(i), row);
            }

            for (int i = present; i < accumulators.Length; i++)
            {
                accumulators[i].AddMissing(row);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var shape = new DatasetShape(primary.Name, reader.RowIndex + 1, accumulators.Length, reader.Delimiter, reader.HasUtf8Bom,
            reader.ShortRows, reader.LongRows, reader.BlankLinesSkipped, reader.HeaderRenames);
        var profiles = accumulators.Select(a => ColumnProfile.From(a, shape.Rows, settings)).ToList();
        double overall = QualityScoring.Overall(profiles.Select(p => p.Score).ToList());
        ProfilerRowIssues.Emit(profiles, log);
        var findings = ProfilerFindings.Build(profiles, shape, settings, overall);
        var output = new ProfilerOutput(shape, profiles, overall, settings, parameters, log);
        return new AgentReport
        {
            AgentId = AgentId,
            AgentName = DisplayName,
            ExecutionTimeMs = (long)timeProvider.GetElapsedTime(started).TotalMilliseconds,
            Timestamp = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            SummaryMetrics = output.SummaryMetrics(),
            Data = output.Data(),
            Alerts = findings.Alerts,
            Issues = findings.Issues,
            Recommendations = findings.Recommendations,
            ExecutiveSummary = output.Cards(),
            AiAnalysisText = output.Narrative(findings),
            RowIssues = log,
        };
    }
}
