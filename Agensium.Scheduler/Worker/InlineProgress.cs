namespace Agensium.Scheduler.Worker;

/// <summary>An IProgress that reports on the caller's thread, so reports keep their order (Progress&lt;T&gt; posts to the pool).</summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
