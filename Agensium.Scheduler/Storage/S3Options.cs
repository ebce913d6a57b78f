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

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
