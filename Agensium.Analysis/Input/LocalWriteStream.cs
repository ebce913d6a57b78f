namespace Agensium.Analysis.Input;

/// <summary>
/// The local file a converter writes its CSV to. Its own failures (no space left on the device, its folder removed or
/// refused) are marked as they pass, so the converter tells them from a failure to read its input: the reading's may mean
/// a damaged file (INVALID_INPUT_FILE), the writing's are the local disk's, passed on as they are, which the tools report
/// STORAGE_ERROR (<see cref="AnalysisErrorCodes.IsStorageFailure"/>). An XLSX converted onto a full disk was reported as
/// "not a readable XLSX workbook … damaged" (s44 review): the converter took every IOException for the package's.
/// </summary>
internal sealed class LocalWriteStream : Stream
{
    private const string Marker = "Agensium.LocalWrite";

    private readonly FileStream _file;

    private LocalWriteStream(FileStream file) => _file = file;

    /// <summary>Creates (or truncates) <paramref name="path"/> for writing.</summary>
    public static LocalWriteStream Create(string path) =>
        new(Marked(() => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read)));

    /// <summary>True when <paramref name="exception"/> is a failure of a <see cref="LocalWriteStream"/>'s file.</summary>
    public static bool IsItsFailure(Exception exception) => exception.Data.Contains(Marker);

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
        catch (Exception e) when (Mark(e))
        {
            throw;
        }
    }

    public override void WriteByte(byte value) => Marked(() => _file.WriteByte(value));

    public override void Flush() => Marked(_file.Flush);

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
        catch (Exception e) when (Mark(e))
        {
            throw; // not reached: Mark is false
        }
    }

    // Marks a failure of the file system as this stream's and lets it pass unchanged (its own type, message and trace).
    private static bool Mark(Exception e)
    {
        if (e is IOException or UnauthorizedAccessException)
        {
            e.Data[Marker] = true;
        }
        return false;
    }
}
