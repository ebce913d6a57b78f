namespace Agensium.Scheduler.Storage;

/// <summary>The object storage the scheduler needs: S3 in production and tests (s3rver).</summary>
public interface IObjectStore
{
    Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken);
    Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken);
    Task DownloadToFileAsync(string key, string localPath, CancellationToken cancellationToken);

    /// <summary>Opens an object for reading, or returns null when it does not exist.</summary>
    Task<(Stream Content, long Length, string ContentType)?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>A URL that lets its holder GET the object directly from the store until <paramref name="expiresUtc"/> (signed locally, no call).</summary>
    Task<string> PresignGetAsync(string key, DateTime expiresUtc);

    /// <summary>Deletes every object under a prefix; returns how many were deleted.</summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken);
}
