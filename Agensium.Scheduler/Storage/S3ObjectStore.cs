using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Agensium.Scheduler.Storage;

public sealed class S3ObjectStore(IAmazonS3 s3, Microsoft.Extensions.Options.IOptions<S3Options> options) : IObjectStore
{
    private string Bucket => options.Value.Bucket;

    public async Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken)
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
    }

    public async Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken)
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
    }

    public async Task DownloadToFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(Bucket, key, cancellationToken);
        await using var file = File.Create(localPath);
        await response.ResponseStream.CopyToAsync(file, cancellationToken);
    }

    public async Task<(Stream Content, long Length, string ContentType)?> OpenReadAsync(string key, CancellationToken cancellationToken)
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
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await s3.DeleteObjectAsync(Bucket, key, cancellationToken);

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var objects = await ListAsync(prefix, cancellationToken);
        // Single deletes: s3rver and several S3-compatible stores handle them more reliably than multi-object delete.
        foreach (var o in objects)
        {
            await s3.DeleteObjectAsync(Bucket, o.Key, cancellationToken);
        }
        return objects.Count;
    }
}
