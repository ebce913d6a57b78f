using System.Diagnostics.Metrics;
using Agensium.Scheduler.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agensium.Scheduler.Metrics;

/// <summary>
/// Counts waiting analysis triggers per queue (those held by a paused queue included: a backlog growing behind a pause
/// is still a backlog), at most once every few seconds however often /metrics is scraped.
/// </summary>
public sealed class QueueDepthProbe(Data.Database db, IOptions<SchedulerOptions> options, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private (DateTimeOffset At, List<Measurement<long>> Values) _cache = (DateTimeOffset.MinValue, []);

    public IEnumerable<Measurement<long>> Observe()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _cache.At < CacheFor)
            {
                return _cache.Values;
            }
            try
            {
                using var cmd = db.CreateCommand($"""
                    SELECT q.queue, count(t.trigger_name)
                      FROM unnest(@queues) AS q(queue)
                      LEFT JOIN {QuartzSetup.TablePrefix}triggers t
                        ON t.sched_name = @s AND t.job_name = @job AND t.trigger_state IN ('WAITING', 'BLOCKED', 'PAUSED', 'PAUSED_BLOCKED') AND t.execution_group = q.queue
                     GROUP BY q.queue
                    """);
                cmd.Parameters.AddWithValue("queues", QueueOptions.Names.ToArray());
                cmd.Parameters.AddWithValue("s", options.Value.InstanceName);
                cmd.Parameters.AddWithValue("job", ProcessAnalysisJob.Key.Name);
                using var reader = cmd.ExecuteReader();
                var values = new List<Measurement<long>>();
                while (reader.Read())
                {
                    values.Add(new Measurement<long>(reader.GetInt64(1), new KeyValuePair<string, object?>("queue", reader.GetString(0))));
                }
                _cache = (now, values);
            }
            catch (NpgsqlException)
            {
                // No figure this scrape rather than a failed scrape.
                return [];
            }
            return _cache.Values;
        }
    }
}
