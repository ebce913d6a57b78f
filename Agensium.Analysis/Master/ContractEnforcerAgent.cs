using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>
/// contract-enforcer: checks the table against parameters.contract (without one the agent errors, CONTRACT_MISSING).
/// auto_transform (default on) renames mapped columns, drops undeclared columns, casts typed columns and fixes the
/// case of allowed values; strict_mode stops at the first critical (structural) violation.
/// Score = structural·0.4 + value·0.4 + fixed/violations·0.2 (structural_weight, value_weight, transformation_weight);
/// compliant ≥ excellent_threshold 95, partially_compliant ≥ good_threshold 80.
/// </summary>
public sealed class ContractEnforcerAgent(TimeProvider timeProvider) : IMasterAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "contract-enforcer";

    /// <inheritdoc/>
    public string Id => AgentId;

    /// <inheritdoc/>
    public string DisplayName => "Contract Enforcer";

    /// <summary>The agent's score weights and status thresholds (read again by the tool before any agent runs).</summary>
    internal static ScoreSettings Scoring(AgentParameters p) => ScoreSettings.Read(p, 95, 80, ("structural_weight", 0.4), ("value_weight", 0.4), ("transformation_weight", 0.2));

    /// <inheritdoc/>
    public MasterAgentResult Run(MasterTable input, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var draft = new ReportDraft(AgentId, DisplayName, timeProvider);
        var contract = ContractSpec.From(parameters).MatchedTo(input.Columns, out var matched);
        bool autoTransform = parameters.GetBool("auto_transform", true);
        bool strict = parameters.GetBool("strict_mode", false);
        var scoring = Scoring(parameters);
        var run = new ContractRun(input, contract, autoTransform, draft);

        if (matched.Count > 0)
        {
            draft.Alert("low", "configuration",
                $"{matched.Count} column name(s) of {draft.Parameter("contract")} were read as the file's column of the same name written with other spaces, underscores or dashes: "
                + string.Join(", ", matched.Select(m => $"'{m.Contract}' as '{m.Column}'")) + ".",
                matched.Count, "Write the contract's column names as the file's header does.");
        }

        run.ApplyMappings();
        int missingRequired = run.CheckRequired();
        run.AlertChecksOnAbsentColumns();
        bool stopped = strict && missingRequired > 0;
        if (!stopped)
        {
            run.HandleExtraColumns();
            run.CheckValues(cancellationToken);
            run.CheckUniqueness();
        }

        double structural = contract.Required.Count == 0 ? 100 : 100.0 * (contract.Required.Count - missingRequired) / contract.Required.Count;
        structural = Math.Max(0, structural - 5 * run.ExtraColumnsKept);
        double value = run.CellsChecked == 0 ? 100 : 100.0 * (1 - (double)run.ValueViolations / run.CellsChecked);
        long found = run.Fixed + run.ValueViolations + run.UniquenessViolations + missingRequired + run.ExtraColumnsKept;
        double fixedRatio = found == 0 ? 100 : 100.0 * run.Fixed / found;
        double score = Rounding.Pct(scoring.Weigh(structural, value, fixedRatio));
        string status = scoring.Status(score, "compliant", "partially_compliant", "non_compliant");
        if (stopped)
        {
            draft.Alert("critical", "contract", "strict_mode stopped the check at a missing required column.", missingRequired, "Supply the required columns.");
        }

        draft.Card("contract_compliance", "Contract Compliance", $"{score:0.##}", status == "compliant" ? "success" : status == "partially_compliant" ? "warning" : "critical",
            "Compliance of the data with its contract.");
        var metrics = new JsonObject
        {
            ["compliance_score"] = score,
            ["compliance_status"] = status,
            ["missing_required_columns"] = missingRequired,
            ["value_violations"] = run.ValueViolations,
            ["uniqueness_violations"] = run.UniquenessViolations,
            ["transformations_applied"] = run.Fixed,
            ["strict_mode_stopped"] = stopped,
        };
        var data = new JsonObject
        {
            ["structural_score"] = Rounding.Pct(structural),
            ["value_score"] = Rounding.Pct(value),
            ["transformation_score"] = Rounding.Pct(fixedRatio),
            ["transformations"] = run.Transformations,
            ["output_columns"] = new JsonArray([.. run.Columns.Select(c => (JsonNode)c)]),
        };
        if (matched.Count > 0)
        {
            data["contract_columns_matched_loosely"] = new JsonArray([.. matched.Select(m => (JsonNode)new JsonObject { ["contract"] = m.Contract, ["column"] = m.Column })]);
        }

        var defaults = new JsonObject { ["auto_transform"] = true, ["strict_mode"] = false };
        var effective = new JsonObject
        {
            ["auto_transform"] = autoTransform,
            ["strict_mode"] = strict,
            ["contract"] = parameters.Supplied["contract"]?.DeepClone(),
        };
        scoring.AddTo(defaults, effective);
        ReportDraft.AddParameterBlocks(data, defaults, parameters, effective);
        string text = $"Contract Enforcer: {status} ({score:0.##}); {missingRequired} missing required column(s), {run.ValueViolations} value and {run.UniquenessViolations} uniqueness violation(s), {run.Fixed} fix(es).";
        return new MasterAgentResult(draft.Build(metrics, data, text), run.ToTable());
    }
}
