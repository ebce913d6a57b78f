using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Storage;

/// <summary>
/// After an S3 call times out (a frozen or overloaded store holds each call for the whole timeout and its retries),
/// the node stops calling S3 for <see cref="S3Options.PauseAfterTimeout"/>: calls fail at once with
/// <see cref="ObjectStoreUnavailableException"/> instead of each waiting as long again. The first call after the pause
/// goes through; an answer closes the circuit. Per node, in memory: it only saves this node's own waiting.
/// </summary>
public sealed class ObjectStoreCircuit(IOptions<S3Options> options, TimeProvider time)
{
    private long _openUntilTicks;

    public void ThrowIfOpen()
    {
        long until = Interlocked.Read(ref _openUntilTicks);
        if (until != 0 && time.GetUtcNow().UtcTicks < until)
        {
            throw new ObjectStoreUnavailableException(
                $"Object storage (S3) did not answer within {options.Value.Timeout.TotalSeconds:0} s moments ago; this node is not calling it again until {new DateTime(until, DateTimeKind.Utc):HH:mm:ss} UTC.");
        }
    }

    /// <summary>How long this node still holds back its S3 calls (zero when it calls S3).</summary>
    public TimeSpan OpenFor
    {
        get
        {
            long until = Interlocked.Read(ref _openUntilTicks);
            var left = until == 0 ? 0 : until - time.GetUtcNow().UtcTicks;
            return left > 0 ? TimeSpan.FromTicks(left) : TimeSpan.Zero;
        }
    }

    public void TimedOut() => Interlocked.Exchange(ref _openUntilTicks, (time.GetUtcNow() + options.Value.PauseAfterTimeout).UtcTicks);

    public void Answered() => Interlocked.Exchange(ref _openUntilTicks, 0);
}
