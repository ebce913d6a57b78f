using static Agensium.Scheduler.Dashboard.Html;

namespace Agensium.Scheduler.Dashboard;

/// <summary>/dashboard: the nodes of the cluster, the queues, and the charts.</summary>
public static class OverviewPage
{
    public static async Task<IResult> RenderAsync(HttpContext http, DashboardQueries queries, TimeProvider time, CancellationToken ct)
    {
        if (DashboardQuery.Unknown(http.Request.Query) is { } problem)
        {
            return DashboardQuery.Refuse(http, "overview", "Cluster overview", problem);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var nodes = await queries.NodesAsync(ct);
        var queues = await queries.QueuesAsync(ct);
        var throughput = await queries.ThroughputAsync(ct);
        var depth = await queries.QueueDepthAsync(ct);
        var durations = await queries.DurationsAsync(ct);
        var body = DashboardLayout.Live("nodes", $"Nodes ({nodes.Count(n => n.State == "alive")} alive)", NodesTable(nodes, now))
            + DashboardLayout.Live("queues", "Queues", QueuesTable(queues, "/dashboard"))
            + DashboardLayout.Live("charts", "Activity",
                Charts.Throughput(throughput, now) + Charts.QueueDepth(depth, now) + Charts.Durations(durations));
        return DashboardLayout.Page(http, "overview", "Cluster overview", body);
    }

    /// <summary>
    /// The nodes; their completed and failed counts are of analyses only (process-analysis), as the throughput chart
    /// beside them counts, not health-check, cleanup or debug runs.
    /// </summary>
    public static string NodesTable(IReadOnlyList<NodeRow> nodes, DateTime now) => Table("nodes-table",
        ["Node", "State", "Last heartbeat", "Slots busy", "Analyses completed (24 h)", "Analyses failed (24 h)", "Load", "Memory", "Up since", "Version"],
        nodes.Select(n => $"<tr class=\"node-{E(n.State)}\" data-node=\"{E(n.Instance)}\">" +
            $"<td><span class=\"mono\">{E(n.Instance)}</span><br><small>{E(n.Host)} pid {n.Pid}{(n.RunJobs ? "" : " · API only")}</small></td>" +
            $"<td>{Status(n.State.ToUpperInvariant())}{Recovered(n, now)}</td>" +
            $"<td>{Ago(n.LastSeen, now)}</td>" +
            $"<td>{(n.State == "alive" ? $"{n.Busy} / {n.Slots}" : "–")}</td>" +
            $"<td>{n.Processed}</td><td>{n.Failed}</td>" +
            $"<td>{(n.Load1 is { } l ? l.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "")}</td>" +
            $"<td>{(n.WorkingSetMb is { } mb ? $"{mb} MB" : "")}</td>" +
            $"<td>{Time(n.StartedAt)}</td><td>{E(n.Version)}</td></tr>"),
        "No node has reported yet.");

    /// <summary>
    /// What other nodes took over from a dead (or killed) node: its analysis attempts recorded LOST (24 h) and run
    /// again. A lost health-check or cleanup run is not run again elsewhere (its next fire is), so it is not counted,
    /// and the link lists the same analysis attempts.
    /// </summary>
    public static string Recovered(NodeRow n, DateTime now) => n.Lost == 0 ? "" :
        $"<br><a href=\"/dashboard/history?node={Url(n.Instance)}&amp;job={Url(Jobs.ProcessAnalysisJob.Key.Name)}&amp;status=LOST" +
        $"&amp;from={Url(now.AddHours(-24).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture))}\">" +
        $"{n.Lost} analysis attempt{(n.Lost == 1 ? "" : "s")} recovered elsewhere (24 h)</a>";

    /// <summary>
    /// Per queue, Quartz's view of the analyses: attempts waiting to start (a retry waiting for its time included), held
    /// by the paused queue, and running now. These count attempts (triggers), not task rows: a task being queued or an
    /// attempt being claimed is briefly in neither.
    /// </summary>
    public static string QueuesTable(IReadOnlyList<QueueRow> queues, string returnTo) => Table("queues-table",
        ["Queue", "Attempts waiting", "Held (queue paused)", "Running", "State", ""],
        queues.Select(q => $"<tr data-queue=\"{E(q.Queue)}\"><td>{E(q.Queue)}</td><td>{q.Waiting}</td><td>{q.Paused}</td><td>{q.Running}</td>" +
            $"<td>{(q.IsPaused ? Status("PAUSED") : Status("ACTIVE"))}</td><td>" +
            (q.IsPaused
                ? Action($"/dashboard/actions/queues/{Url(q.Queue)}/resume", "Resume", returnTo)
                : Action($"/dashboard/actions/queues/{Url(q.Queue)}/pause", "Pause", returnTo,
                    $"Pause queue {q.Queue}? Waiting tasks will not start until it is resumed.")) +
            "</td></tr>"),
        "No queue.");
}
