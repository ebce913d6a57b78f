using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Common;
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

    /// <summary>Rows between two cancellation checks (one batch).</summary>
    public const int CancellationCheckRows = BatchRows;

    /// <summary>Rows read before their columns are accumulated (in parallel); fewer for a wide file (see <see cref="BatchCells"/>).</summary>
    public const int BatchRows = 4096;

    /// <summary>At most this many cells per batch, so a very wide file does not need rows × columns of offsets.</summary>
    public const int BatchCells = 1 << 18;

    /// <summary>Profiles <paramref name="primary"/>.</summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE for an unreadable file, INVALID_PARAMETERS for bad parameters.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public AgentReport Run(InputFile primary, AgentParameters parameters, CancellationToken cancellationToken)
    {
        long started = timeProvider.GetTimestamp();
        var settings = UnifiedProfilerSettings.From(parameters);
        var log = new RowIssueLog();
        using var reader = CsvTableReader.Open(primary);
        var accumulators = reader.Columns
            .Select((name, i) => new ColumnAccumulator(name, i, new RowBitmap(), PiiGuesser.KindOf(name) is not null, settings.ExactQuantileLimit))
            .ToArray();
        // Rows are read in batches. While the columns of one batch are accumulated (in parallel, a column at a time, so
        // each column sees its values in row order and the figures do not depend on timing), the reader fills the next.
        int batchRows = BatchSize.Rows(accumulators.Length, BatchRows, BatchCells);
        var current = new RowBatch(accumulators.Length, batchRows);
        var next = new RowBatch(accumulators.Length, batchRows);
        Fill(reader, current);
        while (current.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var filling = Task.Run(() => Fill(reader, next), CancellationToken.None);
            var batch = current;
            try
            {
                Parallel.For(0, accumulators.Length, new ParallelOptions { CancellationToken = cancellationToken }, c => accumulators[c].AddColumn(batch, c));
            }
            catch
            {
                // The reader is the filler's until it stops: never leave it reading while the reader is disposed.
                Task.WaitAny([filling], CancellationToken.None);
                throw;
            }

            filling.GetAwaiter().GetResult();
            (current, next) = (next, current);
        }

        foreach (var accumulator in accumulators)
        {
            log.AffectedRows.UnionWith(accumulator.NullRowBitmap);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var shape = new DatasetShape(primary.Name, reader.RowIndex + 1, accumulators.Length, reader.Delimiter, reader.HasUtf8Bom,
            reader.ShortRows, reader.LongRows, reader.BlankLinesSkipped, reader.HeaderRenames, reader.TitleLines, reader.UnsplitRows)
        {
            TrailingLines = reader.TrailingLines,
        };
        var profiles = accumulators.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(a => ColumnProfile.From(a, shape.Rows, settings)).ToList();
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

    private static void Fill(CsvTableReader reader, RowBatch batch)
    {
        batch.Clear();
        while (batch.Count < batch.Capacity && reader.Read())
        {
            batch.Add(reader);
        }
    }
}
