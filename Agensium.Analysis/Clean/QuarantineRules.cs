using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using Agensium.Analysis.Common;
using Agensium.Analysis.Reporting;

namespace Agensium.Analysis.Clean;

/// <summary>The row checks of quarantine-agent; each gives the violations of one row as (column, reason, message).</summary>
internal sealed class QuarantineRules
{
    private static readonly string[] Injections = ["drop table", "delete from", "insert into", "update ", "select *", "or 1=1", "<script>", "javascript:"];

    // One vectorised search per cell finds whether any pattern occurs; only then is the first pattern in list order looked up.
    private static readonly SearchValues<string> AnyInjection = SearchValues.Create(Injections, StringComparison.OrdinalIgnoreCase);

    /// <summary>Injection-like text (AGENSIUM 5.2), matched case-insensitively anywhere in a cell; "update " also hits ordinary prose.</summary>
    public static IReadOnlyList<string> InjectionPatterns => Injections;

    private readonly QuarantineSettings _s;
    private readonly IReadOnlyList<string> _columns;
    private readonly int[] _required;
    private readonly (int Index, string Type)[] _schema;
    private readonly (int Index, double? Min, double? Max)[] _ranges;
    private readonly (int Index, string Format, Regex? Regex)[] _formats;
    private readonly QuarantineNumbers _numbers;

    public QuarantineRules(QuarantineSettings s, IReadOnlyList<string> columns, QuarantineNumbers numbers)
    {
        _s = s;
        _numbers = numbers;
        _columns = columns;
        var list = columns.ToList();
        _required = [.. s.RequiredFields.Select(c => list.IndexOf(c))];
        _schema = [.. s.ExpectedSchema.Where(e => list.Contains(e.Key)).Select(e => (list.IndexOf(e.Key), e.Value))];
        _ranges = [.. s.RangeRules.Select(r => (list.IndexOf(r.Key), r.Value.Min, r.Value.Max))];
        _formats = [.. s.FormatRules.Select(f => (list.IndexOf(f.Key), f.Value,
            f.Value is "email" or "phone" or "date" ? null : UserRegex.Create(f.Value)))];
    }

    /// <summary>
    /// Replaces the content of <paramref name="violations"/> with the violations of one row, in rule order;
    /// <paramref name="fieldCount"/> is how many fields the row had in the file (more than the header: the extra ones
    /// are not in <paramref name="fields"/> and would be lost, so the row is quarantined).
    /// </summary>
    public void Check(string[] fields, int fieldCount, List<(string Column, string Reason, string Message)> violations)
    {
        violations.Clear();
        if (_s.CheckExtraFields && fieldCount > _columns.Count)
        {
            violations.Add((RowIssueLog.WholeRow, "extra_fields",
                $"The row has {fieldCount} fields, the header {_columns.Count} (an unquoted delimiter inside a value?); the extra fields would be lost"));
        }

        // A null token (N/A, null, -) is no value here either, as for required_fields: a row of them is an empty row.
        if (_s.CheckEmptyRows && Array.TrueForAll(fields, f => CellValues.IsMissing(f.AsSpan())))
        {
            violations.Add((RowIssueLog.WholeRow, "empty_row", Array.TrueForAll(fields, CellValues.IsBlank)
                ? "Every field of the row is empty"
                : "Every field of the row is empty or a null token (N/A, NULL, -, …)"));
            return;
        }

        foreach (int i in _required)
        {
            // A null token (N/A, NULL, NaN, -) is no value either (README: required_fields read such a word as a null).
            if (CellValues.IsMissing(fields[i].AsSpan()))
            {
                violations.Add((_columns[i], "missing_required", CellValues.IsBlank(fields[i])
                    ? $"Required field '{_columns[i]}' is empty"
                    : $"Required field '{_columns[i]}' holds the null token '{fields[i].Trim()}'"));
            }
        }

        foreach (var (i, type) in _schema)
        {
            // A null (empty or a null token) has no type to check: required_fields is the rule for those.
            if (!CellValues.IsMissing(fields[i].AsSpan()) && !Fits(fields[i], type))
            {
                violations.Add((_columns[i], "schema_mismatch", $"'{fields[i]}' in '{_columns[i]}' is not {type}"));
            }
        }

        foreach (var (i, min, max) in _ranges)
        {
            // An empty value or a null token (N/A, -) has no number to check: required_fields is the rule for those.
            if (CellValues.IsMissing(fields[i].AsSpan()))
            {
                continue;
            }

            string range = $"[{min?.ToString(CultureInfo.InvariantCulture) ?? "-∞"}, {max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}]";
            if (!_numbers.TryRead(fields[i], out double v))
            {
                violations.Add((_columns[i], "range_violation", $"'{fields[i]}' in '{_columns[i]}' is not a number, so not within {range}"));
            }
            else if (v < (min ?? double.NegativeInfinity) || v > (max ?? double.PositiveInfinity))
            {
                violations.Add((_columns[i], "range_violation", $"'{fields[i]}' in '{_columns[i]}' is outside {range}"));
            }
        }

        foreach (var (i, format, regex) in _formats)
        {
            // As for ranges: a null token (N/A, NULL, -) is no value in a wrong format; required_fields is the rule for it.
            if (!CellValues.IsMissing(fields[i].AsSpan()) && !Matches(fields[i], format, regex))
            {
                violations.Add((_columns[i], "format_violation", $"'{fields[i]}' in '{_columns[i]}' does not match {format}"));
            }
        }

        if (!_s.CheckInjection)
        {
            return;
        }

        for (int i = 0; i < fields.Length; i++)
        {
            string field = fields[i];
            if (field.AsSpan().IndexOfAny(AnyInjection) < 0)
            {
                continue;
            }

            string hit = Array.Find(Injections, p => field.Contains(p, StringComparison.OrdinalIgnoreCase))!;
            violations.Add((_columns[i], "injection_pattern", $"'{_columns[i]}' holds injection-like text ('{hit.Trim()}')"));
        }
    }

    /// <summary>True when a rule of <see cref="QuarantineSettings"/> reads numbers, so the file's number notation matters.</summary>
    public static bool ReadsNumbers(QuarantineSettings s) =>
        s.RangeRules.Count > 0 || s.ExpectedSchema.Values.Any(t => t is "integer" or "int" or "float" or "number" or "numeric");

    // A number type is checked with the range rules' reader: "1,200.00", "$300.00", "(12.00)" and a decimal-comma
    // file's "12,50" are numbers, as type-fixer converts them, so a row is never set aside as "not float" for a value
    // that a range rule on the same column reads as a number.
    private bool Fits(string value, string type) => type switch
    {
        "integer" or "int" => _numbers.IsWhole(value),
        "float" or "number" or "numeric" => _numbers.TryRead(value, out _),
        "date" or "datetime" => DateValues.IsDate(value),
        // A column of Y/N or 1/0 flags declared boolean is not a column of mismatches, each of whose rows would be set aside.
        "boolean" or "bool" => BooleanWords.Is(value),
        _ => true,
    };

    private static bool Matches(string value, string format, Regex? regex) => format switch
    {
        "email" => PatternValidators.IsEmail(value),
        "phone" => PatternValidators.IsPhone(value),
        "date" => DateValues.IsDate(value),
        _ => regex!.IsMatch(value.Trim()),
    };
}
