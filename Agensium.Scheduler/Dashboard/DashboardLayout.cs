using static Agensium.Scheduler.Dashboard.Html;

namespace Agensium.Scheduler.Dashboard;

/// <summary>The frame of every dashboard page: navigation, who is logged in, the live-update script and a notice line.</summary>
public static class DashboardLayout
{
    private static readonly (string Key, string Title, string Href)[] Nav =
    [
        ("overview", "Overview", "/dashboard"),
        ("tasks", "Tasks", "/dashboard/tasks"),
        ("history", "History", "/dashboard/history"),
        ("audit", "Audit log", "/dashboard/audit"),
    ];

    public static IResult Page(HttpContext http, string active, string title, string body)
    {
        var actor = http.Items[Api.ApiKeyMiddleware.ActorItem] as string ?? "";
        var notice = http.Request.Query["notice"].ToString();
        var error = http.Request.Query["error"].ToString();
        var nav = string.Concat(Nav.Select(n =>
            $"<a href=\"{n.Href}\"{(n.Key == active ? " class=\"active\" aria-current=\"page\"" : "")}>{E(n.Title)}</a>"));
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E(title)}} · Agensium Scheduler</title>
            <link rel="stylesheet" href="/dashboard/assets/dashboard.css">
            <script src="/dashboard/assets/dashboard.js" defer></script>
            </head>
            <body data-page="{{E(active)}}">
            <header>
              <a class="brand" href="/dashboard">Agensium Scheduler</a>
              <nav>{{nav}}</nav>
              <form class="find" method="get" action="/dashboard/find"><input name="task" placeholder="task id" aria-label="Find task by id" required maxlength="64"></form>
              <span class="who">{{E(actor)}}</span>
              <form method="post" action="/dashboard/logout" class="inline"><button type="submit" class="link">Log out</button></form>
              <span id="live" class="live" title="live updates">●</span>
            </header>
            <main>
            {{(notice.Length > 0 ? $"<p class=\"notice\" role=\"status\">{E(notice)}</p>" : "")}}
            {{(error.Length > 0 ? $"<p class=\"notice error\" role=\"alert\">{E(error)}</p>" : "")}}
            <h1>{{E(title)}}</h1>
            {{body}}
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>A section that the page script re-renders from the server when the cluster changes.</summary>
    public static string Live(string name, string title, string content) =>
        $"<section data-live=\"{E(name)}\" id=\"{E(name)}\"><h2>{E(title)}</h2>{content}</section>";
}
