namespace Agensium.Analysis.Input;

/// <summary>
/// A local file a run writes: a converter's CSV, an input the scheduler downloads. Its own failures (no space left on the
/// device, its folder removed or refused, a read-only file system) are marked as they pass (<see cref="LocalWrite"/>),
/// so the caller tells them from a failure to read what it copies: the reading's may mean a damaged file
/// (INVALID_INPUT_FILE) or a broken connection (retried), the writing's are the local disk's, passed on as they are,
/// which are reported STORAGE_ERROR (<see cref="AnalysisErrorCodes.IsStorageFailure"/>). An XLSX converted onto a full
/// disk was reported as "not a readable XLSX workbook … damaged" (s44 review): the converter took every IOException for
/// the package's.
/// </summary>
public sealed class LocalWriteStream : Stream
{
    private readonly FileStream _file;

    private LocalWriteStream(FileStream file) => _file = file;

    /// <summary>Creates (or truncates) <paramref name="path"/> for writing; its failure is marked too.</summary>
    public static LocalWriteStream Create(string path) =>
        new(Marked(() => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read)));

    /// <summary>
    /// Creates <paramref name="path"/>, which must not exist, for asynchronous writing by this process alone (an upload's
    /// spool file); its failure is marked too.
    /// </summary>
    public static LocalWriteStream CreateNew(string path, int bufferSize) =>
        new(Marked(() => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize, useAsync: true)));

    /// <summary>True when <paramref name="exception"/> is a failure of a local write (<see cref="LocalWrite.IsItsFailure"/>).</summary>
    public static bool IsItsFailure(Exception exception) => LocalWrite.IsItsFailure(exception);

    public override bool CanRead => false;
    public override bool CanSeek => _file.CanSeek;
    public override bool CanWrite => true;
    public override long Length => _file.Length;

    public override long Position
    {
        get => _file.Position;
        set => Marked(() => _file.Position = value);
    }

    public override void Write(byte[] buffer, int offset, int count) => Marked(() => _file.Write(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            _file.Write(buffer);
        }
        catch (Exception e) when (LocalWrite.Mark(e))
        {
            throw;
        }
    }

    public override void WriteByte(byte value) => Marked(() => _file.WriteByte(value));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await _file.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (LocalWrite.Mark(e))
        {
            throw;
        }
    }

    public override void Flush() => Marked(_file.Flush);

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (LocalWrite.Mark(e))
        {
            throw;
        }
    }

    public override void SetLength(long value) => Marked(() => _file.SetLength(value));

    public override long Seek(long offset, SeekOrigin origin) => Marked(() => _file.Seek(offset, origin));

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Marked(_file.Dispose); // writes what the file still buffers: the last failure may come here
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await _file.DisposeAsync().ConfigureAwait(false); // as Dispose: the last buffered write may fail here
        }
        catch (Exception e) when (LocalWrite.Mark(e))
        {
            throw;
        }

        Dispose(); // the file is closed already; Stream's own part
    }

    private static void Marked(Action write) => Marked(() =>
    {
        write();
        return 0;
    });

    private static T Marked<T>(Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (LocalWrite.Mark(e))
        {
            throw; // not reached: Mark is false
        }
    }
}
