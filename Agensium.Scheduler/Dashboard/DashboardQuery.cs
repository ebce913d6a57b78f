using static Agensium.Scheduler.Dashboard.Html;

namespace Agensium.Scheduler.Dashboard;

/// <summary>
/// The query parameters a dashboard page reads. One it does not read was ignored: /dashboard/history?since=x showed the
/// unfiltered history with 200, as if the filter had been applied, while the API refuses an unknown parameter
/// (UNKNOWN_PARAMETER). A page now says so on a 400 page, as it does for a bad filter.
/// </summary>
public static class DashboardQuery
{
    /// <summary>What every page reads: the outcome of an action it was sent back to (DashboardLayout).</summary>
    private static readonly string[] EveryPage = ["notice", "error"];

    /// <summary>The problem to show, or null when every parameter is one the page reads (in any letter case, as the pages read them).</summary>
    public static string? Unknown(IQueryCollection query, params string[] known)
    {
        var unknown = query.Keys.Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase) && !EveryPage.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count == 0)
        {
            return null;
        }
        var reads = known.Length == 0 ? "none" : string.Join(", ", known);
        return $"Unknown parameter{(unknown.Count == 1 ? "" : "s")}: {Agensium.Analysis.UnknownNames.Describe(unknown)} (this page reads {reads}).";
    }

    /// <summary>The 400 page for a page asked with parameters it does not read, with a link to it without them.</summary>
    public static IResult Refuse(HttpContext http, string active, string title, string problem)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        var path = http.Request.Path.Value ?? DashboardRoutes.Root;
        return DashboardLayout.Page(http, active, title,
            $"<p class=\"notice error\" role=\"alert\">{E(problem)} <a href=\"{E(path)}\">{E(title)}</a></p>");
    }
}
