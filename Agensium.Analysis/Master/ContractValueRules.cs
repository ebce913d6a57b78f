using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Common;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>Type casts and value constraints of contract-enforcer for single cells.</summary>
internal static class ContractValueRules
{
    /// <summary>True for the contract types whose values are dates.</summary>
    public static bool IsDateType(string type) => Common.SimpleCase.Lower(type) is "date" or "datetime";

    /// <summary>True for the contract types whose values are numbers (cast to a canonical form with a decimal point).</summary>
    public static bool IsNumberType(string type) => Common.SimpleCase.Lower(type) is "integer" or "int" or "float" or "number" or "numeric" or "double" or "decimal";

    /// <summary>
    /// The canonical form of <paramref name="value"/> for <paramref name="type"/>, or null when it cannot be cast. An
    /// integer written with more digits than a double holds keeps every digit; dates are read as the clean tool reads
    /// them (month names, offsets kept as written), day-first when <paramref name="dayFirst"/>.
    /// </summary>
    /// <remarks>
    /// A number type reads an amount as its column writes it (<paramref name="notation"/>): "12,50" is 12.5 and "1.234"
    /// 1234 with a decimal comma; "42,866.56" in US groups; a currency sign set aside ("$12.50"); it is written back
    /// plain, with a decimal point.
    /// </remarks>
    public static string? Cast(string value, string type, bool dayFirst = false, Clean.ColumnNotation? notation = null)
    {
        string v = value.Trim();
        if (IsNumberType(type) && !v.EndsWith('%') && (notation is { DecimalComma: true } || !NumberText.TryParse(v, out _))
            && Amounts.TryRead(v, notation ?? Clean.ColumnNotation.DecimalPoint, out double read))
        {
            // An amount as the column writes it: "12,50" with a decimal comma, "42,866.56" in US groups, "$12.50".
            v = read.ToString("R", CultureInfo.InvariantCulture);
        }

        switch (Common.SimpleCase.Lower(type))
        {
            case "integer" or "int":
                if (System.Numerics.BigInteger.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    return whole.ToString(CultureInfo.InvariantCulture);
                }

                return NumberText.TryParse(v, out double i) && i == Math.Floor(i) && Math.Abs(i) < 1e15
                    ? ((long)i).ToString(CultureInfo.InvariantCulture) : null;
            case "float" or "number" or "numeric" or "double" or "decimal":
                if (NumberText.TryParse(v, out double d))
                {
                    return d.ToString("R", CultureInfo.InvariantCulture);
                }

                return System.Numerics.BigInteger.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big)
                    ? big.ToString(CultureInfo.InvariantCulture) : null;
            case "date" or "datetime":
                // Written as clean-my-data writes dates: a time of day, its fraction of a second and a UTC offset kept.
                return Clean.DateValues.TryRewrite(v, dayFirst, out string? date) ? date : null;
            case "boolean" or "bool":
                return Common.SimpleCase.Lower(v) switch
                {
                    "true" or "1" or "yes" or "y" or "t" => "true",
                    "false" or "0" or "no" or "n" or "f" => "false",
                    _ => null,
                };
            case "email":
                return PatternValidators.IsEmail(v) ? Common.PythonCase.Lower(v) : null; // a value written out: str.lower
            default:
                return v;
        }
    }

    /// <summary>True when the constraint object says a value is required (<c>not_null</c> or <c>required</c> true).</summary>
    public static bool IsRequired(JsonObject rule) =>
        rule["not_null"]?.GetValueKind() == System.Text.Json.JsonValueKind.True || rule["required"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;

    /// <summary>Checks one non-transformed cell against a constraint object; returns the (possibly fixed) value and the violation, if any.</summary>
    public static (string Value, string? Violation) Check(string value, JsonObject rule, bool autoTransform, Clean.ColumnNotation? notation = null)
    {
        string v = value.Trim();
        if (v.Length == 0)
        {
            return (value, IsRequired(rule) ? "value is required" : null);
        }

        if (rule["allowed_values"] is JsonArray allowed)
        {
            var options = allowed.Select(AgentParameters.ScalarText).OfType<string>().ToList();
            if (!options.Contains(v, StringComparer.Ordinal))
            {
                string? match = options.FirstOrDefault(o => string.Equals(o, v, StringComparison.OrdinalIgnoreCase));
                return match is not null && autoTransform ? (match, null) : (value, $"'{v}' is not an allowed value");
            }

            if (autoTransform && v.Length != value.Length)
            {
                value = v; // " active " is the allowed "active" written with spaces: fixed like a case difference
            }
        }

        // As the column writes numbers ("12,50" in a decimal-comma column); a value that is no number fails a bound as such.
        bool numeric = double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && notation is not { DecimalComma: true }
            || Amounts.TryRead(v, notation ?? Clean.ColumnNotation.DecimalPoint, out number);
        var min = AgentParameters.ScalarNumber(rule["min"]);
        var max = AgentParameters.ScalarNumber(rule["max"]);
        if ((min is not null || max is not null) && !numeric)
        {
            return (value, $"'{v}' is not a number, so it cannot be checked against the "
                + (min is not null && max is not null ? "minimum and maximum" : min is not null ? "minimum" : "maximum"));
        }

        if (min is { } low && number < low)
        {
            return (value, $"'{v}' is below the minimum {low.ToString(CultureInfo.InvariantCulture)}");
        }

        if (max is { } high && number > high)
        {
            return (value, $"'{v}' is above the maximum {high.ToString(CultureInfo.InvariantCulture)}");
        }

        // Characters as the profile counts them (code points, as pandas' str.len): "😀😀" was "longer than 2", its four UTF-16 units.
        int length = Common.CodePoints.Count(v);
        if (AgentParameters.ScalarNumber(rule["min_length"]) is { } minLength && length < minLength)
        {
            return (value, $"'{v}' is shorter than {minLength.ToString(CultureInfo.InvariantCulture)}");
        }

        if (AgentParameters.ScalarNumber(rule["max_length"]) is { } maxLength && length > maxLength)
        {
            return (value, $"'{v}' is longer than {maxLength.ToString(CultureInfo.InvariantCulture)}");
        }

        if (AgentParameters.ScalarText(rule["pattern"]) is { } pattern && !UserRegex.IsMatch(v, pattern))
        {
            return (value, $"'{v}' does not match the pattern {pattern}");
        }

        return (value, null);
    }
}
