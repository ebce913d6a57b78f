namespace Agensium.Scheduler.Messaging;

/// <summary>Names of the Redis channels and keys, from one prefix.</summary>
public sealed class RedisChannels(string prefix)
{
    public string Task(string taskId) => $"{prefix}:task:{taskId}";
    public string User(long userId) => $"{prefix}:user:{userId}";

    /// <summary>Pattern matching every user's channel: each task event once, for cluster-wide listeners (the dashboard).</summary>
    public string AllUsersPattern => $"{prefix}:user:*";
    public string LastState(string taskId) => $"{prefix}:task:{taskId}:last";
}
