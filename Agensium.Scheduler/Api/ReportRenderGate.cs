using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Api;

/// <summary>
/// Lets <see cref="ApiOptions.MaxConcurrentReports"/> GET …/report calls of this node render at once (a turn lasts until
/// the response is sent); the others wait up to <see cref="MaxWait"/>. A rendered report holds the stored file and an
/// index of it in memory.
/// </summary>
public sealed class ReportRenderGate(IOptions<ApiOptions> options) : IDisposable
{
    /// <summary>How long a caller waits for a turn before it is told to come back (503 REPORT_BUSY).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentReports, options.Value.MaxConcurrentReports);

    /// <summary>Renders at once at most.</summary>
    public int Limit { get; } = options.Value.MaxConcurrentReports;

    /// <summary>Waits for a turn; dispose the result to give it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        return new Turn(_slots);
    }

    /// <summary>Waits at most <paramref name="maxWait"/> (default <see cref="MaxWait"/>) for a turn; null when none came free.</summary>
    public async Task<IDisposable?> TryEnterAsync(CancellationToken ct, TimeSpan? maxWait = null) =>
        await _slots.WaitAsync(maxWait ?? MaxWait, ct) ? new Turn(_slots) : null;

    public void Dispose() => _slots.Dispose();

    private sealed class Turn(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
