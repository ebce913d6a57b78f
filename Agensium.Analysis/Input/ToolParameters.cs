using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agensium.Analysis.Input;

/// <summary>
/// The parsed parameters.json of a task: a JSON object keyed by agent id, each value the agent's parameter object.
/// Values that arrive as JSON text (an object or list inside a string) are parsed into JSON.
/// </summary>
public sealed class ToolParameters
{
    private readonly Dictionary<string, JsonObject> _byAgent;

    private ToolParameters(Dictionary<string, JsonObject> byAgent) => _byAgent = byAgent;

    /// <summary>No parameters: every agent runs with its defaults.</summary>
    public static ToolParameters None() => new(new Dictionary<string, JsonObject>(StringComparer.Ordinal));

    /// <summary>Reads and parses a parameters.json file; see <see cref="Parse"/>.</summary>
    public static ToolParameters Load(string path, IReadOnlyList<string> knownAgents) =>
        Parse(File.ReadAllText(path), knownAgents);

    /// <summary>Parses parameters.json text.</summary>
    /// <exception cref="AnalysisException">
    /// INVALID_PARAMETERS for malformed JSON, a non-object document or a non-object agent entry;
    /// UNKNOWN_AGENT for a key that is not one of <paramref name="knownAgents"/>.
    /// </exception>
    public static ToolParameters Parse(string json, IReadOnlyList<string> knownAgents)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return None();
        }

        if (ParseJson(json, "parameters.json") is not JsonObject root)
        {
            throw Invalid("parameters.json must be a JSON object keyed by agent id.");
        }

        var byAgent = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (agentId, value) in root)
        {
            if (!knownAgents.Contains(agentId, StringComparer.Ordinal))
            {
                throw new AnalysisException(AnalysisErrorCodes.UnknownAgent,
                    $"parameters.json names agent {UnknownNames.Describe([agentId])}, which this tool does not have (known: {string.Join(", ", knownAgents)}).{UnknownNames.Hint([agentId], knownAgents)}");
            }

            var node = Unwrap(value?.DeepClone(), agentId);
            byAgent[agentId] = node switch
            {
                null => [],
                JsonObject obj => obj, // its values unwrapped at every depth
                _ => throw Invalid($"parameters.json entry '{agentId}' must be a JSON object."),
            };
        }

        return new ToolParameters(byAgent);
    }

    /// <summary>The agents parameters.json gives parameters for, in its order.</summary>
    public IReadOnlyList<string> AgentIds => [.. _byAgent.Keys];

    /// <summary>The parameters of one agent (a copy; empty when parameters.json does not mention it).</summary>
    public AgentParameters For(string agentId) =>
        new(agentId, _byAgent.TryGetValue(agentId, out var obj) ? (JsonObject)obj.DeepClone() : []);

    // A string that holds a JSON object or list is taken as that JSON (AGENSIUM: lists/dicts may come as JSON strings),
    // at any depth ({"contract": {"required_columns": "[\"id\"]"}}); a string that only starts like one is kept as text
    // (a column named "[updated_at]", as SQL Server exports write them).
    private static JsonNode? Unwrap(JsonNode? node, string where)
    {
        if (node is JsonValue value && value.TryGetValue(out string? text))
        {
            string trimmed = text.Trim();
            if ((trimmed.StartsWith('{') || trimmed.StartsWith('[')) && IsJson(trimmed))
            {
                node = ParseJson(trimmed, where);
            }
        }

        if (node is JsonObject obj)
        {
            foreach (string key in obj.Select(p => p.Key).ToList())
            {
                obj[key] = Unwrap(obj[key]?.DeepClone(), $"{where}.{key}");
            }
        }

        return node;
    }

    // Well-formed JSON, repeated keys allowed (ParseJson refuses those with a clear message).
    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonNode? ParseJson(string json, string where)
    {
        try
        {
            // A repeated key is malformed parameters (JsonObject would throw on first use instead).
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException ex) when (JsonDepth.Exceeded(ex))
        {
            throw Invalid($"{where} nests values deeper than {JsonDepth.Max} levels (line {ex.LineNumber + 1}), which is not read; no parameter is nested that deep.");
        }
        catch (JsonException ex)
        {
            // The reader's own text gave its 0-based position and advice for the programmer: "… not supported in this
            // mode. Change the reader options. LineNumber: 3 | BytePositionInLine: 2." for a trailing comma on line 4.
            string at = ex.LineNumber is long line ? $" (line {line + 1})" : "";
            throw Invalid($"{where} is not valid JSON{at}: {JsonErrorText.FirstSentence(ex.Message)}.");
        }
    }

    private static AnalysisException Invalid(string message) => new(AnalysisErrorCodes.InvalidParameters, message);
}
