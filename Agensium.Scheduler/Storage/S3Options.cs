using System.ComponentModel.DataAnnotations;

namespace Agensium.Scheduler.Storage;

public sealed class S3Options : IValidatableObject
{
    public const string Section = "S3";

    /// <summary>Endpoint of an S3-compatible service (s3rver, MinIO, B2); empty means AWS itself.</summary>
    public string ServiceUrl { get; set; } = "";

    [Required] public string Bucket { get; set; } = "agensium-files";
    [Required] public string Region { get; set; } = "us-east-1";
    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";

    /// <summary>Path-style addressing; needed by s3rver and most self-hosted stores.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>How long one S3 request may take (a 200 MB upload included); the SDK tries a request up to 3 times.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a request timed out, how long this node fails S3 calls at once instead of waiting again (see <see cref="ObjectStoreCircuit"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan PauseAfterTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest sleep of a node's removal loop between two passes over s3_removals (it wakes earlier when a row falls due
    /// or this node records one): how soon rows other nodes recorded are seen.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")]
    public TimeSpan RemovalPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Shortest lease on a taken s3_removals row (never less than a removal's own longest time, 6 × <see cref="Timeout"/>):
    /// how long a row of a node that died mid-removal waits before another node takes it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RemovalMinimumLease { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The SDK refused such a value only when the first S3 client was built, and the node died with its trace.
        if (!string.IsNullOrEmpty(ServiceUrl)
            && !(Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0))
        {
            yield return new ValidationResult(
                $"S3:ServiceUrl '{ServiceUrl}' is not an http(s) URL of an S3-compatible store (e.g. http://127.0.0.1:9000); leave it empty for AWS itself.",
                [nameof(ServiceUrl)]);
        }
    }
}
