using System.ComponentModel.DataAnnotations;

namespace Agensium.Scheduler.Messaging;

public sealed class RedisOptions : IValidatableObject
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. 127.0.0.1:6379,password=...</summary>
    [Required] public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of channels and keys: {prefix}:task:{id}, {prefix}:user:{id}, {prefix}:task:{id}:last.</summary>
    [Required] public string Prefix { get; set; } = "agensium";

    /// <summary>
    /// How long the last state of a task stays readable (the seed's result_expires, 24 h). At least a second: Redis
    /// refuses an expiry of zero or less ("invalid expire time"), so 00:00:00, which a Celery user writes for
    /// result_expires 0 (never expire), was accepted at start and then failed every event the node published.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan LastStateTtl { get; set; } = TimeSpan.FromHours(24);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // StackExchange.Redis refused such a value only when the node first connected, and the node died with its trace.
        string? problem = null;
        try
        {
            if (StackExchange.Redis.ConfigurationOptions.Parse(Configuration).EndPoints.Count == 0)
            {
                problem = "names no Redis server";
            }
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult(
                $"Redis:Configuration '{Configuration}' {problem}: give host:port (e.g. 127.0.0.1:6379), with options after commas (…,password=…).",
                [nameof(Configuration)]);
        }
    }
}
