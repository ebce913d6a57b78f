using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>The data contract of contract-enforcer: {required_columns, optional_columns, column_types, column_mappings, value_constraints, uniqueness_constraints}.</summary>
internal sealed record ContractSpec(
    List<string> Required,
    List<string> Optional,
    Dictionary<string, string> Types,
    Dictionary<string, string> Mappings,
    Dictionary<string, JsonObject> Constraints,
    List<List<string>> Unique)
{
    private static readonly string[] TypeNames =
        ["string", "text", "str", "integer", "int", "float", "number", "numeric", "double", "decimal", "date", "datetime", "boolean", "bool", "email"];

    public static readonly IReadOnlySet<string> KnownTypes = new HashSet<string>(TypeNames, StringComparer.OrdinalIgnoreCase);

    /// <exception cref="MasterAgentException">CONTRACT_MISSING when the contract parameter is absent.</exception>
    public static ContractSpec From(AgentParameters p)
    {
        var contract = p.GetOptionalObject("contract")
            ?? throw new MasterAgentException("CONTRACT_MISSING", "contract-enforcer needs a 'contract' parameter (required_columns, column_types, …); none was given.");
        foreach (var (key, _) in contract)
        {
            if (!ContractKeys.Contains(key))
            {
                // A misspelt section ("required_column") would leave its checks out and call the data compliant.
                string hint = Common.NameSuggestion.Closest(key, ContractKeys) is { } closest ? $" Did you mean '{closest}'?" : "";
                throw p.Invalid("contract", $"has a section '{key}' that contract-enforcer does not read (it reads: {string.Join(", ", ContractKeys)}).{hint}");
            }
        }

        var c = new AgentParameters(p.AgentId, contract);
        var types = c.GetStringMap("column_types");
        foreach (var (column, type) in types)
        {
            if (!KnownTypes.Contains(type))
            {
                // The types were not named: a user had to guess whether "money" or "currency" was one.
                throw p.Invalid("contract.column_types", $"gives column '{column}' unknown type '{type}' (known: {string.Join(", ", TypeNames)})");
            }
        }

        var constraints = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
        foreach (var (column, node) in c.GetOptionalObject("value_constraints") ?? [])
        {
            var rule = node as JsonObject ?? throw p.Invalid("contract.value_constraints", $"entry '{column}' must be an object");
            constraints[column] = Canonical(rule, column, p);
        }

        var unique = new List<List<string>>();
        foreach (var node in contract["uniqueness_constraints"] as JsonArray ?? [])
        {
            unique.Add(node switch
            {
                JsonArray cols => [.. cols.Select(AgentParameters.ScalarText).OfType<string>()],
                _ when AgentParameters.ScalarText(node) is { } col => [col],
                _ => throw p.Invalid("contract.uniqueness_constraints", "must list column names or lists of names"),
            });
        }

        return new ContractSpec(c.GetStringList("required_columns", splitCommas: true, scalarsAsText: true), c.GetStringList("optional_columns", splitCommas: true, scalarsAsText: true), types,
            c.GetStringMap("column_mappings"), constraints, unique);
    }

    /// <summary>The sections of a contract.</summary>
    private static readonly string[] ContractKeys =
        ["required_columns", "optional_columns", "column_types", "column_mappings", "value_constraints", "uniqueness_constraints"];

    /// <summary>The constraint names contract-enforcer checks, and the other names contracts use for them (the original backend's min_value/max_value among them).</summary>
    private static readonly Dictionary<string, string> ConstraintNames = new(
        new Dictionary<string, string>
        {
            ["not_null"] = "not_null", ["required"] = "required",
            ["allowed_values"] = "allowed_values", ["allowed"] = "allowed_values", ["enum"] = "allowed_values",
        }
        .Concat(RangeBoundNames.Aliases) // min / min_value / minimum, max / max_value / maximum, as quarantine-agent reads them
        .Concat(new Dictionary<string, string>
        {
            ["min_length"] = "min_length", ["max_length"] = "max_length",
            ["pattern"] = "pattern", ["regex"] = "pattern",
        }),
        StringComparer.OrdinalIgnoreCase);

    // A constraint object with its keys under the names the checks read; a key no check reads is refused, never
    // ignored: a contract whose ranges were skipped would call invalid data compliant.
    private static JsonObject Canonical(JsonObject rule, string column, AgentParameters p)
    {
        var canonical = new JsonObject();
        foreach (var (key, value) in rule)
        {
            if (!ConstraintNames.TryGetValue(key, out var name))
            {
                string hint = Common.NameSuggestion.Closest(key, [.. ConstraintNames.Keys]) is { } closest ? $" Did you mean '{closest}'?" : "";
                throw p.Invalid($"contract.value_constraints.{column}",
                    $"has a constraint '{key}' that contract-enforcer does not check (it checks: not_null, allowed_values, min, max, min_length, max_length, pattern, and the aliases min_value/minimum, max_value/maximum, enum, regex).{hint}");
            }

            canonical[name] = Checked(name, value, $"contract.value_constraints.{column}.{key}", p);
        }

        if (AgentParameters.ScalarNumber(canonical["min"]) is { } min && AgentParameters.ScalarNumber(canonical["max"]) is { } max && min > max)
        {
            throw p.Invalid($"contract.value_constraints.{column}", string.Create(CultureInfo.InvariantCulture, $"has a minimum {min} above its maximum {max}"));
        }

        return canonical;
    }

    // A constraint's value in the form its check reads, or INVALID_PARAMETERS: a minimum of "zero" or a pattern that does
    // not compile would otherwise be skipped and the column called compliant.
    private static JsonNode? Checked(string name, JsonNode? value, string where, AgentParameters p)
    {
        switch (name)
        {
            case "min" or "max":
                return AgentParameters.ScalarNumber(value) is { } number && double.IsFinite(number) ? JsonValue.Create(number)
                    : throw p.Invalid(where, $"must be a number, got {value?.ToJsonString() ?? "null"}");
            case "min_length" or "max_length":
                return AgentParameters.ScalarNumber(value) is { } length && length >= 0 && length == Math.Floor(length) ? JsonValue.Create(length)
                    : throw p.Invalid(where, $"must be a whole number of characters, got {value?.ToJsonString() ?? "null"}");
            case "not_null" or "required":
                return (AgentParameters.ScalarText(value) is { } flag ? Common.SimpleCase.Lower(flag.Trim()) : null) switch // true, false, "true" or "false"
                {
                    "true" => JsonValue.Create(true),
                    "false" => JsonValue.Create(false),
                    _ => throw p.Invalid(where, $"must be true or false, got {value?.ToJsonString() ?? "null"}"),
                };
            case "allowed_values":
                // A list, or one text: "active" alone, or "active, pending" as the other list parameters split it.
                return value switch
                {
                    JsonArray list when list.All(v => AgentParameters.ScalarText(v) is not null) && list.Count > 0 => list.DeepClone(),
                    JsonValue when AgentParameters.ScalarText(value) is { } text && text.Trim().Length > 0 =>
                        new JsonArray([.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => (JsonNode)v)]),
                    _ => throw p.Invalid(where, $"must be a non-empty list of values, got {value?.ToJsonString() ?? "null"}"),
                };
            case "pattern":
                string pattern = AgentParameters.ScalarText(value) ?? throw p.Invalid(where, $"must be a regular expression, got {value?.ToJsonString() ?? "null"}");
                p.CheckPattern(where, pattern);
                return JsonValue.Create(pattern);
            default:
                return value?.DeepClone();
        }
    }

    // A name without its spaces, underscores and dashes, in lower case; nothing else is left aside: '%', '#', '$' or a
    // bracket says what a column holds ("Discount %" is discount_pct, not the file's discount amount; a review found it
    // read as the amount and the percentage column dropped by auto_transform).
    private static string LooseName(string name) =>
        new([.. name.Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '-')).Select(Common.SimpleCase.LowerChar)]);

    /// <summary>
    /// This contract with each column name that no column of <paramref name="columns"/> carries, exactly or in another
    /// case, but exactly one carries once spaces, underscores, dashes and case are left aside ("Patient ID",
    /// "birth-date" for the file's patient_id, birth_date), written as the file writes it; <paramref name="matched"/>
    /// lists each such name and the column it was read as. Column_mappings targets are new names and stay as given. A
    /// required column the file has under another spelling was "missing", and auto_transform then dropped it with every
    /// other column the contract named that way.
    /// </summary>
    public ContractSpec MatchedTo(IReadOnlyList<string> columns, out IReadOnlyList<(string Contract, string Column)> matched)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        string Resolve(string name)
        {
            if (columns.Any(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase)))
            {
                return name;
            }

            string key = LooseName(name);
            var alike = key.Length == 0 ? [] : columns.Where(c => LooseName(c) == key).Take(2).ToList();
            if (alike.Count != 1)
            {
                return name; // absent, or ambiguous (two columns "first name" and "first_name"): left as given
            }

            found[name] = alike[0];
            return alike[0];
        }

        var result = new ContractSpec(
            [.. Required.Select(Resolve)],
            [.. Optional.Select(Resolve)],
            Rekeyed(Types, Resolve),
            Rekeyed(Mappings, Resolve),
            Rekeyed(Constraints, Resolve),
            [.. Unique.Select(u => u.Select(Resolve).ToList())]);
        matched = [.. found.Select(f => (f.Key, f.Value))];
        return result;
    }

    // The map with its keys resolved; the first entry wins where two keys resolve to one column (as the lookups did).
    private static Dictionary<string, T> Rekeyed<T>(Dictionary<string, T> map, Func<string, string> resolve)
    {
        var result = new Dictionary<string, T>(map.Comparer);
        foreach (var (key, value) in map)
        {
            result.TryAdd(resolve(key), value);
        }

        return result;
    }

    /// <summary>True when the contract declares the column anywhere.</summary>
    public bool Declares(string column) =>
        Required.Contains(column, StringComparer.OrdinalIgnoreCase) || Optional.Contains(column, StringComparer.OrdinalIgnoreCase)
        || Types.ContainsKey(column) || Constraints.ContainsKey(column)
        // A column_mappings target is named by the contract too: renamed, then dropped as undeclared, it was lost.
        || Mappings.Values.Contains(column, StringComparer.OrdinalIgnoreCase)
        // So is a column of a uniqueness constraint: dropped first, its duplicates went unchecked and the file "compliant".
        || Unique.Any(u => u.Contains(column, StringComparer.OrdinalIgnoreCase));
}
