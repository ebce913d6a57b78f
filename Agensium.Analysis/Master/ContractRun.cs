using System.Text.Json.Nodes;

namespace Agensium.Analysis.Master;

/// <summary>The mutable state of one contract-enforcer run over a copy of the table.</summary>
internal sealed class ContractRun(MasterTable input, ContractSpec contract, bool autoTransform, ReportDraft draft)
{
    private readonly List<string[]> _rows = [.. input.Rows.Select(r => (string[])r.Clone())];
    private List<string> _columns = [.. input.Columns];

    public IReadOnlyList<string> Columns => _columns;
    public long Fixed { get; private set; }
    public long ValueViolations { get; private set; }
    public long UniquenessViolations { get; private set; }
    public long CellsChecked { get; private set; }
    public int ExtraColumnsKept { get; private set; }
    public JsonArray Transformations { get; } = [];

    public void ApplyMappings()
    {
        foreach (var (source, target) in contract.Mappings)
        {
            int i = _columns.FindIndex(c => string.Equals(c, source, StringComparison.OrdinalIgnoreCase));
            if (i < 0 || !autoTransform || _columns.Contains(target, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            _columns[i] = target;
            Fixed++;
            Transformations.Add(new JsonObject { ["type"] = "rename", ["from"] = source, ["to"] = target });
        }
    }

    public int CheckRequired()
    {
        var missing = contract.Required.Where(r => Find(r) < 0).ToList();
        foreach (string column in missing)
        {
            draft.Issue(column, "missing_required_column", "critical", $"Required column '{column}' is missing.");
        }

        if (missing.Count > 0)
        {
            draft.Alert("critical", "structure", $"{missing.Count} required column(s) missing: {string.Join(", ", missing)}.", missing.Count, "Add the columns or fix column_mappings.");
        }

        return missing.Count;
    }

    public void HandleExtraColumns()
    {
        if (contract.Required.Count + contract.Optional.Count == 0)
        {
            return;
        }

        var extras = _columns.Where(c => !contract.Declares(c)).ToList();
        if (extras.Count == 0)
        {
            return;
        }

        if (!autoTransform)
        {
            ExtraColumnsKept = extras.Count;
            draft.Issue(string.Join(", ", extras), "undeclared_columns", "medium", $"{extras.Count} column(s) are not in the contract.");
            return;
        }

        var keep = Enumerable.Range(0, _columns.Count).Where(i => contract.Declares(_columns[i])).ToArray();
        for (int r = 0; r < _rows.Count; r++)
        {
            _rows[r] = [.. keep.Select(i => _rows[r][i])];
        }

        _columns = [.. keep.Select(i => _columns[i])];
        Fixed += extras.Count;
        Transformations.Add(new JsonObject { ["type"] = "drop_columns", ["columns"] = new JsonArray([.. extras.Select(e => (JsonNode)e)]) });
    }

    public void CheckValues(CancellationToken ct)
    {
        for (int c = 0; c < _columns.Count; c++)
        {
            ct.ThrowIfCancellationRequested();
            string? type = contract.Types.TryGetValue(_columns[c], out var t) ? t : null;
            JsonObject? rule = contract.Constraints.TryGetValue(_columns[c], out var cr) ? cr : null;
            if (type is null && rule is null)
            {
                continue;
            }

            for (int r = 0; r < _rows.Count; r++)
            {
                CheckCell(r, c, type, rule);
            }
        }
    }

    public void CheckUniqueness()
    {
        foreach (var columns in contract.Unique)
        {
            var idx = columns.Select(Find).ToList();
            if (idx.Any(i => i < 0))
            {
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int r = 0; r < _rows.Count; r++)
            {
                if (!seen.Add(string.Join('\u001f', idx.Select(i => _rows[r][i].Trim()))))
                {
                    UniquenessViolations++;
                    draft.RowIssue(r, string.Join("+", columns), "uniqueness_violation", "warning", $"Duplicate value for unique {string.Join("+", columns)}.", null);
                }
            }
        }
    }

    public MasterTable ToTable() => new([.. _columns], _rows);

    private void CheckCell(int r, int c, string? type, JsonObject? rule)
    {
        string value = _rows[r][c];
        CellsChecked++;
        string? violation = null;
        if (type is not null && value.Trim().Length > 0)
        {
            string? cast = ContractValueRules.Cast(value, type);
            if (cast is null)
            {
                violation = $"'{value.Trim()}' is not a valid {type}";
            }
            else if (autoTransform && cast != value)
            {
                _rows[r][c] = value = cast;
                Fixed++;
            }
        }

        if (violation is null && rule is not null)
        {
            (string fixedValue, violation) = ContractValueRules.Check(value, rule, autoTransform);
            if (fixedValue != value)
            {
                _rows[r][c] = fixedValue;
                Fixed++;
            }
        }

        if (violation is not null)
        {
            ValueViolations++;
            draft.RowIssue(r, _columns[c], "contract_violation", "warning", violation, value);
        }
    }

    private int Find(string name) => _columns.FindIndex(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
}
