using System.Globalization;
using System.Text;

namespace Agensium.Chaos;

/// <summary>Figures of one scenario (all its runs in a soak).</summary>
public sealed class ScenarioFigures(string name)
{
    public string Name { get; } = name;
    public int Runs { get; set; }
    public List<string> Injected { get; } = [];
    public int Jobs { get; set; }
    public int Completed { get; set; }
    public Dictionary<string, int> Failed { get; } = [];
    public int Lost { get; set; }
    public int Duplicated { get; set; }
    public List<double> RecoverySeconds { get; } = [];
    public List<string> Notes { get; } = [];

    public string WorstRecovery => RecoverySeconds.Count == 0 ? "–" : RecoverySeconds.Max().ToString("0.0", CultureInfo.InvariantCulture) + " s";
    public string FailedText => Failed.Count == 0 ? "0" : $"{Failed.Values.Sum()} ({string.Join(", ", Failed.Select(f => $"{f.Key} {f.Value}"))})";
}

public sealed class ChaosReport
{
    public List<ScenarioFigures> Scenarios { get; } = [];
    public List<string> Violations { get; } = [];
    public int Accepted { get; set; }
    public int Refused { get; set; }
    public int GaveUp { get; set; }
    public TimeSpan Duration { get; set; }
    public string Mode { get; set; } = "";
    public string LoadBefore { get; set; } = "";
    public string LoadAfter { get; set; } = "";
    public string ClockSkewMethod { get; set; } = "";
    public int OrphanWorkers { get; set; }
    public int OrphanOutputs { get; set; }
    public int OpenAttempts { get; set; }
    public int DoubleRunsInLogs { get; set; }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"chaos run: {Mode}, {Duration.TotalMinutes:0.0} min, {Accepted} tasks accepted ({Refused} submissions refused, {GaveUp} given up during outages); {Environment.ProcessorCount} cores, load average {LoadBefore} at the start, {LoadAfter} at the end");
        sb.AppendLine();
        sb.AppendLine("| scenario | injected | jobs run | completed | failed | lost | duplicated | recovery (worst) |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var s in Scenarios)
        {
            sb.AppendLine(inv, $"| {s.Name} | {string.Join("; ", s.Injected.Distinct().Take(4))}{(s.Runs > 1 ? $" (×{s.Runs})" : "")} | {s.Jobs} | {s.Completed} | {s.FailedText} | {s.Lost} | {s.Duplicated} | {s.WorstRecovery} |");
        }
        var all = Scenarios.SelectMany(s => s.RecoverySeconds).ToList();
        sb.AppendLine(inv, $"| **all** | | {Scenarios.Sum(s => s.Jobs)} | {Scenarios.Sum(s => s.Completed)} | {Scenarios.Sum(s => s.Failed.Values.Sum())} | {Scenarios.Sum(s => s.Lost)} | {Scenarios.Sum(s => s.Duplicated)} | {(all.Count == 0 ? "–" : all.Max().ToString("0.0", inv) + " s")} |");
        sb.AppendLine();
        sb.AppendLine(inv, $"end of run: {OpenAttempts} job_history attempts without an end, {OrphanWorkers} orphan worker processes, {OrphanOutputs} S3 outputs of tasks not COMPLETED, {DoubleRunsInLogs} tasks whose job ended COMPLETED twice in the node logs");
        sb.AppendLine(inv, $"clock skew: {ClockSkewMethod}");
        foreach (var s in Scenarios.Where(s => s.Notes.Count > 0))
        {
            foreach (var n in s.Notes.Distinct())
            {
                sb.AppendLine(inv, $"- {s.Name}: {n}");
            }
        }
        sb.AppendLine(inv, $"violations: {Violations.Count}");
        foreach (var v in Violations.Take(50))
        {
            sb.AppendLine(inv, $"  ✗ {v}");
        }
        return sb.ToString();
    }
}
