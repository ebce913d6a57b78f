using System.Net;
using System.Net.Sockets;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A TCP proxy to the stack's S3 that can stop passing bytes on (a frozen store) and pass them on again, hold some
/// requests, or answer some with S3's 403 AccessDenied (a store whose policy refuses them).
/// </summary>
internal sealed class FreezableProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private volatile TaskCompletionSource _open = Open();

    private FreezableProxy(int target) => _target = target;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    public static FreezableProxy Start(int target)
    {
        var proxy = new FreezableProxy(target);
        proxy._listener.Start();
        _ = proxy.AcceptAsync();
        return proxy;
    }

    public void Freeze() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Thaw() => _open.TrySetResult();

    private volatile byte[]? _holdMarker;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>
    /// From now on, a request whose bytes carry <paramref name="marker"/> is held (from that point on, with the rest
    /// of its connection) until <see cref="Release"/>: one request frozen in the store, every other one served.
    /// </summary>
    public void Hold(string marker) => _holdMarker = System.Text.Encoding.ASCII.GetBytes(marker);

    /// <summary>How many requests have been held so far.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Release() => _released.TrySetResult();

    private volatile byte[]? _refuseMarker;
    private int _refused;

    /// <summary>
    /// From now on until <see cref="StopRefusing"/>, a request whose bytes carry <paramref name="marker"/> never
    /// reaches the store: the proxy answers it 403 AccessDenied, as S3 does for a request its policy denies, and closes
    /// its connection. Meant for requests without a body (DELETE, GET), which arrive in one read.
    /// </summary>
    public void Refuse(string marker) => _refuseMarker = System.Text.Encoding.ASCII.GetBytes(marker);

    public void StopRefusing() => _refuseMarker = null;

    /// <summary>How many requests have been refused so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    private static readonly byte[] AccessDenied = BuildAccessDenied();

    private static byte[] BuildAccessDenied()
    {
        const string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>refused-by-test-proxy</RequestId></Error>";
        return System.Text.Encoding.ASCII.GetBytes(
            $"HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RelayAsync(client);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            var storeAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await Task.WhenAll(PumpAsync(client.Client, server.Client, toStore: true, storeAnswered), PumpAsync(server.Client, client.Client, toStore: false, storeAnswered));
        }
        catch (Exception)
        {
        }
    }

    /// <summary>
    /// Passes bytes one way. A held request's client has given up by the time it is released (its node timed out), but
    /// a store that applies a request late has it whole: its end (the client's FIN) is passed on only once the store has
    /// answered, or the store would see the request cut short and drop it (s3rver aborts a request whose connection ends
    /// before it has answered, depending on which it reads first).
    /// </summary>
    private async Task PumpAsync(Socket from, Socket to, bool toStore, TaskCompletionSource storeAnswered)
    {
        var buffer = new byte[65536];
        var holding = false;
        try
        {
            while (true)
            {
                await _open.Task.WaitAsync(_stop.Token);
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                await _open.Task.WaitAsync(_stop.Token);
                if (toStore && _refuseMarker is { } refuse && buffer.AsSpan(0, read).IndexOf(refuse) >= 0)
                {
                    // Answered here, never passed on: the client reads the refusal, then both connections close.
                    Interlocked.Increment(ref _refused);
                    await from.SendAsync(AccessDenied, SocketFlags.None, _stop.Token);
                    from.Shutdown(SocketShutdown.Both);
                    to.Shutdown(SocketShutdown.Both);
                    return;
                }
                if (toStore && !holding && _holdMarker is { } marker && buffer.AsSpan(0, read).IndexOf(marker) >= 0)
                {
                    holding = true;
                    Interlocked.Increment(ref _held);
                }
                if (holding)
                {
                    await _released.Task.WaitAsync(_stop.Token);
                }
                if (!toStore)
                {
                    storeAnswered.TrySetResult();
                }
                if (read == 0)
                {
                    if (holding)
                    {
                        await storeAnswered.Task.WaitAsync(TimeSpan.FromSeconds(15), _stop.Token);
                    }
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception)
        {
            // The other side went away: nothing more to pass on this way.
        }
    }

    public ValueTask DisposeAsync()
    {
        _open.TrySetResult();
        _released.TrySetResult();
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
