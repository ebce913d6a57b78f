using System.ComponentModel.DataAnnotations;

namespace Agensium.Scheduler.Messaging;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. 127.0.0.1:6379,password=...</summary>
    [Required] public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of channels and keys: {prefix}:task:{id}, {prefix}:user:{id}, {prefix}:task:{id}:last.</summary>
    [Required] public string Prefix { get; set; } = "agensium";

    /// <summary>How long the last state of a task stays readable (the seed's result_expires, 24 h).</summary>
    public TimeSpan LastStateTtl { get; set; } = TimeSpan.FromHours(24);
}
