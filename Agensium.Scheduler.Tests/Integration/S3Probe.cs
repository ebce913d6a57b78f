using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>Direct S3 access to check what the service did or did not store.</summary>
public static class S3Probe
{
    private static readonly Lazy<AmazonS3Client> Client = new(() => new AmazonS3Client(
        new BasicAWSCredentials("S3RVER", "S3RVER"),
        new AmazonS3Config
        {
            ServiceURL = StackSettings.S3Url,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        }));

    public static async Task<List<string>> ListAsync(string prefix, CancellationToken ct = default)
    {
        var response = await Client.Value.ListObjectsV2Async(new ListObjectsV2Request { BucketName = StackSettings.Bucket, Prefix = prefix }, ct);
        return (response.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    public static async Task<string> ReadAsync(string key, CancellationToken ct = default)
    {
        using var response = await Client.Value.GetObjectAsync(StackSettings.Bucket, key, ct);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync(ct);
    }

    public static Task PutAsync(string key, string content, CancellationToken ct = default) =>
        Client.Value.PutObjectAsync(new PutObjectRequest { BucketName = StackSettings.Bucket, Key = key, ContentBody = content }, ct);
}
