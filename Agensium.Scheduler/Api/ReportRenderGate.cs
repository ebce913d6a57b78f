using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Api;

/// <summary>
/// Lets <see cref="ApiOptions.MaxConcurrentReports"/> GET …/report calls of this node render at once; the others wait,
/// each until its client gives up. A rendered report holds the stored file and an index of it in memory.
/// </summary>
public sealed class ReportRenderGate(IOptions<ApiOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentReports, options.Value.MaxConcurrentReports);

    /// <summary>Waits for a turn; dispose the result to give it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        return new Turn(_slots);
    }

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
