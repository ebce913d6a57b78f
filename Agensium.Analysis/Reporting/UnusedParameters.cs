using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Reporting;

/// <summary>
/// Reports the parameters.json keys an agent never asked for (a misspelt name such as "fuzzy_treshold", or one that
/// does not apply to the agent) as a medium alert each, with the closest name it does read, and lists them in its
/// data as <c>ignored_parameters</c>. The run itself goes on: the agent used its defaults for what it did not find.
/// </summary>
public static class UnusedParameters
{
    /// <summary>Adds the alerts and the list to <paramref name="report"/> when some supplied keys went unused.</summary>
    public static void Annotate(AgentReport report, AgentParameters parameters)
    {
        var unused = parameters.UnusedKeys;
        if (unused.Count == 0)
        {
            return;
        }

        var known = parameters.AskedNames.Order(StringComparer.Ordinal).ToList();
        string key = report.AgentId.Replace('-', '_');
        for (int i = 0; i < unused.Count; i++)
        {
            string name = unused[i];
            string? closest = Closest(name, known);
            string hint = closest is null ? "" : $" Did you mean '{closest}'?";
            report.Alerts.Add(new JsonObject
            {
                ["alert_id"] = $"alert_{key}_unused_parameter_{i + 1}",
                ["severity"] = "medium",
                ["category"] = "configuration",
                ["message"] = $"Parameter {report.AgentId}.{name} was not used: the agent has no parameter of that name, "
                    + $"or it does not apply with these settings.{hint}",
                ["affected_fields_count"] = 0,
                ["recommendation"] = known.Count == 0
                    ? $"Remove '{name}' from parameters.json."
                    : $"Check the name in parameters.json; {report.AgentId} reads: {string.Join(", ", known)}.",
            });
        }

        report.Data["ignored_parameters"] = new JsonArray([.. unused.Select(n => JsonValue.Create(n))]);
    }

    // The known name nearest to the unused one: same letters in another case, or at most two edits away.
    private static string? Closest(string name, IReadOnlyList<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in known)
        {
            int distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)
                ? 0
                : EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= Math.Min(2, Math.Max(1, name.Length / 4)) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
