using System.Text.Json.Nodes;
using Agensium.Analysis.Common;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>
/// The checks of stewardship-flagger for one table. A business rule {name, condition{column, operator eq|ne|gt|lt|contains,
/// value}, severity} states what a valid row satisfies; rows where it fails (non-blank value) are flagged.
/// </summary>
internal sealed class StewardshipRules(MasterTable table, AgentParameters p)
{
    public const int FormatRowLimit = 1000;

    public List<int> Required { get; } = [.. p.GetStringList("required_fields", splitCommas: true, scalarsAsText: true).Select(table.Find).Where(i => i >= 0)];

    public List<(int Column, string Format)> Formats { get; } = FormatsOf(table, p);

    public int ConfidenceColumn { get; } = GoldenSettings.FindColumn(table, p.GetOptionalString("confidence_column"), "trustscore", "resolutionconfidence");

    public double MinConfidence { get; } = p.GetDouble("min_confidence", 0.5, 0, 1);

    public List<int> DuplicateKeys { get; } = [.. p.GetStringList("duplicate_key_columns", splitCommas: true, scalarsAsText: true).Select(table.Find).Where(i => i >= 0)];

    public List<(int Column, double Min, double Max)> Ranges { get; } = RangesOf(table);

    public List<BusinessRule> BusinessRules { get; } = BusinessRulesOf(table, p);

    /// <summary>
    /// Business rules of another shape than {name, condition{column, operator, value}, severity}, as written where they
    /// stand ("business_rules[2] ('r')"): not checked, as in the original (whose example configuration uses such a
    /// shape), but named in an alert rather than passed over in silence.
    /// </summary>
    public List<string> RulesWithoutCondition { get; } = RulesWithoutConditionOf(p);

    private static List<string> RulesWithoutConditionOf(AgentParameters p) =>
        [.. (p.Raw("business_rules") as JsonArray ?? []).Select((node, i) => (node, i)).Where(x => ConditionOf(x.node) is null).Select(x => Where(x.node, x.i + 1))];

    /// <summary>The columns the business rules' conditions name.</summary>
    public static IEnumerable<string> BusinessRuleColumns(AgentParameters p) =>
        (p.Raw("business_rules") as JsonArray ?? []).Select(n => ConditionOf(n)?.Column).OfType<string>();

    // The condition of a rule of the documented shape and the column it names; null for a rule of another shape (not an
    // object, or without a condition naming a column).
    private static (JsonObject Condition, string Column)? ConditionOf(JsonNode? rule) =>
        (rule as JsonObject)?["condition"] is JsonObject condition && AgentParameters.ScalarText(condition["column"]) is { } column ? (condition, column) : null;

    // Where a rule stands in business_rules, with its name when it has one: "business_rules[2] ('r')".
    private static string Where(JsonNode? rule, int position) =>
        $"business_rules[{position}]" + (AgentParameters.ScalarText((rule as JsonObject)?["name"]) is { } name ? $" ('{name}')" : "");

    public static bool FitsFormat(string value, string format) => Common.SimpleCase.Lower(format) switch
    {
        "email" => PatternValidators.IsEmail(value),
        "phone" => PatternValidators.IsPhoneNumber(value), // E.164 lengths: 030 123456, 01 234567
        "date" => TimestampOrder.TryParse(value, out _) || PatternValidators.IsDate(value),
        _ => UserRegex.IsMatch(value, format),
    };

    /// <summary>
    /// Whether a cell satisfies a condition. Two amounts compare as numbers ("$1,500.00" gt 1000), the cell read in its
    /// column's notation (<paramref name="order"/>: "1.234,56" gt 1000 in a column that writes decimal commas) and the
    /// rule's value as it is written: a JSON number with a decimal point, a JSON string as the column's cells are
    /// (<paramref name="expectedIsNumber"/> false: "1,500" is 1.5 in a column of "12,50"s, as the cell "1,500" is there)
    /// and else with a decimal point ("1500.50"); two dates as dates (the cell read day-first when its column's dates
    /// are: "15/01/2024" gt "2023-12-31"); anything else as text, eq and ne ignoring case.
    /// </summary>
    public static bool Holds(string value, string op, string expected, ValueOrder order, bool expectedIsNumber = false)
    {
        if (op == "contains")
        {
            return value.Contains(expected, StringComparison.OrdinalIgnoreCase);
        }

        var numbers = order.Numbers;
        int? comparison = Amounts.TryRead(value, numbers, out double a) && TryExpectedAmount(expected, expectedIsNumber, numbers, out double b) ? a.CompareTo(b)
            : Clean.DateValues.TryParseMoment(value, out var da, order.DayFirst) && Clean.DateValues.TryParseMoment(expected, out var db, order.DayFirst) ? da.CompareTo(db)
            : null;
        return op switch
        {
            "eq" => comparison is { } o ? o == 0 : string.Equals(value, expected, StringComparison.OrdinalIgnoreCase),
            "ne" => comparison is { } o ? o != 0 : !string.Equals(value, expected, StringComparison.OrdinalIgnoreCase),
            "gt" => (comparison ?? string.CompareOrdinal(value, expected)) > 0,
            _ => (comparison ?? string.CompareOrdinal(value, expected)) < 0,
        };
    }

    // A JSON number is written with a decimal point; a string as the column's cells are, else with a decimal point.
    private static bool TryExpectedAmount(string expected, bool isNumber, Clean.ColumnNotation numbers, out double value) =>
        isNumber
            ? Amounts.TryRead(expected, Clean.ColumnNotation.DecimalPoint, out value)
            : Amounts.TryRead(expected, numbers, out value) || Amounts.TryRead(expected, Clean.ColumnNotation.DecimalPoint, out value);

    /// <summary>Share of a column's values that must fit a format guessed from its name before the format is checked.</summary>
    public const double AutoFormatMinShare = 0.3;

    private static List<(int, string)> FormatsOf(MasterTable table, AgentParameters p)
    {
        var configured = p.GetStringMap("format_rules");
        foreach (var (column, format) in configured.Where(f => Common.SimpleCase.Lower(f.Value) is not ("email" or "phone" or "date")))
        {
            p.CheckPattern($"format_rules.{column}", format);
        }

        var formats = configured.Select(kv => (table.Find(kv.Key), kv.Value)).Where(f => f.Item1 >= 0).ToList();
        if (configured.Count > 0)
        {
            return formats;
        }

        for (int c = 0; c < table.Columns.Count; c++)
        {
            string n = ColumnNames.Normalize(table.Columns[c]);
            string? format = ColumnNames.KindOf(table.Columns[c]) switch
            {
                MatchFieldKind.Email => "email",
                MatchFieldKind.Phone => "phone",
                _ => n.Contains("date") ? "date" : null,
            };
            // Guessed from the name, the check must be borne out by the values (a third of them at least): "updated_by"
            // holds user names, not dates, and "hotel" hotel names, not phones.
            if (format is not null && !table.Columns[c].StartsWith("__", StringComparison.Ordinal) && ValueEvidence.Share(table.Column(c), format) >= AutoFormatMinShare)
            {
                formats.Add((c, format));
            }
        }

        return formats;
    }

    private static List<(int, double, double)> RangesOf(MasterTable table) =>
        [.. Enumerable.Range(0, table.Columns.Count).Select(c => (c, n: ColumnNames.Normalize(table.Columns[c])))
            .Where(x => x.n == "age" || x.n.Contains("percent") || x.n.EndsWith("pct", StringComparison.Ordinal))
            .Select(x => (x.c, 0.0, x.n == "age" ? 120.0 : 100.0))];

    private static List<BusinessRule> BusinessRulesOf(MasterTable table, AgentParameters p)
    {
        var rules = new List<BusinessRule>();
        if (p.Raw("business_rules") is { } given and not JsonArray)
        {
            throw p.Invalid("business_rules", $"must be a list of {{name, condition{{column, operator, value}}, severity}} objects, got {given.ToJsonString()}");
        }

        int position = 0;
        foreach (var node in p.Raw("business_rules") as JsonArray ?? [])
        {
            position++;
            // A rule of another shape is not checked; RulesWithoutCondition names it.
            if (ConditionOf(node) is not var (condition, column))
            {
                continue;
            }

            var rule = (JsonObject)node!;
            string where = Where(rule, position);

            string op = AgentParameters.ScalarText(condition["operator"]) ?? "eq";
            if (op is not ("eq" or "ne" or "gt" or "lt" or "contains"))
            {
                throw p.Invalid("business_rules", $"{where} uses unknown operator '{op}' (eq, ne, gt, lt, contains)");
            }

            string severity = Common.SimpleCase.Lower((AgentParameters.ScalarText(rule["severity"]) ?? "medium").Trim());
            if (severity is not ("critical" or "high" or "medium" or "low"))
            {
                throw p.Invalid("business_rules", $"{where} has severity '{severity}' (critical, high, medium or low)");
            }

            string value = AgentParameters.ScalarText(condition["value"]) ?? "";
            bool isNumber = condition["value"]?.GetValueKind() == System.Text.Json.JsonValueKind.Number;
            int index = table.Find(column);
            if (index >= 0)
            {
                rules.Add(new BusinessRule(AgentParameters.ScalarText(rule["name"]) ?? $"rule_{rules.Count + 1}", index, op, value, isNumber, severity));
            }
        }

        return rules;
    }
}

/// <summary>
/// One business rule as stewardship-flagger checks it: the cell of <paramref name="Column"/> must satisfy
/// <paramref name="Operator"/> <paramref name="Value"/>, the value given as a JSON number when <paramref name="ValueIsNumber"/>.
/// </summary>
internal sealed record BusinessRule(string Name, int Column, string Operator, string Value, bool ValueIsNumber, string Severity);
