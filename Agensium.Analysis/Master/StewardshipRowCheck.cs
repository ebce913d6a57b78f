using System.Globalization;

namespace Agensium.Analysis.Master;

/// <summary>
/// Runs the stewardship checks on one row: (column, issue type, severity, message) per finding. A null token (N/A, NULL,
/// NaN, -, …) is a missing value as everywhere in master-my-data: a required field holding one is MISSING_REQUIRED, and
/// it is no value in a wrong format and no duplicate key (business rules see it as written: a rule may name it).
/// </summary>
internal static class StewardshipRowCheck
{
    public static List<(string Column, string Type, string Severity, string Message)> Check(MasterTable table, StewardshipRules rules, int r, HashSet<string> seen)
    {
        string Cell(int c) => table[r, c];
        bool Missing(int c) => Clean.CellValues.IsMissing(Cell(c).AsSpan());
        var found = new List<(string, string, string, string)>();
        string Name(int c) => table.Columns[c];
        foreach (int c in rules.Required.Where(Missing))
        {
            found.Add((Name(c), "MISSING_REQUIRED", "critical", Cell(c).Trim().Length == 0
                ? $"Required field {Name(c)} is empty."
                : $"Required field {Name(c)} holds the null token '{Cell(c).Trim()}'."));
        }

        if (r < StewardshipRules.FormatRowLimit)
        {
            foreach (var (c, format) in rules.Formats.Where(f => !Missing(f.Column) && !StewardshipRules.FitsFormat(Cell(f.Column).Trim(), f.Format)))
            {
                found.Add((Name(c), "INVALID_FORMAT", "medium", $"{Name(c)} '{Cell(c).Trim()}' is not a valid {format}."));
            }
        }

        if (rules.ConfidenceColumn >= 0 && double.TryParse(Cell(rules.ConfidenceColumn), NumberStyles.Float, CultureInfo.InvariantCulture, out double conf) && conf < rules.MinConfidence)
        {
            found.Add((Name(rules.ConfidenceColumn), "LOW_CONFIDENCE", "high", $"Confidence {conf.ToString("0.###", CultureInfo.InvariantCulture)} is below {rules.MinConfidence.ToString(CultureInfo.InvariantCulture)}."));
        }

        foreach (var (c, min, max) in rules.Ranges)
        {
            // A percentage may carry its sign ("150%"): the number before it is what is checked.
            var text = Cell(c).AsSpan().Trim();
            text = text.EndsWith('%') ? text[..^1].TrimEnd() : text;
            if (table.Column(c).NumberNotation.TryRead(text, out double v) && (v < min || v > max))
            {
                found.Add((Name(c), "OUTLIER_VALUE", "medium", $"{Name(c)} {Cell(c).Trim()} is outside {min}–{max}."));
            }
        }

        if (rules.DuplicateKeys.Count > 0)
        {
            var parts = rules.DuplicateKeys.Select(c => Missing(c) ? "" : Common.SimpleCase.Lower(Common.ComposedText.Of(Cell(c).Trim()))).ToArray();
            // Each part after its length: joined with a separator, a cell holding it ("x␟y" + "z", "x" + "y␟z") made two keys one.
            if (parts.Any(p => p.Length > 0) && !seen.Add(string.Concat(parts.Select(p => $"{p.Length.ToString(CultureInfo.InvariantCulture)}:{p}"))))
            {
                found.Add((string.Join("+", rules.DuplicateKeys.Select(Name)), "DUPLICATE_SUSPECTED", "high", "Another row has the same duplicate key."));
            }
        }

        foreach (var (name, c, op, value, valueIsNumber, severity) in rules.BusinessRules)
        {
            string cell = Cell(c).Trim();
            if (cell.Length > 0 && !StewardshipRules.Holds(cell, op, value, ValueOrder.Of(table.Column(c)), valueIsNumber))
            {
                found.Add((Name(c), "BUSINESS_RULE_VIOLATION", Common.SimpleCase.Lower(severity), $"Rule {name}: {Name(c)} {op} {value} does not hold for '{cell}'."));
            }
        }

        return found;
    }
}
