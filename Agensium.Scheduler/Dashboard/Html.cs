using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Agensium.Scheduler.Dashboard;

/// <summary>Encoding and formatting helpers for the server-rendered pages; every value from the database goes through E().</summary>
public static class Html
{
    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static string E(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Url(string? value) => UrlEncoder.Default.Encode(value ?? "");

    public static string Time(DateTime? utc) => utc is { } t
        ? $"<time datetime=\"{t.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}\">{t.ToUniversalTime():yyyy-MM-dd HH:mm:ss}</time>"
        : "";

    public static string Ago(DateTime? utc, DateTime now)
    {
        if (utc is not { } t)
        {
            return "";
        }
        var span = now - t.ToUniversalTime();
        var text = span.TotalSeconds < 1 ? "just now"
            : span.TotalSeconds < 90 ? $"{(int)span.TotalSeconds} s ago"
            : span.TotalMinutes < 90 ? $"{(int)span.TotalMinutes} min ago"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours} h ago"
            : $"{(int)span.TotalDays} d ago";
        return $"<time datetime=\"{t.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}\" title=\"{t.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC\">{text}</time>";
    }

    public static string Duration(long? ms) => ms switch
    {
        null => "",
        < 1000 => $"{ms} ms",
        < 120_000 => (ms.Value / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s",
        _ => (ms.Value / 60000.0).ToString("0.0", CultureInfo.InvariantCulture) + " min",
    };

    public static string Status(string status) => $"<span class=\"status s-{E(status.ToLowerInvariant())}\">{E(status)}</span>";

    public static string Progress(string taskId, int progress, string? agent) =>
        $"<div class=\"progress\"><progress data-task=\"{E(taskId)}\" max=\"100\" value=\"{progress}\">{progress}%</progress>" +
        $"<span class=\"pct\" data-task-pct=\"{E(taskId)}\">{progress}%</span>" +
        $"<span class=\"agent\" data-task-agent=\"{E(taskId)}\">{E(agent)}</span></div>";

    public static string TaskLink(string? taskId) => taskId is null ? "" :
        $"<a class=\"mono\" href=\"/dashboard/tasks/{Url(taskId)}\">{E(taskId.Length > 8 ? taskId[..8] + "…" : taskId)}</a>";

    /// <summary>A POST button for an operator action; plain HTML forms, so it works without script too.</summary>
    public static string Action(string url, string label, string returnTo, string? confirm = null, string css = "") =>
        $"<form method=\"post\" action=\"{E(url)}\" class=\"inline\"{(confirm is null ? "" : $" data-confirm=\"{E(confirm)}\"")}>" +
        $"<input type=\"hidden\" name=\"return\" value=\"{E(returnTo)}\"><button type=\"submit\" class=\"{css}\">{E(label)}</button></form>";

    public static string Table(string id, IEnumerable<string> headers, IEnumerable<string> rows, string empty)
    {
        var body = string.Concat(rows);
        var sb = new StringBuilder($"<table id=\"{id}\"><thead><tr>");
        foreach (var h in headers)
        {
            sb.Append("<th>").Append(E(h)).Append("</th>");
        }
        sb.Append("</tr></thead><tbody>");
        sb.Append(body.Length == 0 ? $"<tr class=\"empty\"><td colspan=\"{headers.Count()}\">{E(empty)}</td></tr>" : body);
        return sb.Append("</tbody></table>").ToString();
    }

    public static string Row(params string[] cells) => "<tr>" + string.Concat(cells.Select(c => "<td>" + c + "</td>")) + "</tr>";

    public static string Option(string value, string? selected, string? label = null) =>
        $"<option value=\"{E(value)}\"{(value == selected ? " selected" : "")}>{E(label ?? (value.Length == 0 ? "any" : value))}</option>";
}
