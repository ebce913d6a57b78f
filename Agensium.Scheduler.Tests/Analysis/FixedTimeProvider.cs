namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>A clock that never moves: fixed UTC now, elapsed time always zero.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override long GetTimestamp() => 0;
}
