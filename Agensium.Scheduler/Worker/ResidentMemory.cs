using Microsoft.Win32.SafeHandles;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// The resident memory of one process on Linux, read from its <c>/proc/PID/statm</c> through a handle opened once and
/// read again from its start each time: one <c>pread</c> per reading instead of the open, stat, lock, two reads and close
/// of <c>File.ReadAllText</c>, asked after every run of a worker (docs/benchmarks.md). The handle names the process, not
/// its id: once the process is gone a read fails (0 is returned) instead of reading a newer process given the same id.
/// </summary>
public sealed class ResidentMemory(int processId) : IDisposable
{
    private readonly Lock _gate = new();
    private SafeFileHandle? _statm;
    private bool _disposed;

    /// <summary>Resident bytes now; 0 when the process is gone or its record cannot be read.</summary>
    public long Bytes()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return 0;
            }
            try
            {
                _statm ??= File.OpenHandle($"/proc/{processId}/statm");
                // "size resident shared text lib data dt", in pages: a few dozen bytes.
                Span<byte> line = stackalloc byte[128];
                var read = RandomAccess.Read(_statm, line, 0);
                return Parse(line[..read]) * Environment.SystemPageSize;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return 0;
            }
        }
    }

    /// <summary>The second field (resident pages) of a statm line; 0 when there is none.</summary>
    public static long Parse(ReadOnlySpan<byte> statm)
    {
        var space = statm.IndexOf((byte)' ');
        if (space < 0)
        {
            return 0;
        }
        var rest = statm[(space + 1)..];
        var end = rest.IndexOfAny((byte)' ', (byte)'\n');
        return System.Buffers.Text.Utf8Parser.TryParse(end < 0 ? rest : rest[..end], out long pages, out _) ? pages : 0;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _statm?.Dispose();
        }
    }
}
