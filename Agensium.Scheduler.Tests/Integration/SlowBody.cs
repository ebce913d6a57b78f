namespace Agensium.Scheduler.Tests.Integration;

/// <summary>A request body sent in two parts, the second only once <paramref name="release"/> completes.</summary>
internal sealed class SlowBody(byte[] content, Task release) : HttpContent
{
    private readonly TaskCompletionSource _firstPart = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task FirstPartSent => _firstPart.Task;

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        await stream.WriteAsync(content.AsMemory(0, 2));
        await stream.FlushAsync();
        _firstPart.TrySetResult();
        await release;
        await stream.WriteAsync(content.AsMemory(2));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
