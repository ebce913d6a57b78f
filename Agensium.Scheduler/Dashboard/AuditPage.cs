using System.Globalization;
using Agensium.Scheduler.Operations;
using static Agensium.Scheduler.Dashboard.Html;

namespace Agensium.Scheduler.Dashboard;

/// <summary>/dashboard/audit: every operator action, newest first.</summary>
public static class AuditPage
{
    private const int PageSize = 100;

    public static async Task<IResult> RenderAsync(HttpContext http, AuditLog audit, CancellationToken ct)
    {
        if (DashboardQuery.Unknown(http.Request.Query, "before") is { } problem)
        {
            return DashboardQuery.Refuse(http, "audit", "Audit log", problem);
        }
        // A bad cursor is a 400 page that says so, as the history page's is; it was ignored (the newest page shown as if asked for).
        var cursorError = ParseBefore(http.Request.Query["before"].ToString(), out var before);
        var rows = cursorError is null ? await audit.ReadAsync(before, PageSize + 1, ct) : [];
        var page = rows.Take(PageSize).ToList();
        var table = Table("audit-table", ["When", "Who", "Action", "Target", "Outcome", "Detail", "Node", "From"],
            page.Select(a => $"<tr data-audit-action=\"{E(a.Action)}\">" + string.Concat(new[]
            {
                Time(a.At), E(a.Actor), E(a.Action), a.Action is "cancel" or "retry" ? TaskLink(a.Target) : E(a.Target),
                Status(a.Outcome), E(a.Detail), $"<span class=\"mono\">{E(a.Node)}</span>", E(a.RemoteIp),
            }.Select(c => $"<td>{c}</td>")) + "</tr>"),
            cursorError is null ? "No operator action yet." : "Fix the page cursor, or start from the newest.");
        var pager = rows.Count > page.Count ? $"<p class=\"pager\"><a href=\"/dashboard/audit?before={page[^1].Id}\">Older »</a></p>" : "";
        if (cursorError is not null)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            var notice = $"<p class=\"notice error\" role=\"alert\">{E(cursorError)} <a href=\"/dashboard/audit\">Newest actions</a></p>";
            return DashboardLayout.Page(http, "audit", "Audit log", notice + $"<section id=\"audit\"><h2>Operator actions</h2>{table}</section>");
        }
        var body = before is null ? DashboardLayout.Live("audit", "Operator actions", table + pager)
            : $"<section id=\"audit\"><h2>Older operator actions</h2>{table}{pager}</section>";
        return DashboardLayout.Page(http, "audit", "Audit log", body);
    }

    /// <summary>
    /// The "before" cursor (an audit row id, what the Older link carries): null when missing or blank; otherwise a
    /// positive whole number, or the problem to show.
    /// </summary>
    public static string? ParseBefore(string? raw, out long? before)
    {
        before = null;
        var v = raw?.Trim() ?? "";
        if (v.Length == 0)
        {
            return null;
        }
        if (long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            before = id;
            return null;
        }
        return "The page cursor is not valid (before must be the id of an audit entry, a positive whole number).";
    }
}
