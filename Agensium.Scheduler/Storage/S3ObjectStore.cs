using System.Net;
using Agensium.Analysis.Input;
using Amazon.S3;
using Amazon.S3.Model;

namespace Agensium.Scheduler.Storage;

/// <summary>
/// S3 through the AWS SDK. A call that times out (the store is frozen or overloaded) is reported as
/// <see cref="ObjectStoreUnavailableException"/> naming S3, and pauses this node's S3 calls (<see cref="ObjectStoreCircuit"/>).
/// </summary>
public sealed class S3ObjectStore(IAmazonS3 s3, Microsoft.Extensions.Options.IOptions<S3Options> options, ObjectStoreCircuit circuit) : IObjectStore
{
    private string Bucket => options.Value.Bucket;

    public Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            // No aws-chunked streaming signature: several S3-compatible stores (s3rver among them) would keep the
            // chunk headers as part of the object. The file is seekable, so the SDK signs the whole payload instead.
            var request = new PutObjectRequest
            {
                BucketName = Bucket,
                Key = key,
                FilePath = localPath,
                ContentType = contentType,
                UseChunkEncoding = false,
            };
            await s3.PutObjectAsync(request, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<StoredObject>>(async () =>
        {
            var result = new List<StoredObject>();
            var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix };
            ListObjectsV2Response response;
            do
            {
                response = await s3.ListObjectsV2Async(request, cancellationToken);
                foreach (var o in response.S3Objects ?? [])
                {
                    result.Add(new StoredObject(o.Key, o.Size ?? 0, o.LastModified?.ToUniversalTime() ?? DateTime.MinValue));
                }
                request.ContinuationToken = response.NextContinuationToken;
            } while (response.IsTruncated == true);
            return result;
        }, cancellationToken);

    public Task DownloadToFileAsync(string key, string localPath, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            using var response = await s3.GetObjectAsync(Bucket, key, cancellationToken);
            // The file's creation and writes are marked as the node's own disk (LocalWrite), so that a folder that cannot
            // be written (read-only, refused, removed) is told from a broken read of S3's answer, which stays transient.
            await using var file = LocalWriteStream.Create(localPath);
            await response.ResponseStream.CopyToAsync(file, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<(Stream Content, long Length, string ContentType)?> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        CallAsync<(Stream, long, string)?>(async () =>
        {
            try
            {
                var response = await s3.GetObjectAsync(Bucket, key, cancellationToken);
                return (response.ResponseStream, response.ContentLength, response.Headers.ContentType ?? "application/octet-stream");
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        }, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            await s3.DeleteObjectAsync(Bucket, key, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<string> PresignGetAsync(string key, DateTime expiresUtc) =>
        s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expiresUtc,
            Protocol = options.Value.ServiceUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
        });

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var objects = await ListAsync(prefix, cancellationToken);
        // Single deletes: s3rver and several S3-compatible stores handle them more reliably than multi-object delete.
        foreach (var o in objects)
        {
            await DeleteAsync(o.Key, cancellationToken);
        }
        return objects.Count;
    }

    private async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        circuit.ThrowIfOpen();
        try
        {
            var result = await call();
            circuit.Answered();
            return result;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            // Not the caller's cancellation: the SDK's request timeout (a TimeoutException, or the HttpClient's cancel).
            circuit.TimedOut();
            throw new ObjectStoreUnavailableException(
                $"Object storage (S3) did not answer within {options.Value.Timeout.TotalSeconds:0} s.", e);
        }
        catch (AmazonS3Exception)
        {
            circuit.Answered(); // it answered, with an error: not a reason to stop calling it
            throw;
        }
    }
}
