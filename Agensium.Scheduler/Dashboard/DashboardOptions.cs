using System.ComponentModel.DataAnnotations;

namespace Agensium.Scheduler.Dashboard;

/// <summary>The operator dashboard at /dashboard and the node registry it reads.</summary>
public sealed class DashboardOptions : IValidatableObject
{
    public const string Section = "Dashboard";

    /// <summary>False removes /dashboard entirely (404), e.g. on API-only nodes facing the internet.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a dashboard login lasts before the key must be entered again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often each node writes its heartbeat (state, load, slots) to the nodes table.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A node whose last heartbeat is older than this, and that did not stop cleanly, is shown as dead.</summary>
    public TimeSpan NodeDeadAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often open pages are told to refresh their live sections when nothing else happened.</summary>
    public TimeSpan LiveRefreshInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Rows per history page.</summary>
    [Range(10, 500)] public int PageSize { get; set; } = 50;

    /// <summary>Stopped or dead nodes not seen for longer than this drop off the node list.</summary>
    public TimeSpan ForgetNodesAfter { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SessionLifetime < TimeSpan.FromMinutes(1) || SessionLifetime > TimeSpan.FromDays(30))
        {
            yield return new ValidationResult("Dashboard:SessionLifetime must be between 1 minute and 30 days.", [nameof(SessionLifetime)]);
        }
        if (HeartbeatInterval < TimeSpan.FromSeconds(1) || HeartbeatInterval > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("Dashboard:HeartbeatInterval must be between 1 s and 5 min.", [nameof(HeartbeatInterval)]);
        }
        if (NodeDeadAfter < HeartbeatInterval * 2)
        {
            yield return new ValidationResult("Dashboard:NodeDeadAfter must be at least twice the heartbeat interval.", [nameof(NodeDeadAfter)]);
        }
        if (LiveRefreshInterval < TimeSpan.FromSeconds(1) || LiveRefreshInterval > TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult("Dashboard:LiveRefreshInterval must be between 1 s and 1 min.", [nameof(LiveRefreshInterval)]);
        }
    }
}
