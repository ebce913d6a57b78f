using System.Net;
using System.Net.Sockets;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>A TCP proxy to the stack's S3 that can stop passing bytes on (a frozen store) and pass them on again.</summary>
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
            await Task.WhenAll(PumpAsync(client.Client, server.Client, toStore: true), PumpAsync(server.Client, client.Client, toStore: false));
        }
        catch (Exception)
        {
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool toStore)
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
                if (toStore && !holding && _holdMarker is { } marker && buffer.AsSpan(0, read).IndexOf(marker) >= 0)
                {
                    holding = true;
                    Interlocked.Increment(ref _held);
                }
                if (holding)
                {
                    await _released.Task.WaitAsync(_stop.Token);
                }
                if (read == 0)
                {
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
