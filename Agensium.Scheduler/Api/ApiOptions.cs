using System.ComponentModel.DataAnnotations;

namespace Agensium.Scheduler.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Accepted values of the X-Api-Key header. Add keys with Api__Keys__0, Api__Keys__1, …</summary>
    [MinLength(1, ErrorMessage = "Api:Keys needs at least one key.")]
    public List<string> Keys { get; set; } = [];

    /// <summary>Largest accepted input file.</summary>
    [Range(1, long.MaxValue)] public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Most input files one task may hold.</summary>
    [Range(1, 100_000)] public int MaxFilesPerTask { get; set; } = 100;

    /// <summary>
    /// Task creations and process calls each API key may make per minute across the cluster (a token bucket in Redis,
    /// see <see cref="SubmitQuota"/>; per node only while Redis is unreachable); 0 disables the limit.
    /// </summary>
    [Range(0, 1_000_000)] public int SubmitPermitsPerMinute { get; set; } = 600;

    /// <summary>Largest accepted JSON request body.</summary>
    [Range(1, 10 * 1024 * 1024)] public int MaxJsonBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// GET …/report calls one node renders at once (each holds its stored report and an index of it, ~3× the report's
    /// size); further calls wait their turn. Bounds the node's memory however many clients ask at once.
    /// </summary>
    [Range(1, 64)] public int MaxConcurrentReports { get; set; } = 2;
}
