using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>
/// Columns named in an agent's parameters that the data does not have: the rule or check naming one does nothing, so
/// each gets a medium configuration alert (with the closest column name, the parameter named with its agent:
/// "stewardship-flagger.required_fields") instead of being ignored in silence.
/// </summary>
internal static class ColumnReferences
{
    /// <summary>Alerts for each single-column parameter (source_column, timestamp_column, …) that names a column the data lacks.</summary>
    public static void AlertMissing(ReportDraft draft, MasterTable table, AgentParameters parameters, params string[] singleColumnParameters)
    {
        foreach (string parameter in singleColumnParameters)
        {
            if (parameters.GetOptionalString(parameter) is { } name && name.Trim().Length > 0)
            {
                AlertMissing(draft, table, parameter, [name]);
            }
        }
    }

    /// <summary>
    /// A medium configuration alert when source_priority is given (or the default rule or a column's rule asks for it) but
    /// no source column is known: neither source_column nor a column whose name holds "source". The rule then falls back
    /// without a word otherwise.
    /// </summary>
    public static void AlertSourcePriorityWithoutSource(ReportDraft draft, MasterTable table, AgentParameters parameters, int sourceColumn,
        IReadOnlyDictionary<string, double> sourcePriority, string defaultRule, IEnumerable<string> columnRules)
    {
        bool asked = sourcePriority.Count > 0 || defaultRule == "source_priority" || columnRules.Contains("source_priority");
        if (sourceColumn >= 0 || !asked || parameters.GetOptionalString("source_column") is { Length: > 0 })
        {
            return; // a source_column the data lacks has its own alert
        }

        var columns = table.Columns.Where(c => !c.StartsWith("__", StringComparison.Ordinal)).ToList();
        draft.Alert("medium", "configuration",
            $"{draft.Parameter("source_priority")} was asked for, but no column says which source a row came from (no source_column given and no column name holds 'source'); the rule could not rank sources", 1,
            $"Name the column with {draft.Parameter("source_column")} (one of: {string.Join(", ", columns)}).");
    }

    /// <summary>Alerts for every name of <paramref name="names"/> that <see cref="MasterTable.Find"/> does not find.</summary>
    public static void AlertMissing(ReportDraft draft, MasterTable table, string parameter, IEnumerable<string> names)
    {
        var columns = table.Columns.Where(c => !c.StartsWith("__", StringComparison.Ordinal)).ToList();
        foreach (string name in names.Distinct(StringComparer.Ordinal).Where(n => table.Find(n) < 0))
        {
            string hint = NameSuggestion.Closest(name, columns) is { } closest ? $" Did you mean '{closest}'?" : "";
            draft.Alert("medium", "configuration", $"Column '{name}' named in {draft.Parameter(parameter)} is not in the data; that entry was ignored.{hint}", 1,
                $"Check {draft.Parameter(parameter)} against the columns: {string.Join(", ", columns)}.");
        }
    }
}
