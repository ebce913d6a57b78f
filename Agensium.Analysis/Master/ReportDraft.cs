using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>Collects one master agent's alerts, issues, recommendations, cards and row issues, then builds its <see cref="AgentReport"/>.</summary>
internal sealed class ReportDraft(string agentId, string agentName, TimeProvider timeProvider)
{
    private readonly long _started = timeProvider.GetTimestamp();

    public JsonArray Alerts { get; } = [];

    /// <summary>
    /// A parameter of this agent as configuration alerts name it, "{agent}.{parameter}" ("stewardship-flagger.required_fields"),
    /// as profile-my-data's and clean-my-data's do: the command line's warning lines then say whose parameter it is.
    /// </summary>
    public string Parameter(string name) => $"{agentId}.{name}";

    public JsonArray Issues { get; } = [];

    public JsonArray Recommendations { get; } = [];

    public JsonArray Cards { get; } = [];

    public RowIssueLog Log { get; } = new();

    public void Alert(string severity, string category, string message, int affectedFields, string recommendation) =>
        Alerts.Add(new JsonObject
        {
            ["alert_id"] = $"alert_{agentId.Replace('-', '_')}_{Alerts.Count + 1}",
            ["severity"] = severity,
            ["category"] = category,
            ["message"] = message,
            ["affected_fields_count"] = affectedFields,
            ["recommendation"] = recommendation,
        });

    public void Issue(string field, string type, string severity, string message) =>
        Issues.Add(new JsonObject
        {
            ["issue_id"] = $"issue_{agentId.Replace('-', '_')}_{Issues.Count + 1}",
            ["agent_id"] = agentId,
            ["field_name"] = field.Length == 0 ? null : field, // a dataset-level finding names no field (null, as the other tools write it)
            ["issue_type"] = type,
            ["severity"] = severity,
            ["message"] = message,
        });

    public void Recommend(string field, string priority, string text, string timeline) =>
        Recommendations.Add(new JsonObject
        {
            ["recommendation_id"] = $"rec_{agentId.Replace('-', '_')}_{Recommendations.Count + 1}",
            ["agent_id"] = agentId,
            ["field_name"] = field.Length == 0 ? null : field, // a dataset-level finding names no field (null, as the other tools write it)
            ["priority"] = priority,
            ["recommendation"] = text,
            ["timeline"] = timeline,
        });

    public void Card(string id, string title, string value, string status, string description) =>
        Cards.Add(ExecutiveCard.Create(id, title, value, status, description));

    /// <summary>
    /// Counts and keeps one row issue and marks the row. <paramref name="column"/> labels the issue ("email+name" for a
    /// key of two columns); the issue summary's affected_columns counts <paramref name="columns"/> instead when given (the
    /// key's columns), and never a column of the pipeline's own (<c>__trust_score__</c>): only columns of the file.
    /// </summary>
    public void RowIssue(int row, string column, string type, string severity, string message, string? value, IEnumerable<string>? columns = null)
    {
        Log.Count(RowIssueLog.WholeRow, type, severity);
        if (columns is null)
        {
            MarkFileColumn(column);
        }
        else
        {
            foreach (string c in columns)
            {
                MarkFileColumn(c);
            }
        }
        Log.AffectedRows.Set(row);
        Log.Keep(row, column, type, severity, message, value);
    }

    // One row issue is one call: no array or iterator per call (a contract violation in each row of a 1M-row file).
    private void MarkFileColumn(string column)
    {
        if (!column.StartsWith("__", StringComparison.Ordinal))
        {
            Log.MarkColumn(column);
        }
    }

    public AgentReport Build(JsonObject summaryMetrics, JsonObject data, string narrative) => new()
    {
        AgentId = agentId,
        AgentName = agentName,
        ExecutionTimeMs = (long)timeProvider.GetElapsedTime(_started).TotalMilliseconds,
        Timestamp = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        SummaryMetrics = summaryMetrics,
        Data = data,
        Alerts = Alerts,
        Issues = Issues,
        Recommendations = Recommendations,
        ExecutiveSummary = Cards,
        AiAnalysisText = narrative,
        RowIssues = Log,
    };

    /// <summary>
    /// data.defaults / overrides / parameters block: overrides as the user gave them (null, [], "0.9" included),
    /// parameters as the agent used them (a default in place of null, the columns found, weights scaled), and
    /// data.weights_scaled when score weights did not sum to 1.
    /// </summary>
    public static void AddParameterBlocks(JsonObject data, JsonObject defaults, AgentParameters parameters, JsonObject effective)
    {
        var overrides = new JsonObject();
        foreach (var (key, value) in parameters.Supplied)
        {
            overrides[key] = value?.DeepClone();
        }

        data["defaults"] = defaults;
        data["overrides"] = overrides;
        data["parameters"] = effective;
        parameters.AddScaledWeights(data);
    }
}
