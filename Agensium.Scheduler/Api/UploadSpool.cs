using Agensium.Analysis.Input;
using Agensium.Scheduler.Logging;

namespace Agensium.Scheduler.Api;

/// <summary>
/// The local file an upload's body is spooled to, in this node's work folder (<see cref="Jobs.NodeWorkFolder.NewSpool"/>),
/// so that a cut-off upload never reaches S3. Its writes are the node's own disk's: their failures (no space left, a
/// read-only file system, permission refused, the folder removed) are marked as local writes (<see cref="LocalWrite"/>),
/// which <see cref="ErrorHandlingMiddleware"/> answers 507, not 503 DEPENDENCY_UNAVAILABLE, the plain IOException of
/// EROFS read as a broken connection (s45 review). Reading the body is not marked: a client that breaks off is no disk's fault.
/// Disposing removes the file when it was created; a removal that fails is logged and left to the work folder's sweep,
/// never put in the place of the request's own outcome.
/// </summary>
internal sealed class UploadSpool(string path, ILogger logger) : IDisposable
{
    private const int BufferSize = 81920;

    private bool _created;

    /// <summary>The spool file's path.</summary>
    public string Path { get; } = path;

    /// <summary>Writes <paramref name="body"/> to the file, at most <paramref name="limit"/> bytes: its size, or -1 when the body holds more.</summary>
    public async Task<long> FillAsync(Stream body, long limit, CancellationToken ct)
    {
        var file = LocalWriteStream.CreateNew(Path, BufferSize);
        _created = true;
        await using (file)
        {
            var buffer = new byte[BufferSize];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return -1;
                }
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            return total;
        }
    }

    public void Dispose()
    {
        if (!_created)
        {
            return; // not even created (a read-only folder refuses the name): nothing to remove, and a delete would fail too
        }
        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.SpoolNotRemoved(Path, e.Message);
        }
    }
}
