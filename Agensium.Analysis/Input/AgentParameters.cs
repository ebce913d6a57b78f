using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agensium.Analysis.Input;

/// <summary>
/// One agent's parameter object with typed, range-checked readers for every tool; a missing key yields the default.
/// Every name the agent asks for is remembered, so the keys it never asked for (a misspelt name, or one that does not
/// apply) can be reported instead of being ignored in silence (<see cref="UnusedKeys"/>).
/// </summary>
public sealed class AgentParameters(string agentId, JsonObject supplied)
{
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _scaledWeights = [];
    private readonly Dictionary<string, double> _fractionsForPercents = new(StringComparer.Ordinal);

    /// <summary>
    /// Percent parameters (0–100, default above 1) given a value in (0, 1]: read as given, but most likely a fraction
    /// meant as a percentage (pk_uniqueness_threshold 0.99 for 99), which the report warns about.
    /// </summary>
    public IReadOnlyDictionary<string, double> FractionsForPercents => _fractionsForPercents;
    private readonly Dictionary<string, double> _doubles = new(StringComparer.Ordinal);

    /// <summary>The agent these parameters belong to.</summary>
    public string AgentId { get; } = agentId;

    /// <summary>The keys and values as supplied in parameters.json (after JSON-string unwrapping).</summary>
    public JsonObject Supplied { get; } = supplied;

    /// <summary>The supplied keys the agent never asked for, in parameters.json order.</summary>
    public IReadOnlyList<string> UnusedKeys => [.. Supplied.Select(p => p.Key).Where(k => !_asked.Contains(k))];

    /// <summary>The parameter names the agent asked for so far (supplied or not).</summary>
    public IReadOnlyCollection<string> AskedNames => _asked;

    /// <summary>True when the key was supplied (the agent asked for it).</summary>
    public bool Has(string name)
    {
        _asked.Add(name);
        return Supplied.ContainsKey(name);
    }

    /// <summary>The supplied JSON as is, or null when absent (the agent asked for it).</summary>
    public JsonNode? Raw(string name) => Node(name);

    /// <summary>
    /// Reads the weights of a weighted score (each 0–1, default where not given) and scales them to sum to 1, so the
    /// score stays on its 0–100 scale whatever was supplied (0.5/0.5/0.5 weighs the three parts equally rather than
    /// scoring 150). The report's parameters show the weights as used, and its data's weights_scaled the weights given
    /// beside them (<see cref="Describe"/>).
    /// </summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS when a weight is out of range or all of them are 0.</exception>
    public double[] GetWeights(params (string Name, double Default)[] weights)
    {
        var values = weights.Select(w => GetDouble(w.Name, w.Default, 0, 1)).ToArray();
        double sum = values.Sum();
        if (sum <= 0)
        {
            throw Invalid(string.Join("/", weights.Select(w => w.Name)), "the weights are all 0; at least one must be above 0");
        }

        if (Math.Abs(sum - 1) < 1e-9)
        {
            return values;
        }

        double[] used = [.. values.Select(v => v / sum)];
        var given = new JsonObject();
        var scaled = new JsonObject();
        for (int i = 0; i < weights.Length; i++)
        {
            given[weights[i].Name] = values[i];
            scaled[weights[i].Name] = Math.Round(used[i], 6);
        }

        _scaledWeights.Add(new JsonObject
        {
            ["given"] = given,
            ["used"] = scaled,
            ["note"] = string.Create(CultureInfo.InvariantCulture,
                $"the weights (given or default) sum to {Math.Round(sum, 6)}, not 1: each was divided by their sum so that the score stays on its 0-100 scale"),
        });
        return used;
    }

    /// <summary>Reads a number (a JSON number or a numeric string) within [min, max].</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS when the value is not a number or out of range.</exception>
    public double GetDouble(string name, double defaultValue, double min, double max) => GetDouble(name, defaultValue, min, max, notAbove: null);

    /// <summary>
    /// Reads a number within [min, max] that must not exceed the number read before under <paramref name="notAbove"/>:
    /// a status threshold below its higher one (good 80 with excellent 50 would call a score of 54 "excellent" but 79 "good").
    /// A default above the given higher value is lowered to it.
    /// </summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS when the value is not a number, out of range or above the other.</exception>
    public double GetDouble(string name, double defaultValue, double min, double max, string? notAbove)
    {
        double value = ReadDouble(name, defaultValue, min, max);
        _doubles[name] = value;
        if (max == 100 && defaultValue >= 10 && value is > 0 and < 1 && Supplied[name] is not null)
        {
            _fractionsForPercents[name] = value; // 0.99 for a 0–100 threshold whose default is 99: likely a fraction
        }
        if (notAbove is not null && _doubles.TryGetValue(notAbove, out double higher) && value > higher)
        {
            if (Supplied[name] is null)
            {
                // Only the higher one was given (excellent_threshold 70): the default (good 75) follows it down rather
                // than refuse a value for a parameter the user never set.
                _doubles[name] = higher;
                return higher;
            }

            throw Invalid(name, string.Create(CultureInfo.InvariantCulture, $"must not be above {notAbove}, got {value} and {higher}"));
        }

        return value;
    }

    private double ReadDouble(string name, double defaultValue, double min, double max)
    {
        var node = ValueNode(name, defaultValue.ToString(CultureInfo.InvariantCulture));
        if (node is null)
        {
            return defaultValue;
        }

        double value = node.GetValueKind() switch
        {
            JsonValueKind.Number => node.GetValue<double>(),
            JsonValueKind.String when double.TryParse(node.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
            _ => throw Invalid(name, $"must be a number, got {node.ToJsonString()}"),
        };
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw Invalid(name, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {value.ToString(CultureInfo.InvariantCulture)}");
        }

        return value;
    }

    /// <summary>Reads a whole number within [min, max].</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS when the value is not a whole number or out of range.</exception>
    public int GetInt(string name, int defaultValue, int min, int max)
    {
        double value = GetDouble(name, defaultValue, min, max);
        if (Math.Floor(value) != value)
        {
            throw Invalid(name, $"must be a whole number, got {value.ToString(CultureInfo.InvariantCulture)}");
        }

        return (int)value;
    }

    /// <summary>A string, trimmed. With <paramref name="allowed"/> values it must be one of them (any case) and is returned as spelled there.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS when the value is not a string or not allowed.</exception>
    public string GetString(string name, string defaultValue, params string[] allowed)
    {
        // Only a string whose default is a value is refused null: with "" and no list of values, leaving it out means none.
        var node = defaultValue.Length > 0 || allowed.Length > 0 ? ValueNode(name, defaultValue.Length > 0 ? defaultValue : "none") : Node(name);
        if (node is null)
        {
            return defaultValue;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw Invalid(name, $"must be a string, got {node.ToJsonString()}");
        }

        string value = node.GetValue<string>().Trim();
        if (allowed.Length == 0)
        {
            return value;
        }

        return Array.Find(allowed, a => a.Equals(value, StringComparison.OrdinalIgnoreCase))
            ?? throw Invalid(name, $"must be one of {string.Join(", ", allowed)}, got '{value}'");
    }

    /// <summary>A string, or null when the key is absent.</summary>
    public string? GetOptionalString(string name) => Node(name) is null ? null : GetString(name, "");

    /// <summary>A boolean: JSON true/false or the strings "true"/"false".</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for anything else.</exception>
    public bool GetBool(string name, bool defaultValue)
    {
        var node = ValueNode(name, defaultValue ? "true" : "false");
        if (node is null)
        {
            return defaultValue;
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(node.GetValue<string>(), out bool b) => b,
            _ => throw Invalid(name, $"must be true or false, got {node.ToJsonString()}"),
        };
    }

    /// <summary>
    /// A list of strings; empty when absent. A JSON list may hold strings (and, with <paramref name="scalarsAsText"/>, numbers
    /// and booleans as their JSON text); a single string is one item, or with <paramref name="splitCommas"/> a comma-separated list.
    /// </summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for any other shape.</exception>
    public List<string> GetStringList(string name, bool splitCommas = true, bool scalarsAsText = false)
    {
        var node = Node(name);
        switch (node)
        {
            case null:
                return [];
            case JsonArray array:
                return [.. array.Select(n => (scalarsAsText ? ScalarText(n) : n?.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null)
                    ?? throw Invalid(name, $"must be a list of strings, got {node.ToJsonString()}"))];
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                string text = v.GetValue<string>();
                return splitCommas ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [text];
            default:
                throw Invalid(name, $"must be a list of strings, got {node.ToJsonString()}");
        }
    }

    /// <summary>A JSON object; empty when absent.</summary>
    public JsonObject GetObject(string name) => GetOptionalObject(name) ?? [];

    /// <summary>A JSON object, or null when absent.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS when the value is not an object.</exception>
    public JsonObject? GetOptionalObject(string name) => Node(name) switch
    {
        null => null,
        JsonObject obj => obj,
        var other => throw Invalid(name, $"must be a JSON object, got {other.ToJsonString()}"),
    };

    /// <summary>A JSON list; empty when absent.</summary>
    public JsonArray GetArray(string name) => Node(name) switch
    {
        null => [],
        JsonArray array => array,
        var other => throw Invalid(name, $"must be a JSON list, got {other.ToJsonString()}"),
    };

    /// <summary>An object of name → number (numbers or numeric strings), keys compared ignoring case.</summary>
    public Dictionary<string, double> GetNumberMap(string name)
    {
        var map = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in GetObject(name))
        {
            map[key] = ScalarNumber(value) ?? throw Invalid(name, $"entry '{key}' must be a number");
        }

        return map;
    }

    /// <summary>
    /// An object of name → number where only <paramref name="keys"/> may appear, each within [min, max] (keys compared
    /// ignoring case): a misspelt key must not be ignored in silence.
    /// </summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for an unknown key or a value that is not a number in range.</exception>
    public Dictionary<string, double> GetNumberMap(string name, IReadOnlyCollection<string> keys, double min, double max)
    {
        var map = GetNumberMap(name);
        foreach (var (key, value) in map)
        {
            if (!keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw Invalid(name, $"has unknown key '{key}'; the keys are {string.Join(", ", keys)}");
            }

            if (!double.IsFinite(value) || value < min || value > max)
            {
                throw Invalid(name, string.Create(CultureInfo.InvariantCulture, $"entry '{key}' must be between {min} and {max}, got {value}"));
            }
        }

        return map;
    }

    /// <summary>An object of name → string (numbers and booleans as their JSON text), keys compared ignoring case.</summary>
    public Dictionary<string, string> GetStringMap(string name) =>
        CaseInsensitiveMap(name, GetObject(name).Select(e => (e.Key, ScalarText(e.Value) ?? throw Invalid(name, $"entry '{e.Key}' must be a string"))), k => k);

    /// <summary>
    /// A map whose keys are matched ignoring case (trimmed, or as <paramref name="normalize"/> makes them): two keys that
    /// differ only in case must give the same value ("NY" and "ny" both "New York"), else INVALID_PARAMETERS naming
    /// <paramref name="name"/>, never a crash or a silent choice of one.
    /// </summary>
    public Dictionary<string, string> CaseInsensitiveMap(string name, IEnumerable<(string Key, string Value)> entries, Func<string, string>? normalize = null)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var written = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in entries)
        {
            string normal = normalize is null ? key.Trim() : normalize(key);
            if (map.TryGetValue(normal, out string? earlier))
            {
                if (!string.Equals(earlier, value, StringComparison.Ordinal))
                {
                    throw Invalid(name, $"maps '{written[normal]}' to '{earlier}' and '{key}' to '{value}': keys are matched ignoring case, so give one of them");
                }

                continue;
            }

            map[normal] = value;
            written[normal] = key;
        }

        return map;
    }

    /// <summary>Writes {defaults, overrides, parameters} into an agent's data: overrides are the supplied keys the agent knows, as supplied; parameters the values used.</summary>
    public void Describe(JsonObject data, JsonObject defaults, JsonObject effective)
    {
        // overrides: as the user gave them; parameters: as used (defaults filled in, weights scaled). A null given is
        // refused where the default is a value (ValueNode), so a null shown here means "none", as leaving the key out does.
        var overrides = new JsonObject();
        foreach (var (key, value) in Supplied)
        {
            if (effective.ContainsKey(key))
            {
                overrides[key] = value?.DeepClone();
            }
        }

        data["defaults"] = defaults;
        data["overrides"] = overrides;
        data["parameters"] = effective;
        AddScaledWeights(data);
    }

    /// <summary>data.weights_scaled: each group of weights that did not sum to 1, as given and as used (nothing when all did).</summary>
    public void AddScaledWeights(JsonObject data)
    {
        if (_scaledWeights.Count > 0)
        {
            data["weights_scaled"] = new JsonArray([.. _scaledWeights.Select(w => (JsonNode)w.DeepClone())]);
        }
    }

    private JsonNode? Node(string name)
    {
        _asked.Add(name);
        return Supplied[name];
    }

    /// <summary>
    /// The node of a parameter whose default is a value (a number, true or false, a word such as lowercase): JSON null
    /// is no value of it, so it is refused naming the key rather than read as the default while the report's overrides
    /// showed the null (stop 43). One rule for every agent, here in the readers: null keeps meaning "none" only where
    /// leaving the key out does (a list, an object, an optional column or pattern).
    /// </summary>
    private JsonNode? ValueNode(string name, string defaultText)
    {
        var node = Node(name);
        if (node is null && Supplied.ContainsKey(name))
        {
            throw Invalid(name, $"is null, which is not a value of {name}; leave the key out for the default ({defaultText})");
        }

        return node;
    }

    /// <summary>Refuses a regular expression that does not compile, naming the parameter (not a PROCESSING_ERROR later).</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS when <paramref name="pattern"/> is no valid .NET regular expression.</exception>
    public void CheckPattern(string name, string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw Invalid(name, $"is not a valid regular expression ({e.Message})");
        }
    }

    /// <summary>INVALID_PARAMETERS naming agent.parameter; a full stop ends it unless <paramref name="what"/> ends its
    /// own sentence ("… (it reads min and max).", "Did you mean 'min'?"), which gave ".." and "?.".</summary>
    public AnalysisException Invalid(string name, string what) =>
        new(AnalysisErrorCodes.InvalidParameters, $"Parameter {AgentId}.{name} {what}{(what.EndsWith('.') || what.EndsWith('?') || what.EndsWith('!') ? "" : ".")}");

    /// <summary>A string value, or a number or boolean as its JSON text; null for anything else.</summary>
    public static string? ScalarText(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => node.ToJsonString(),
        _ => null,
    };

    /// <summary>A number, or a string holding one (invariant culture); null for anything else.</summary>
    public static double? ScalarNumber(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => node.GetValue<double>(),
        JsonValueKind.String when double.TryParse(node.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
        _ => null,
    };

    /// <summary>
    /// Checks that every column a parameter names exists in the current file; an agent error (not a task error)
    /// otherwise, since an earlier agent of the chain may have dropped it.
    /// </summary>
    /// <param name="name">The parameter, as named in messages.</param>
    /// <param name="columns">The columns it names.</param>
    /// <param name="header">The columns of the file the agent reads.</param>
    /// <param name="original">
    /// The columns of the task's file, asked for only when one is missing: a column an earlier agent removed (null-handler
    /// drops mostly-empty columns) is said to be so, not given a look-alike as the column meant.
    /// </param>
    public void RequireColumns(string name, IEnumerable<string> columns, IReadOnlyList<string> header, Func<IReadOnlyList<string>>? original = null)
    {
        var missing = columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var removed = original?.Invoke().Where(missing.Contains).ToHashSet(StringComparer.Ordinal) ?? [];
            // Column names are matched as written; say which column was probably meant ("NAME" for "name").
            string Hint(string column) =>
                removed.Contains(column) ? $"'{column}' (in the task's file, but an earlier agent of the chain removed it)"
                : (header.FirstOrDefault(h => string.Equals(h.Trim(), column.Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? Common.NameSuggestion.Closest(column, header)) is { } meant ? $"'{column}' (did you mean '{meant}'?)" : $"'{column}'";
            throw new InvalidOperationException(
                $"Parameter {AgentId}.{name} names column(s) not in the file: {string.Join(", ", missing.Select(Hint))}. Column names are matched exactly, case included.");
        }
    }
}
