using System.Globalization;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// "AUTO" becomes host-pid-start time: unique for every process, also for several nodes on one host
/// (Quartz 4.7's own generator yields only the host name, which two local nodes would share).
/// </summary>
public static class NodeInstanceId
{
    public static string Resolve(string configured) =>
        string.Equals(configured, "AUTO", StringComparison.OrdinalIgnoreCase)
            ? string.Create(CultureInfo.InvariantCulture,
                $"{Environment.MachineName}-{Environment.ProcessId}-{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds():x}")
            : configured;
}
