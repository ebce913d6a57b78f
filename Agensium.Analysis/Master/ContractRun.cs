using System.Text.Json.Nodes;

namespace Agensium.Analysis.Master;

/// <summary>
/// The mutable state of one contract-enforcer run: the table's columns (shared with the input until a check changes
/// one). Casts and constraints depend on the cell only, so they run once per distinct cell of a column.
/// </summary>
internal sealed class ContractRun(MasterTable input, ContractSpec contract, bool autoTransform, ReportDraft draft)
{
    private List<MasterColumn> _cells = [.. Enumerable.Range(0, input.Columns.Count).Select(input.Column)];
    private List<string> _columns = [.. input.Columns];

    public IReadOnlyList<string> Columns => _columns;
    public long Fixed { get; private set; }
    public long ValueViolations { get; private set; }
    public long UniquenessViolations { get; private set; }
    public long CellsChecked { get; private set; }
    public int ExtraColumnsKept { get; private set; }
    public JsonArray Transformations { get; } = [];

    // Columns column_mappings named whose rename was refused (the target name was taken): kept, never dropped as undeclared.
    private readonly HashSet<string> _refusedSources = new(StringComparer.Ordinal);

    public void ApplyMappings()
    {
        var refused = new List<string>();
        foreach (var (source, target) in contract.Mappings)
        {
            int i = _columns.FindIndex(c => string.Equals(c, source, StringComparison.OrdinalIgnoreCase));
            if (i < 0 || !autoTransform || string.Equals(_columns[i], target, StringComparison.Ordinal))
            {
                continue;
            }

            // The target may differ from the column only in case ("Phone" → "phone"): that is a rename. Another column
            // of that name is a clash, said rather than skipped silently.
            int existing = _columns.FindIndex(c => string.Equals(c, target, StringComparison.OrdinalIgnoreCase));
            if (existing >= 0 && existing != i)
            {
                draft.Issue(_columns[i], "mapping_conflict", "medium",
                    $"Column '{_columns[i]}' was not renamed to '{target}': the file already has a column '{_columns[existing]}'. It was kept as it is.");
                _refusedSources.Add(_columns[i]);
                refused.Add($"'{_columns[i]}' → '{target}' (the file has '{_columns[existing]}')");
                continue;
            }

            _columns[i] = target;
            Fixed++;
            Transformations.Add(new JsonObject { ["type"] = "rename", ["from"] = source, ["to"] = target });
        }

        if (refused.Count > 0)
        {
            // A mapping not done as asked is a setting not done as asked: a configuration alert, which the command line
            // prints as a warning. As an issue alone, auto_transform then dropped the column as undeclared and its values
            // left the output with a drop_columns entry only.
            draft.Alert("medium", "configuration",
                $"{refused.Count} column(s) of {draft.Parameter("contract")} column_mappings were not renamed, because the file already has a column of the target name; "
                + $"they were kept as they are, not dropped as undeclared: {string.Join("; ", refused)}.",
                refused.Count, "Map each column to a name the file does not have, or remove one of the two columns from the file.");
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

    /// <summary>
    /// Columns the contract's checks name (column_types, value_constraints, uniqueness_constraints, column_mappings)
    /// that the data does not have, other than required ones (reported as missing) and optional ones (allowed to be
    /// absent): each check on them checked nothing, so that is said (a misspelt name would otherwise pass as compliant).
    /// </summary>
    public void AlertChecksOnAbsentColumns()
    {
        var absent = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
        void Note(string column, string section)
        {
            if (Find(column) < 0 && !contract.Required.Contains(column, StringComparer.OrdinalIgnoreCase)
                && !contract.Optional.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                (absent.TryGetValue(column, out var sections) ? sections : absent[column] = new SortedSet<string>(StringComparer.Ordinal)).Add(section);
            }
        }

        foreach (var column in contract.Types.Keys)
        {
            Note(column, "column_types");
        }

        foreach (var column in contract.Constraints.Keys)
        {
            Note(column, "value_constraints");
        }

        foreach (var column in contract.Unique.SelectMany(u => u))
        {
            Note(column, "uniqueness_constraints");
        }

        foreach (var (source, target) in contract.Mappings)
        {
            if (Find(target) < 0)
            {
                Note(source, "column_mappings");
            }
        }

        if (absent.Count == 0)
        {
            return;
        }

        var columns = _columns.Where(c => !c.StartsWith("__", StringComparison.Ordinal)).ToList();
        foreach (var (column, sections) in absent)
        {
            string hint = Common.NameSuggestion.Closest(column, columns) is { } closest ? $" Did you mean '{closest}'?" : "";
            draft.Issue(column, "contract_column_absent", "medium",
                $"The contract's {string.Join(" and ", sections)} name column '{column}', which the data does not have: nothing was checked for it.{hint}");
        }

        draft.Alert("medium", "configuration",
            $"{absent.Count} column(s) named in the checks of {draft.Parameter("contract")} are not in the data, so those checks checked nothing: {string.Join(", ", absent.Keys)}.",
            absent.Count, "Check the contract's column names against the file's header, or declare the columns optional_columns.");
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

        var keep = Enumerable.Range(0, _columns.Count).Where(i => contract.Declares(_columns[i])).ToArray();
        if (autoTransform && keep.Length == 0)
        {
            // Dropping every column would leave no data at all: the contract names none of the file's columns (a
            // misspelt contract, or a file renamed upstream). Keep them and say so instead.
            draft.Alert("critical", "contract", $"The contract declares none of the file's {extras.Count} column(s); auto_transform dropped none of them.",
                extras.Count, "Check the column names in the contract against the file's header.");
        }

        if (!autoTransform || keep.Length == 0)
        {
            ExtraColumnsKept = extras.Count;
            draft.Issue(string.Join(", ", extras), "undeclared_columns", keep.Length == 0 ? "high" : "medium", $"{extras.Count} column(s) are not in the contract.");
            return;
        }

        // A column whose mapping was refused is kept: dropping it would lose values the contract meant to keep under
        // another name. It is still undeclared, so it counts against the structure score as a kept extra column does.
        var dropped = extras.Where(e => !_refusedSources.Contains(e)).ToList();
        ExtraColumnsKept = extras.Count - dropped.Count;
        if (dropped.Count == 0)
        {
            return;
        }

        keep = [.. Enumerable.Range(0, _columns.Count).Where(i => contract.Declares(_columns[i]) || _refusedSources.Contains(_columns[i]))];
        _cells = [.. keep.Select(i => _cells[i])];
        _columns = [.. keep.Select(i => _columns[i])];
        Fixed += dropped.Count;
        Transformations.Add(new JsonObject { ["type"] = "drop_columns", ["columns"] = new JsonArray([.. dropped.Select(e => (JsonNode)e)]) });
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

            CheckColumn(c, type, rule, ct);
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

            // The issue names the columns as the file has them (the contract finds them ignoring case): issue_summary's
            // affected_columns then counts "Email" of a contract and "email" of another agent's issue as one column.
            var names = idx.Select(i => _columns[i]).ToList();
            var label = string.Join("+", names);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var keyOf = TrimmedCodes.RowKeys(ToTable(), idx);
            for (int r = 0; r < input.RowCount; r++)
            {
                // A row with no value in the key (blank cells or null tokens) repeats no one: a missing value is not_null's
                // concern, as in a database's UNIQUE. Such rows all shared the key "" and every one after the first was a duplicate.
                if (keyOf(r) is { } key && !seen.Add(key))
                {
                    UniquenessViolations++;
                    draft.RowIssue(r, label, "uniqueness_violation", "warning", $"Duplicate value for unique {label}.", null, names);
                }
            }
        }
    }

    public MasterTable ToTable() => new([.. _columns], _cells, input.RowCount)
    {
        FileRows = input.FileRows,
        ContractColumns = _columns.Where(c => contract.Declares(c) || contract.Mappings.Values.Contains(c, StringComparer.OrdinalIgnoreCase))
            .ToHashSet(StringComparer.OrdinalIgnoreCase),
        ContractValueColumns = _columns.Where(contract.Constraints.ContainsKey).ToHashSet(StringComparer.OrdinalIgnoreCase),
    };

    // Checks every cell of column c: each distinct cell once (its fixed value, number of fixes and violation), then
    // the rows in order for the counts and row issues.
    private void CheckColumn(int c, string? type, JsonObject? rule, CancellationToken ct)
    {
        var column = _cells[c];
        var results = new (string Value, int Fixes, string? Violation, string Reported)[column.Values.Count];
        var counts = column.CodeCounts();
        // Dates are read in the column's order: day-first when its dates show it (13/04/2024), else month-first.
        bool dayFirst = type is not null && ContractValueRules.IsDateType(type) && Clean.DateValues.DayFirstColumn(column.Values);
        // Numbers are read in the column's notation: "12,50" is twelve and a half in a column that writes decimal commas.
        var notation = type is not null || rule is not null ? column.NumberNotation : Clean.ColumnNotation.DecimalPoint;
        for (int code = 0; code < results.Length; code++)
        {
            results[code] = counts[code] > 0 ? CheckCell(column.Values[code], type, rule, dayFirst, notation) : (column.Values[code], 0, null, column.Values[code]);
        }

        long columnFixes = 0;
        for (int r = 0; r < input.RowCount; r++)
        {
            if (r % 65536 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var result = results[column.CodeOf(r)];
            CellsChecked++;
            Fixed += result.Fixes;
            columnFixes += result.Fixes;
            if (result.Violation is not null)
            {
                ValueViolations++;
                draft.RowIssue(r, _columns[c], "contract_violation", "warning", result.Violation, result.Reported);
            }
        }

        if (autoTransform && type is not null && ContractValueRules.IsDateType(type))
        {
            ReportDateOrder(_columns[c], column, counts);
        }

        if (results.Where((x, code) => !ReferenceEquals(x.Value, column.Values[code])).Any())
        {
            _cells[c] = column.WithValues([.. results.Select(x => x.Value)]);
        }

        if (columnFixes > 0)
        {
            // Every value the contract rewrote is accounted for: how many, and a few of the changes as written.
            var examples = Enumerable.Range(0, results.Length)
                .Where(code => counts[code] > 0 && results[code].Fixes > 0 && results[code].Value != column.Values[code])
                .Take(5).Select(code => (JsonNode)new JsonObject { ["from"] = column.Values[code], ["to"] = results[code].Value }).ToArray();
            Transformations.Add(new JsonObject
            {
                ["type"] = "value_fixes",
                ["column"] = _columns[c],
                ["values_changed"] = columnFixes,
                ["examples"] = new JsonArray(examples),
            });
        }
    }

    // The order the column's numeric dates were cast in, when it is in question, said as the clean agents say it
    // (mixed_date_order, ambiguous_date_order): after the cast they are ISO and the order can no longer be seen.
    private void ReportDateOrder(string name, MasterColumn column, int[] counts)
    {
        var orders = default(Clean.DateOrderCounts);
        for (int code = 0; code < counts.Length; code++)
        {
            if (counts[code] > 0 && Clean.DateValues.IsDate(column.Values[code]))
            {
                orders = orders.With(column.Values[code], counts[code]);
            }
        }

        if (orders.Finding(name) is { } finding)
        {
            draft.Issue(name, finding.Type, "medium", finding.Message);
        }
    }

    // One cell: the cast (auto_transform), then the constraint; the value reported with a violation is the value checked.
    private (string Value, int Fixes, string? Violation, string Reported) CheckCell(string value, string? type, JsonObject? rule, bool dayFirst,
        Clean.ColumnNotation notation)
    {
        if (Clean.CellValues.IsMissing(value))
        {
            // A null token (N/A, NULL, -, …) is a missing value, as a blank cell is and as every master agent reads it:
            // what it can break is not_null, not the column's type or allowed values. "'N/A' is not a valid date" named a
            // missing date a wrong one, and "N/A" passed not_null.
            return (value, 0, rule is not null && ContractValueRules.IsRequired(rule) ? "value is required" : null, value);
        }

        int fixes = 0;
        if (type is not null)
        {
            string? cast = ContractValueRules.Cast(value, type, dayFirst, notation);
            if (cast is null)
            {
                return (value, 0, $"'{value.Trim()}' is not a valid {type}", value);
            }

            if (autoTransform && cast != value)
            {
                value = cast;
                fixes++;
                if (ContractValueRules.IsNumberType(type))
                {
                    notation = Clean.ColumnNotation.DecimalPoint; // the cast wrote it with a decimal point
                }
            }
        }

        if (rule is not null)
        {
            (string fixedValue, string? violation) = ContractValueRules.Check(value, rule, autoTransform, notation);
            if (fixedValue != value)
            {
                fixes++;
            }

            return (fixedValue, fixes, violation, value);
        }

        return (value, fixes, null, value);
    }

    private int Find(string name) => _columns.FindIndex(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
}
