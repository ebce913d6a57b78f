namespace Agensium.Scheduler.Logging;

/// <summary>The node's name in logs: the Quartz instance id once the scheduler has one, the host name before.</summary>
public sealed class NodeIdentity
{
    private volatile string _id = Environment.MachineName;

    public string Id => _id;

    public void Set(string id) => _id = id;
}
