using Agensium.Scheduler.Operations;
using static Agensium.Scheduler.Dashboard.Html;

namespace Agensium.Scheduler.Dashboard;

/// <summary>/dashboard/audit: every operator action, newest first.</summary>
public static class AuditPage
{
    private const int PageSize = 100;

    public static async Task<IResult> RenderAsync(HttpContext http, AuditLog audit, CancellationToken ct)
    {
        long? before = long.TryParse(http.Request.Query["before"], out var b) && b > 0 ? b : null;
        var rows = await audit.ReadAsync(before, PageSize + 1, ct);
        var page = rows.Take(PageSize).ToList();
        var table = Table("audit-table", ["When", "Who", "Action", "Target", "Outcome", "Detail", "Node", "From"],
            page.Select(a => $"<tr data-audit-action=\"{E(a.Action)}\">" + string.Concat(new[]
            {
                Time(a.At), E(a.Actor), E(a.Action), a.Action is "cancel" or "retry" ? TaskLink(a.Target) : E(a.Target),
                Status(a.Outcome), E(a.Detail), $"<span class=\"mono\">{E(a.Node)}</span>", E(a.RemoteIp),
            }.Select(c => $"<td>{c}</td>")) + "</tr>"),
            "No operator action yet.");
        var pager = rows.Count > page.Count ? $"<p class=\"pager\"><a href=\"/dashboard/audit?before={page[^1].Id}\">Older »</a></p>" : "";
        var body = before is null ? DashboardLayout.Live("audit", "Operator actions", table + pager)
            : $"<section id=\"audit\"><h2>Older operator actions</h2>{table}{pager}</section>";
        return DashboardLayout.Page(http, "audit", "Audit log", body);
    }
}
