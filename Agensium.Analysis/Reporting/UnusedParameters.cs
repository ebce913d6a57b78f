using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Reporting;

/// <summary>
/// Reports the parameters.json keys an agent never asked for (a misspelt name such as "fuzzy_treshold", or one that
/// does not apply to the agent) as a medium alert each, with the closest name it does read, and lists them in its
/// data as <c>ignored_parameters</c>. The run itself goes on: the agent used its defaults for what it did not find.
/// Past <see cref="MaxAlerts"/> names the rest are one alert with a count (a generated parameters.json of 100,000
/// keys gave 100,000 alerts, and as many warning lines on the command line).
/// </summary>
public static class UnusedParameters
{
    /// <summary>Unused names given an alert each; the rest are counted in one more.</summary>
    public const int MaxAlerts = 10;

    /// <summary>In the id of every alert of an unused parameter (alert_{agent}_unused_parameter_{n}).</summary>
    public const string UnusedAlertMark = "_unused_parameter_";

    /// <summary>In the id of every alert of a percentage given as a fraction (alert_{agent}_percent_as_fraction_{n}).</summary>
    public const string FractionAlertMark = "_percent_as_fraction_";

    /// <summary>Adds the alerts and the list to <paramref name="report"/> when some supplied keys went unused.</summary>
    public static void Annotate(AgentReport report, AgentParameters parameters)
    {
        AnnotateFractions(report, parameters);
        var unused = parameters.UnusedKeys;
        if (unused.Count == 0)
        {
            return;
        }

        var known = parameters.AskedNames.Order(StringComparer.Ordinal).ToList();
        string key = report.AgentId.Replace('-', '_');
        for (int i = 0; i < Math.Min(unused.Count, MaxAlerts); i++)
        {
            string name = unused[i];
            string? closest = NameSuggestion.Closest(name, known);
            string hint = closest is null ? "" : $" Did you mean '{closest}'?";
            report.Alerts.Add(new JsonObject
            {
                ["alert_id"] = $"alert_{key}{UnusedAlertMark}{i + 1}",
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

        if (unused.Count > MaxAlerts)
        {
            int rest = unused.Count - MaxAlerts;
            report.Alerts.Add(new JsonObject
            {
                ["alert_id"] = $"alert_{key}{UnusedAlertMark}more",
                ["severity"] = "medium",
                ["category"] = "configuration",
                ["message"] = $"{rest} more parameters of {report.AgentId} were not used ({string.Join(", ", unused.Skip(MaxAlerts).Take(3))}"
                    + $"{(rest > 3 ? ", …" : "")}); all {unused.Count} are listed in its ignored_parameters.",
                ["affected_fields_count"] = 0,
                ["recommendation"] = known.Count == 0
                    ? "Remove them from parameters.json."
                    : $"Check the names in parameters.json; {report.AgentId} reads: {string.Join(", ", known)}.",
            });
        }

        report.Data["ignored_parameters"] = new JsonArray([.. unused.Select(n => JsonValue.Create(n))]);
    }

    // A percentage parameter given as a fraction (0.99 for 99 %) is used as given, and said: it changes the results a lot.
    private static void AnnotateFractions(AgentReport report, AgentParameters parameters)
    {
        string key = report.AgentId.Replace('-', '_');
        int i = 0;
        foreach (var (name, value) in parameters.FractionsForPercents.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            string given = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string percent = Math.Round(value * 100, 6).ToString(System.Globalization.CultureInfo.InvariantCulture);
            report.Alerts.Add(new JsonObject
            {
                ["alert_id"] = $"alert_{key}{FractionAlertMark}{++i}",
                ["severity"] = "medium",
                ["category"] = "configuration",
                ["message"] = $"Parameter {report.AgentId}.{name} is {given}, used as {given} percent: it is on a 0–100 scale. If {percent}% was meant, write {percent}.",
                ["affected_fields_count"] = 0,
                ["recommendation"] = $"Give {name} as a percentage (0–100).",
            });
        }
    }
}
