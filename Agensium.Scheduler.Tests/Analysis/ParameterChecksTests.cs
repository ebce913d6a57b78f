using Agensium.Analysis;
using Agensium.Analysis.Clean;
using Agensium.Analysis.Input;
using Agensium.Analysis.Master;
using Agensium.Scheduler.Tests.Analysis.Clean;
using static Agensium.Scheduler.Tests.Analysis.Master.MasterTestData;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>Parameters that used to be accepted and then skipped or misused (outside probe of every agent parameter): each is now read as documented or refused naming itself.</summary>
[TestClass]
public sealed class ParameterChecksTests
{
    private static readonly FixedTimeProvider Clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static AnalysisException Refused(Action run)
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(run);
        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, ex.ErrorCode, ex.Message);
        return ex;
    }

    private static MasterAgentResult Contract(string csv, string contract) =>
        new ContractEnforcerAgent(Clock).Run(Table(csv), Params(ContractEnforcerAgent.AgentId, $$"""{"contract": {{contract}}}"""), CancellationToken.None);

    [TestMethod]
    public void Survivorship_ShouldApplyPerColumnRules_KeyedAsTheColumnWasNamedBeforeTheMapperRenamedIt()
    {
        // semantic-mapper renamed town → City: allowed_values, validation_patterns and min_length keyed "town" (or
        // "Status" for status) were looked up by the new name only and ignored without a word.
        var result = new SurvivorshipResolverAgent(Clock).Run(Table("cust_no,City,status\n1,Boston,x\n1,Bostonia,actv\n2,Chicago,actv\n2,Chi,y\n"),
            Params(SurvivorshipResolverAgent.AgentId,
                """{"match_key_columns": ["cust_no"], "allowed_values": {"town": ["Boston", "Chi"], "Status": "actv"}}"""), CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "Boston", "Chi" }, new[] { Cell(result.Output!, 0, "City"), Cell(result.Output!, 1, "City") });
        CollectionAssert.AreEqual(new[] { "actv", "actv" }, new[] { Cell(result.Output!, 0, "status"), Cell(result.Output!, 1, "status") },
            "a single allowed value is a list of one");
    }

    [TestMethod]
    public void SourcePriority_ShouldBeAlerted_WhenNoColumnSaysWhereARowCameFrom()
    {
        const string csv = "cid,name,src\n1,Ann,erp\n1,Anne,crm\n";
        const string priority = "\"source_priority\": {\"crm\": 1, \"erp\": 2}";
        var resolver = new SurvivorshipResolverAgent(Clock).Run(Table(csv),
            Params(SurvivorshipResolverAgent.AgentId, $$"""{"match_key_columns": ["cid"], "default_rule": "source_priority", {{priority}}}"""), CancellationToken.None);
        var golden = new GoldenRecordBuilderAgent(Clock).Run(Table(csv),
            Params(GoldenRecordBuilderAgent.AgentId, $$"""{"match_key_columns": ["cid"], {{priority}}}"""), CancellationToken.None);

        foreach (var report in new[] { resolver.Report, golden.Report })
        {
            Assert.IsTrue(report.Alerts.Any(a => ((string?)a!["message"])!.Contains("source_priority was asked for", StringComparison.Ordinal)), report.AgentId);
        }

        var weights = new GoldenRecordBuilderAgent(Clock).Run(Table(csv),
            Params(GoldenRecordBuilderAgent.AgentId, """{"match_key_columns": ["cid"], "match_key_weights": {"nope": 50}}"""), CancellationToken.None);
        Assert.IsTrue(weights.Report.Alerts.Any(a => ((string?)a!["message"])!.Contains("'nope' named in golden-record-builder.match_key_weights", StringComparison.Ordinal)));

        var named = new SurvivorshipResolverAgent(Clock).Run(Table(csv),
            Params(SurvivorshipResolverAgent.AgentId, $$"""{"match_key_columns": ["cid"], "default_rule": "source_priority", "source_column": "src", {{priority}}}"""), CancellationToken.None);
        Assert.IsFalse(named.Report.Alerts.Any(a => ((string?)a!["message"])!.Contains("source_priority", StringComparison.Ordinal)));
        Assert.AreEqual("Anne", Cell(named.Output!, 0, "name"));
    }

    [TestMethod]
    [DataRow("stewardship-flagger", """{"required_fields": ["EmailAdress"], "format_rules": {"mail": "email"}, "duplicate_key_columns": ["nah"], "business_rules": [{"name": "r1"}], "confidence_column": "conf"}""", 5)]
    [DataRow("survivorship-resolver", """{"match_key_columns": ["cid", "nokey"], "default_rule": "source_priority", "source_priority": {"crm": 1}, "timestamp_column": "ts", "min_length": {"zz": 2}}""", 4)]
    [DataRow("golden-record-builder", """{"match_key_columns": ["cid"], "source_priority": {"crm": 1}, "survivorship_rules": {"qq": "most_frequent"}, "match_key_weights": {"nope": 50}}""", 3)]
    [DataRow("semantic-mapper", """{"custom_mappings": {"first_name": "cid", "ghost": "x"}}""", 2)]
    [DataRow("contract-enforcer", """{"contract": {"required_columns": ["first name"], "value_constraints": {"amout": {"min": 0}}}}""", 2)]
    public void ConfigurationAlerts_ShouldNameTheAgentWhoseParameterTheyAreAbout(string agentId, string parameters, int alerts)
    {
        // master-my-data's parameter trouble reached the report and the CLI's `warning:` lines without saying whose
        // parameter it was ("Column 'EmailAdress' named in required_fields is not in the data"); profile-my-data's and
        // clean-my-data's name it as "{agent}.{parameter}".
        IMasterAgent agent = agentId switch
        {
            "stewardship-flagger" => new StewardshipFlaggerAgent(Clock),
            "survivorship-resolver" => new SurvivorshipResolverAgent(Clock),
            "golden-record-builder" => new GoldenRecordBuilderAgent(Clock),
            "semantic-mapper" => new SemanticMapperAgent(Clock),
            _ => new ContractEnforcerAgent(Clock),
        };

        var report = agent.Run(Table("cid,first_name,src\n1,Ann,erp\n1,Anne,crm\n"), Params(agentId, parameters), CancellationToken.None).Report;

        var messages = report.Alerts.Where(a => (string?)a!["category"] == "configuration").Select(a => (string)a!["message"]!).ToList();
        Assert.HasCount(alerts, messages, string.Join("\n", messages));
        foreach (string message in messages)
        {
            StringAssert.Contains(message, agentId + ".", message);
        }
    }

    [TestMethod]
    public void Contract_ShouldSayWhichChecksNameColumnsTheDataLacks_ButNotOptionalOnes()
    {
        var result = Contract("id,amount\n1,5\n2,6\n",
            """{"optional_columns": ["note"], "value_constraints": {"amout": {"min": 0}, "note": {"max_length": 5}}, "uniqueness_constraints": ["nope"], "column_mappings": {"acct": "account"}}""");

        var absent = result.Report.Issues.Where(i => (string?)i!["issue_type"] == "contract_column_absent").Select(i => (string?)i!["field_name"]).ToList();
        CollectionAssert.AreEquivalent(new[] { "amout", "nope", "acct" }, absent);
        StringAssert.Contains((string?)result.Report.Issues.Single(i => (string?)i!["field_name"] == "amout")!["message"], "Did you mean 'amount'?");
        Assert.IsTrue(result.Report.Alerts.Any(a => (string?)a!["category"] == "configuration"));
    }

    [TestMethod]
    public void NestedRuleKeys_ShouldBeReadWithAliasesOrRefused_NeverDroppedInSilence()
    {
        using var files = new CleanTestFiles();
        const string csv = "age,v\n30,1\n200,2\nabc,3\n40,4\n";

        var aliased = files.RunAgent(QuarantineAgent.AgentId, csv, """{"range_rules": {"age": {"minimum": 0, "maximum": 120}}}""");
        Assert.AreEqual(120, (double)CleanTestFiles.Data(aliased)["parameters"]!["range_rules"]!["age"]!["max"]!);
        StringAssert.Contains(Refused(() => files.RunAgent(QuarantineAgent.AgentId, csv, """{"range_rules": {"age": {"mni": 0}}}""")).Message,
            "has a key 'mni' that quarantine-agent does not read");
        StringAssert.Contains(Refused(() => files.RunAgent(CleansePreviewerAgent.AgentId, csv,
            """{"preview_rules": [{"rule": "remove_outliers", "columns": ["v"], "mulitplier": 20}]}""")).Message, "Did you mean 'multiplier'?");
    }

    [TestMethod]
    public void Stewardship_ShouldNameARuleWithoutACondition_AndRefuseAnUnknownSeverity()
    {
        static MasterAgentResult Run(string json) => new StewardshipFlaggerAgent(Clock).Run(Table("id,status\n1,active\n"), Params(StewardshipFlaggerAgent.AgentId, json), CancellationToken.None);

        // The original (and its example configuration) uses another shape, skipped in silence; here it is skipped and said.
        var other = Run("""{"business_rules": [{"name": "r", "column": "status", "rule": "in", "values": ["active"]}, "just a name"]}""");
        Assert.IsTrue(other.Report.Alerts.Any(a => ((string?)a!["message"])!.Contains("have no condition {column, operator, value} and were not checked: business_rules[1] ('r'), business_rules[2]", StringComparison.Ordinal)));
        StringAssert.Contains(Refused(() => Run("""{"business_rules": [{"condition": {"column": "status", "operator": "eq", "value": "x"}, "severity": "extreme"}]}""")).Message,
            "severity 'extreme'");
    }

    [TestMethod]
    public void SemanticMapper_ShouldRefuseABlankCustomName()
    {
        StringAssert.Contains(Refused(() => new SemanticMapperAgent(Clock).Run(Table("id,town\n1,Oslo\n"),
            Params(SemanticMapperAgent.AgentId, """{"custom_mappings": {"town": " "}}"""), CancellationToken.None)).Message, "custom_mappings.town");
        var typo = new SemanticMapperAgent(Clock).Run(Table("id,town\n1,Oslo\n"),
            Params(SemanticMapperAgent.AgentId, """{"value_mappings": {"twon": {"oslo": "OSLO"}}}"""), CancellationToken.None);
        Assert.IsTrue(typo.Report.Alerts.Any(a => ((string?)a!["message"])!.Contains("'twon' named in semantic-mapper.value_mappings", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Stewardship_ShouldRefuseNegativeOrUnknownSeverityWeights()
    {
        static void Run(string json) => new StewardshipFlaggerAgent(Clock).Run(Table("id,email\n1,x\n"), Params(StewardshipFlaggerAgent.AgentId, json), CancellationToken.None);

        StringAssert.Contains(Refused(() => Run("""{"severity_weights": {"critical": -100}}""")).Message, "between 0 and 100");
        StringAssert.Contains(Refused(() => Run("""{"severity_weights": {"urgent": 5}}""")).Message, "unknown key 'urgent'");
        StringAssert.Contains(Refused(() => Run("""{"format_rules": {"id": "[0-9"}}""")).Message, "format_rules.id is not a valid regular expression");
    }

    [TestMethod]
    public void CleanseWriteback_ShouldScaleItsWeightsLikeEveryScore_AndRefuseAllZero()
    {
        using var files = new CleanTestFiles();
        const string csv = "a,b\n1,x\n1,x\n2,3\n3,\n";

        // Checks 50, 87.5, 75, 100 (CleanseWritebackAgentTests): weights 1 each are 0.25 each, 78.13, not a capped 100.
        var result = files.RunAgent(CleanseWritebackAgent.AgentId, csv, """{"types_weight": 1, "nulls_weight": 1, "duplicates_weight": 1, "retention_weight": 1}""");
        Assert.AreEqual(78.13, (double)CleanTestFiles.Metrics(result)["integrity_score"]!, 1e-9);
        Assert.IsNotNull(CleanTestFiles.Data(result)["weights_scaled"]);

        Refused(() => files.RunAgent(CleanseWritebackAgent.AgentId, csv, """{"types_weight": 0, "nulls_weight": 0, "duplicates_weight": 0, "retention_weight": 0}"""));
        StringAssert.Contains(Refused(() => files.RunAgent(CleanseWritebackAgent.AgentId, csv, """{"excellent_threshold": 50, "good_threshold": 80}""")).Message,
            "good_threshold must not be above excellent_threshold");
    }

    [TestMethod]
    public void Contract_ShouldRefuseConstraintsItCannotCheck_InsteadOfCallingTheDataCompliant()
    {
        const string csv = "amount,status\n10,active\n-5,gone\n";
        StringAssert.Contains(Refused(() => Contract(csv, """{"value_constraints": {"amount": {"min": "zero"}}}""")).Message, "must be a number");
        StringAssert.Contains(Refused(() => Contract(csv, """{"value_constraints": {"amount": {"min": 100, "max": 0}}}""")).Message, "above its maximum");
        StringAssert.Contains(Refused(() => Contract(csv, """{"value_constraints": {"status": {"pattern": "[a-z"}}}""")).Message, "not a valid regular expression");
        StringAssert.Contains(Refused(() => Contract(csv, """{"value_constraints": {"status": {"not_null": "sometimes"}}}""")).Message, "true or false");
        var typo = Refused(() => Contract(csv, """{"required_column": ["amount"]}"""));
        StringAssert.Contains(typo.Message, "Did you mean 'required_columns'");

        // One allowed value written as text is a list of one, not a constraint left out.
        var result = Contract(csv, """{"value_constraints": {"status": {"allowed_values": "active"}}}""");
        Assert.AreEqual(1L, (long)result.Report.SummaryMetrics["value_violations"]!, "gone is not allowed");
    }

    [TestMethod]
    public void JsonStrings_ShouldBeReadAtAnyDepth_AndTextThatOnlyLooksLikeJsonKept()
    {
        var parameters = ToolParameters.Parse(
            """{"contract-enforcer": {"contract": {"required_columns": "[\"cust\", \"email\"]"}}, "golden-record-builder": {"timestamp_column": "[updated_at]"}}""",
            [ContractEnforcerAgent.AgentId, GoldenRecordBuilderAgent.AgentId]);

        var contract = parameters.For(ContractEnforcerAgent.AgentId).GetOptionalObject("contract")!;
        var required = new AgentParameters("contract", contract).GetStringList("required_columns");
        CollectionAssert.AreEqual(new[] { "cust", "email" }, required);
        Assert.AreEqual("[updated_at]", parameters.For(GoldenRecordBuilderAgent.AgentId).GetOptionalString("timestamp_column"));
    }

    // Stop 42's README review: messages whose own text ends in a sentence ("… max_value/maximum).", "Did you mean 'x'?")
    // got the full stop of AgentParameters.Invalid after it: "..", "?.".
    [TestMethod]
    [DataRow("test-coverage-agent", """{"range_tests": {"id": {"lower": 1}}}""", "max_value/maximum).", DisplayName = "test-coverage: an unknown bound key")]
    [DataRow("quarantine-agent", """{"range_rules": {"id": {"mni": 1}}}""", "Did you mean 'min'?", DisplayName = "quarantine: a misspelt bound, with its hint")]
    public void Invalid_ShouldEndTheMessageWithOneStop_WhenItsTextEndsASentence(string agent, string json, string ending)
    {
        var parameters = Params(agent, json);
        var ex = Refused(() =>
        {
            if (agent == "test-coverage-agent")
            {
                Agensium.Analysis.Profile.TestCoverageSettings.From(parameters);
            }
            else
            {
                Agensium.Analysis.Clean.QuarantineSettings.From(parameters);
            }
        });
        StringAssert.EndsWith(ex.Message, ending);
    }

    [TestMethod]
    public void Survivorship_ShouldRefuseAPatternThatDoesNotCompile_NamingIt()
    {
        var ex = Refused(() => new SurvivorshipResolverAgent(Clock).Run(Table("id,email\n1,a@b.co\n"),
            Params(SurvivorshipResolverAgent.AgentId, """{"validation_patterns": {"email": "[a-z"}}"""), CancellationToken.None));
        StringAssert.Contains(ex.Message, "validation_patterns.email");
    }

    [TestMethod]
    public void MasterAgents_ShouldAlert_WhenASingleColumnParameterNamesAColumnTheDataLacks()
    {
        const string csv = "id,email,source,updated_at\n1,a@b.co,crm,2024-01-01\n";
        var survivorship = new SurvivorshipResolverAgent(Clock).Run(Table(csv),
            Params(SurvivorshipResolverAgent.AgentId, """{"source_column": "sorce", "timestamp_column": "nosuch", "min_length": {"nm": 2}}"""), CancellationToken.None);
        var golden = new GoldenRecordBuilderAgent(Clock).Run(Table(csv),
            Params(GoldenRecordBuilderAgent.AgentId, """{"timestamp_column": "modified_on"}"""), CancellationToken.None);
        var stewardship = new StewardshipFlaggerAgent(Clock).Run(Table(csv),
            Params(StewardshipFlaggerAgent.AgentId, """{"confidence_column": "trust"}"""), CancellationToken.None);
        var semantic = new SemanticMapperAgent(Clock).Run(Table(csv),
            Params(SemanticMapperAgent.AgentId, """{"custom_mappings": {"cust_ref": "CustomerID"}}"""), CancellationToken.None);

        static string Alerts(MasterAgentResult r) => string.Join("\n", r.Report.Alerts.Select(a => (string?)a!["message"]));
        StringAssert.Contains(Alerts(survivorship), "named in survivorship-resolver.source_column is not in the data; that entry was ignored. Did you mean 'source'?");
        StringAssert.Contains(Alerts(survivorship), "named in survivorship-resolver.timestamp_column");
        StringAssert.Contains(Alerts(survivorship), "named in survivorship-resolver.min_length");
        StringAssert.Contains(Alerts(golden), "named in golden-record-builder.timestamp_column");
        StringAssert.Contains(Alerts(stewardship), "named in stewardship-flagger.confidence_column");
        StringAssert.Contains(Alerts(semantic), "named in semantic-mapper.custom_mappings");
    }

    [TestMethod]
    public void CleanAgents_ShouldSayWhichColumnWasMeant_WhenAParameterNamesOneInAnotherCase()
    {
        using var files = new CleanTestFiles();
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() =>
            files.RunAgent(QuarantineAgent.AgentId, "id,name\n1,Ann\n", """{"required_fields": ["NAME"]}"""));

        StringAssert.Contains(ex.Message, "'NAME' (did you mean 'name'?)");
    }

    [TestMethod]
    public async Task CleanAgents_ShouldSayAnEarlierAgentRemovedAColumn_NotSuggestALookAlike()
    {
        // outlier-remover's columns ["d"] after null-handler dropped d said "not in the file … did you mean 'id'?".
        using var files = new CleanTestFiles();
        files.AddText("data.csv", "id,d,v\n1,,5\n2,,6\n3,,7\n");
        files.AddText("parameters.json", """{"null-handler": {"column_strategies": {"d": "drop_column"}}, "outlier-remover": {"columns": ["d"]}}""");

        var result = await files.RunToolAsync(CancellationToken.None, ["null-handler", "outlier-remover"]);

        var report = File.ReadAllText(result.Outputs.Single(o => o.Name.EndsWith(".json", StringComparison.Ordinal)).Path);
        StringAssert.Contains(report, "'d' (in the task's file, but an earlier agent of the chain removed it)");
        Assert.DoesNotContain("did you mean 'id'", report);
    }

    [TestMethod]
    public async Task Analyze_ShouldPrintAPercentageGivenAsAFraction_AsAWarning()
    {
        // Outside probe: {"type-fixer": {"numeric_threshold": 0.7}} nulled most words of a mostly-text column; the
        // report's alert said "used as 0.7 percent", but analyze printed no warning: line and --json gave "warnings": [].
        using var files = new CleanTestFiles();
        var data = files.AddText("mostlytext.csv", "name,note\nAnn,hello\nBob,world\nCid,42\nDee,foo\nEve,bar\n");
        var parameters = files.AddText("fraction.json", """{"type-fixer": {"numeric_threshold": 0.7}}""");
        const string Warning = "Parameter type-fixer.numeric_threshold is 0.7, used as 0.7 percent: it is on a 0–100 scale. If 70% was meant, write 70.";
        var ct = CancellationToken.None;

        var (exit, output, error) = await SchedulerCommand.RunAsync(new Dictionary<string, string>(), ct, "analyze", data.Path, "--tool", "clean-my-data",
            "--agents", "type-fixer", "--params", parameters.Path, "--out", Path.Combine(files.OutputDir, "lines"));
        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(error, "warning: " + Warning, error);

        var (jsonExit, json, jsonError) = await SchedulerCommand.RunAsync(new Dictionary<string, string>(), ct, "analyze", data.Path, "--tool", "clean-my-data",
            "--agents", "type-fixer", "--params", parameters.Path, "--out", Path.Combine(files.OutputDir, "json"), "--json");
        Assert.AreEqual(0, jsonExit, json + jsonError);
        CollectionAssert.AreEqual(new[] { Warning }, System.Text.Json.Nodes.JsonNode.Parse(json)!["warnings"]!.AsArray().Select(w => (string?)w).ToArray(), json);
    }

    [TestMethod]
    public async Task PercentParameters_ShouldWarn_WhenGivenAsAFraction()
    {
        // pk_uniqueness_threshold 0.99 (meant 99 %) made every column a primary key, without a word.
        using var files = new AnalysisTestSupport();
        files.AddText("data.csv", "id,city\n1,Oslo\n2,Oslo\n3,Rome\n");
        files.AddText("parameters.json", """{"readiness-rater": {"ready_threshold": 0.8, "review_threshold": 0}}""");

        var report = await files.RunReportAsync(CancellationToken.None, ["readiness-rater"]);

        var messages = string.Join("\n", report["alerts"]!.AsArray().Select(a => (string?)a!["message"]));
        StringAssert.Contains(messages, "Parameter readiness-rater.ready_threshold is 0.8, used as 0.8 percent: it is on a 0–100 scale. If 80% was meant, write 80.");
        Assert.DoesNotContain("review_threshold is", messages);
        StringAssert.Contains(Refused(() => new KeyIdentifierAgent(Clock).Run(Table("id\n1\n"),
            Params(KeyIdentifierAgent.AgentId, """{"pk_uniqueness_threshold": 90, "entity_key_threshold": 95}"""), CancellationToken.None)).Message,
            "must not be above pk_uniqueness_threshold");

        // The README's own example: pk 0.99 alone is used as given, with the alert (the default entity threshold, 50,
        // is no reason to refuse it); 0.29 is said as 29, not 28.999999999999996; a real 1 % gets no alert.
        var pk = new KeyIdentifierAgent(Clock).Run(Table("id\n1\n2\n"), Params(KeyIdentifierAgent.AgentId, """{"pk_uniqueness_threshold": 0.99}"""), CancellationToken.None);
        Assert.AreEqual(0.99, (double)pk.Report.Data["parameters"]!["pk_uniqueness_threshold"]!);
        var odd = Params("unified-profiler", """{"null_alert_threshold": 0.29}""");
        var one = Params("unified-profiler", """{"null_alert_threshold": 1}""");
        odd.GetDouble("null_alert_threshold", 50, 0, 100);
        one.GetDouble("null_alert_threshold", 50, 0, 100);
        Assert.AreEqual(0.29, odd.FractionsForPercents["null_alert_threshold"]);
        Assert.IsEmpty(one.FractionsForPercents);
    }

    [TestMethod]
    public void Ranges_ShouldBeRefused_WhenTheirMinimumIsAboveTheirMaximum()
    {
        using var files = new CleanTestFiles();
        StringAssert.Contains(Refused(() => files.RunAgent(QuarantineAgent.AgentId, "age\n30\n", """{"range_rules": {"age": {"min": 200, "max": 100}}}""")).Message,
            "min 200 above its max 100");
        var quoted = files.RunAgent(QuarantineAgent.AgentId, "age\n30\n-1\n", """{"range_rules": {"age": {"min": "0", "max": "120"}}}""");
        Assert.AreEqual(1L, (long)CleanTestFiles.Metrics(quoted)["quarantined_rows"]!, "a number written as text is read as the number");

        Refused(() => Agensium.Analysis.Profile.TestCoverageSettings.From(Params("test-coverage-agent", """{"range_tests": {"v": [100, 0]}}""")));
    }

    [TestMethod]
    public void ChoiceLists_ShouldReadNamesWhateverTheirCase()
    {
        using var files = new CleanTestFiles();
        var result = files.RunAgent(DuplicateResolverAgent.AgentId, "id,v\n1,a\n1,a\n", """{"detection_types": ["Exact"]}""");
        Assert.AreEqual("exact", (string?)CleanTestFiles.Data(result)["parameters"]!["detection_types"]![0]);

        var survivorship = new SurvivorshipResolverAgent(Clock).Run(Table("id,v\n1,a\n"),
            Params(SurvivorshipResolverAgent.AgentId, """{"default_rule": "Most_Recent", "survivorship_rules": {"v": "Frequency"}}"""), CancellationToken.None);
        Assert.IsNotNull(survivorship.Report);
    }

    [TestMethod]
    public void MasterSettings_ShouldBeRefused_WhenTheyHaveTheWrongShape()
    {
        const string csv = "id,name,country\n1,Ann,uk\n";
        Refused(() => new StewardshipFlaggerAgent(Clock).Run(Table(csv),
            Params(StewardshipFlaggerAgent.AgentId, """{"business_rules": {"name": "r", "condition": {"column": "id", "operator": "gt", "value": 0}}}"""), CancellationToken.None));
        Refused(() => new GoldenRecordBuilderAgent(Clock).Run(Table(csv),
            Params(GoldenRecordBuilderAgent.AgentId, """{"match_key_columns": ["name"], "match_key_weights": {"name": 0}}"""), CancellationToken.None));
        Refused(() => new SemanticMapperAgent(Clock).Run(Table(csv),
            Params(SemanticMapperAgent.AgentId, """{"value_mappings": {"country": "uk"}}"""), CancellationToken.None));
        Refused(() => new SurvivorshipResolverAgent(Clock).Run(Table(csv),
            Params(SurvivorshipResolverAgent.AgentId, """{"min_length": {"name": -3}}"""), CancellationToken.None));
    }

    [TestMethod]
    public void SemanticMapper_ShouldApplyACustomMapping_BeforeAnAutomaticGuessTakesItsTarget()
    {
        // fname would be guessed FirstName; the user maps misc there instead.
        var result = new SemanticMapperAgent(Clock).Run(Table("fname,misc\nAnn,Ann\nBob,Bob\n"),
            Params(SemanticMapperAgent.AgentId, """{"custom_mappings": {"misc": "FirstName"}}"""), CancellationToken.None);
        CollectionAssert.AreEqual(new[] { "fname", "FirstName" }, result.Output!.Columns.ToArray());

        // A real column already named so: the custom mapping is not applied, and the report says why.
        var taken = new SemanticMapperAgent(Clock).Run(Table("FirstName,misc\nAnn,Ann\n"),
            Params(SemanticMapperAgent.AgentId, """{"custom_mappings": {"misc": "FirstName"}}"""), CancellationToken.None);
        CollectionAssert.AreEqual(new[] { "FirstName", "misc" }, taken.Output!.Columns.ToArray());
        Assert.IsTrue(taken.Report.Alerts.Any(a => ((string?)a!["message"])!.Contains("already has a column 'FirstName'", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Overrides_ShouldShowTheValueAsGiven_AndParametersAsUsed_InEveryTool()
    {
        using (var files = new AnalysisTestSupport())
        {
            files.AddText("data.csv", "id,v\n1,2\n2,3\n");
            // (A null outlier_iqr_multiplier was shown as given beside the default used; it is refused since stop 43,
            // Null_ShouldBeRefusedNamingTheKey_WhereTheDefaultIsAValue.)
            files.AddText("parameters.json", """{"unified-profiler": {"null_alert_threshold": "30"}}""");
            var profiler = AnalysisTestSupport.Profiler(await files.RunReportAsync(CancellationToken.None, ["unified-profiler"]))["data"]!;
            Assert.AreEqual("30", (string?)profiler["overrides"]!["null_alert_threshold"]);
            Assert.AreEqual(30, (double)profiler["parameters"]!["null_alert_threshold"]!);
        }

        // overrides showed the processed value: null given showed the default 1.5, [] showed the columns picked.
        var master = new SurvivorshipResolverAgent(Clock).Run(Table("id,v\n1,a\n"),
            Params(SurvivorshipResolverAgent.AgentId, """{"min_confidence": "0.9", "match_key_columns": []}"""), CancellationToken.None);
        Assert.AreEqual("0.9", (string?)master.Report.Data["overrides"]!["min_confidence"]!);
        Assert.AreEqual(0.9, (double)master.Report.Data["parameters"]!["min_confidence"]!);
        Assert.IsEmpty(master.Report.Data["overrides"]!["match_key_columns"]!.AsArray());

        var data = new System.Text.Json.Nodes.JsonObject();
        var p = Params("outlier-remover", """{"iqr_multiplier": null}""");
        p.Describe(data, new() { ["iqr_multiplier"] = 1.5 }, new() { ["iqr_multiplier"] = 1.5 });
        Assert.IsNull(data["overrides"]!["iqr_multiplier"]);
        Assert.IsTrue(data["overrides"]!.AsObject().ContainsKey("iqr_multiplier"));
        Assert.AreEqual(1.5, (double)data["parameters"]!["iqr_multiplier"]!);
    }

    [TestMethod]
    public async Task Report_ShouldNameAgentsGivenParametersButNotRun()
    {
        using var files = new CleanTestFiles();
        files.AddText("data.csv", "id,v\n1,2\n2,3\n");
        files.AddText("parameters.json", """{"quarantine-agent": {"check_empty_rows": true}, "outlier-remover": {"method": "iqr"}}""");

        var result = await files.RunToolAsync(CancellationToken.None, ["quarantine-agent"]);

        Assert.IsTrue(result.Succeeded, result.ErrorMessage);
        var report = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(result.Outputs.Single(o => o.Name.EndsWith(".json", StringComparison.Ordinal)).Path))!;
        var notRun = report["metadata"]!["parameters_for_agents_not_run"]!["agents"]!.AsArray().Select(n => (string?)n).ToArray();
        CollectionAssert.AreEqual(new[] { "outlier-remover" }, notRun);
    }

    [TestMethod]
    public void CleansePreviewer_ShouldCheckTheOutlierMultiplier_AndTakeNullForTheDefaults()
    {
        using var files = new CleanTestFiles();
        const string csv = "v\n1\n2\n3\n100\n";
        StringAssert.Contains(Refused(() => files.RunAgent(CleansePreviewerAgent.AgentId, csv, """{"preview_rules": [{"rule": "remove_outliers", "multiplier": -5}]}""")).Message,
            "multiplier");

        var asText = files.RunAgent(CleansePreviewerAgent.AgentId, csv, """{"preview_rules": [{"rule": "remove_outliers", "multiplier": "3"}]}""");
        Assert.AreEqual(3.0, (double)CleanTestFiles.Data(asText)["parameters"]!["preview_rules"]![0]!["multiplier"]!);

        var defaults = files.RunAgent(CleansePreviewerAgent.AgentId, csv, """{"preview_rules": null}""");
        var plain = files.RunAgent(CleansePreviewerAgent.AgentId, csv);
        Assert.AreEqual(CleanTestFiles.Metrics(plain)["rules_previewed"]!.ToJsonString(), CleanTestFiles.Metrics(defaults)["rules_previewed"]!.ToJsonString());
    }

    /// <summary>
    /// Stop 43: {"field-standardization": {"case_strategy": null}} ran with the default (lowercase) while the report's
    /// overrides showed {"case_strategy": null}. Null is no value of a parameter whose default is one (a word, a number,
    /// true/false): refused naming the key, the same for every agent. Where leaving the key out means none (a list, an
    /// object), null still means that.
    /// </summary>
    [TestMethod]
    [DataRow("field-standardization", """{"case_strategy": null}""", "field-standardization.case_strategy", "(lowercase)", DisplayName = "a word")]
    [DataRow("field-standardization", """{"trim_whitespace": null}""", "field-standardization.trim_whitespace", "(true)", DisplayName = "true/false")]
    [DataRow("outlier-remover", """{"iqr_multiplier": null}""", "outlier-remover.iqr_multiplier", "(1.5)", DisplayName = "a number")]
    [DataRow("cleanse-writeback", """{"excellent_threshold": null}""", "cleanse-writeback.excellent_threshold", "(95)", DisplayName = "a threshold")]
    public void Null_ShouldBeRefusedNamingTheKey_WhereTheDefaultIsAValue(string agentId, string json, string named, string defaultSaid)
    {
        using var files = new CleanTestFiles();

        var message = Refused(() => files.RunAgent(agentId, "id,name\n1,Ann\n2,Bob\n", json)).Message;

        StringAssert.Contains(message, $"Parameter {named} is null, which is not a value of");
        StringAssert.Contains(message, "leave the key out for the default " + defaultSaid);
    }

    [TestMethod]
    public void Null_ShouldMeanNone_WhereLeavingTheKeyOutDoes()
    {
        using var files = new CleanTestFiles();
        const string csv = "id,name\n1,Ann\n1,Ann\n2,Bob\n";

        var nullKeys = files.RunAgent("duplicate-resolver", csv, """{"key_columns": null}""");
        var noKeys = files.RunAgent("duplicate-resolver", csv);

        Assert.AreEqual(1, (int)CleanTestFiles.Data(nullKeys)["rows_removed"]!, "all columns are the key, as with none given");
        Assert.AreEqual(CleanTestFiles.Data(noKeys)["key_columns"]!.ToJsonString(), CleanTestFiles.Data(nullKeys)["key_columns"]!.ToJsonString());
    }
}
