using System.Globalization;
using System.Text;
using static Agensium.Scheduler.Dashboard.Html;

namespace Agensium.Scheduler.Dashboard;

/// <summary>Small inline SVG charts, drawn on the server: no script library, nothing fetched from outside.</summary>
public static class Charts
{
    private const int Width = 720;
    private const int Height = 160;
    private const int Left = 36;
    private const int Bottom = 20;

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>One bar pair per minute of the last hour: completed (stacked under) failed.</summary>
    public static string Throughput(IReadOnlyList<MinuteCount> counts, DateTime nowUtc)
    {
        var end = Minute(nowUtc);
        var byMinute = counts.ToDictionary(c => Minute(c.Minute));
        var minutes = Enumerable.Range(0, 60).Select(i => end.AddMinutes(i - 59)).ToList();
        var max = Math.Max(1, minutes.Max(m => byMinute.TryGetValue(m, out var c) ? c.Completed + c.Failed : 0));
        var bars = new StringBuilder();
        var slot = (Width - Left) / 60.0;
        for (var i = 0; i < minutes.Count; i++)
        {
            byMinute.TryGetValue(minutes[i], out var c);
            var done = c?.Completed ?? 0;
            var failed = c?.Failed ?? 0;
            var x = Left + i * slot;
            var hDone = (Height - Bottom) * done / (double)max;
            var hFailed = (Height - Bottom) * failed / (double)max;
            var y = Height - Bottom - hDone;
            bars.Append($"<rect class=\"ok\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(slot - 1)}\" height=\"{F(hDone)}\"><title>{minutes[i]:HH:mm} completed {done}, failed {failed}</title></rect>");
            bars.Append($"<rect class=\"bad\" x=\"{F(x)}\" y=\"{F(y - hFailed)}\" width=\"{F(slot - 1)}\" height=\"{F(hFailed)}\"><title>{minutes[i]:HH:mm} failed {failed}</title></rect>");
        }
        var total = counts.Sum(c => c.Completed);
        var totalFailed = counts.Sum(c => c.Failed);
        return Svg("throughput-chart", $"Analyses finished per minute, last hour: {total} completed, {totalFailed} failed", max, bars.ToString(),
            minutes[0], end);
    }

    /// <summary>Queued analyses at each minute boundary of the last hour.</summary>
    public static string QueueDepth(IReadOnlyList<MinuteDepth> depth, DateTime nowUtc)
    {
        var end = Minute(nowUtc);
        var start = end.AddMinutes(-59);
        var byMinute = depth.ToDictionary(d => Minute(d.Minute), d => d.Depth);
        var max = Math.Max(1, byMinute.Values.DefaultIfEmpty(0).Max());
        var points = Enumerable.Range(0, 60).Select(i =>
        {
            var m = start.AddMinutes(i);
            var v = byMinute.TryGetValue(m, out var d) ? d : 0;
            return $"{F(Left + i * (Width - Left) / 59.0)},{F(Height - Bottom - (Height - Bottom) * v / (double)max)}";
        });
        var line = $"<polyline class=\"depth\" points=\"{string.Join(' ', points)}\"/>";
        return Svg("queue-depth-chart", $"Queue depth at each minute, last hour (now {byMinute.GetValueOrDefault(end)})", max, line, start, end);
    }

    /// <summary>Horizontal bars of p50 and p95 run time per tool.</summary>
    public static string Durations(IReadOnlyList<ToolDuration> tools)
    {
        if (tools.Count == 0)
        {
            return "<p class=\"muted\" id=\"duration-chart\">No completed analysis in the last 24 hours.</p>";
        }
        var max = Math.Max(1, tools.Max(t => t.P95Ms));
        var rowHeight = 34;
        var height = rowHeight * tools.Count + 10;
        var sb = new StringBuilder($"<figure id=\"duration-chart\"><figcaption>Run time per tool, completed analyses of the last 24 hours (p50 dark, p95 light)</figcaption>");
        sb.Append($"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"run time per tool\">");
        for (var i = 0; i < tools.Count; i++)
        {
            var t = tools[i];
            var y = 5 + i * rowHeight;
            // Bars start at 140 and leave 250 for the label after the longest one.
            var w95 = (Width - 390) * t.P95Ms / max;
            var w50 = (Width - 390) * t.P50Ms / max;
            sb.Append($"<text x=\"0\" y=\"{y + 18}\">{E(t.Tool)}</text>");
            sb.Append($"<rect class=\"p95\" x=\"140\" y=\"{y + 4}\" width=\"{F(Math.Max(1, w95))}\" height=\"20\"><title>p95 {Duration((long)t.P95Ms)}</title></rect>");
            sb.Append($"<rect class=\"p50\" x=\"140\" y=\"{y + 4}\" width=\"{F(Math.Max(1, w50))}\" height=\"20\"><title>p50 {Duration((long)t.P50Ms)}</title></rect>");
            sb.Append($"<text x=\"{F(150 + w95)}\" y=\"{y + 18}\">p50 {E(Duration((long)t.P50Ms))} · p95 {E(Duration((long)t.P95Ms))} · {t.Runs} run{(t.Runs == 1 ? "" : "s")}</text>");
        }
        return sb.Append("</svg></figure>").ToString();
    }

    private static string Svg(string id, string caption, long max, string content, DateTime from, DateTime to) =>
        $"<figure id=\"{id}\"><figcaption>{E(caption)}</figcaption>" +
        $"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(caption)}\">" +
        $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width}\" y2=\"{Height - Bottom}\"/>" +
        $"<text x=\"0\" y=\"12\">{max}</text><text x=\"0\" y=\"{Height - Bottom}\">0</text>" +
        $"<text x=\"{Left}\" y=\"{Height - 4}\">{from:HH:mm}</text><text x=\"{Width}\" y=\"{Height - 4}\" text-anchor=\"end\">{to:HH:mm} UTC</text>" +
        content + "</svg></figure>";

    private static DateTime Minute(DateTime t)
    {
        var u = t.ToUniversalTime();
        return new DateTime(u.Year, u.Month, u.Day, u.Hour, u.Minute, 0, DateTimeKind.Utc);
    }
}
