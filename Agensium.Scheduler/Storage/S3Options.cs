using System.ComponentModel.DataAnnotations;

namespace Agensium.Scheduler.Storage;

public sealed class S3Options
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
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a request timed out, how long this node fails S3 calls at once instead of waiting again (see <see cref="ObjectStoreCircuit"/>).</summary>
    public TimeSpan PauseAfterTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
