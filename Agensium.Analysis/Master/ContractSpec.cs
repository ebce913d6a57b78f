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
    public static readonly IReadOnlySet<string> KnownTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "string", "text", "str", "integer", "int", "float", "number", "numeric", "double", "decimal", "date", "datetime", "boolean", "bool", "email",
    };

    /// <exception cref="MasterAgentException">CONTRACT_MISSING when the contract parameter is absent.</exception>
    public static ContractSpec From(AgentParameters p)
    {
        var contract = p.GetOptionalObject("contract")
            ?? throw new MasterAgentException("CONTRACT_MISSING", "contract-enforcer needs a 'contract' parameter (required_columns, column_types, …); none was given.");
        var c = new AgentParameters(p.AgentId, contract);
        var types = c.GetStringMap("column_types");
        foreach (var (column, type) in types)
        {
            if (!KnownTypes.Contains(type))
            {
                throw p.Invalid("contract.column_types", $"gives column '{column}' unknown type '{type}'");
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

    /// <summary>The constraint names contract-enforcer checks, and the other names contracts use for them (the original backend's min_value/max_value among them).</summary>
    private static readonly Dictionary<string, string> ConstraintNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["not_null"] = "not_null", ["required"] = "required",
        ["allowed_values"] = "allowed_values", ["allowed"] = "allowed_values", ["enum"] = "allowed_values",
        ["min"] = "min", ["min_value"] = "min", ["minimum"] = "min",
        ["max"] = "max", ["max_value"] = "max", ["maximum"] = "max",
        ["min_length"] = "min_length", ["max_length"] = "max_length",
        ["pattern"] = "pattern", ["regex"] = "pattern",
    };

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

            canonical[name] = value?.DeepClone();
        }

        return canonical;
    }

    /// <summary>True when the contract declares the column anywhere.</summary>
    public bool Declares(string column) =>
        Required.Contains(column, StringComparer.OrdinalIgnoreCase) || Optional.Contains(column, StringComparer.OrdinalIgnoreCase)
        || Types.ContainsKey(column) || Constraints.ContainsKey(column);
}
