namespace Agensium.Scheduler.Worker;

/// <summary>The system clock moved by the node's measured offset from PostgreSQL's (<see cref="Jobs.DatabaseClock"/>), for a worker process.</summary>
public sealed class OffsetClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
