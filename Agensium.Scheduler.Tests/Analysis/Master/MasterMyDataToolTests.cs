using System.Text.Json.Nodes;
using Agensium.Analysis;
using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>The master-my-data tool end to end: chain, report, mastered CSV, progress and bad input.</summary>
[TestClass]
public sealed class MasterMyDataToolTests
{
    private AnalysisTestSupport _files = null!;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Ct => TestContext.CancellationToken;

    private MasterMyDataTool Tool { get; } = new(MasterTestData.Clock);

    [TestInitialize]
    public void Init() => _files = new AnalysisTestSupport();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    private Task<AnalysisResult> RunAsync(IReadOnlyList<string>? agents = null, IProgress<AnalysisProgress>? progress = null, CancellationToken? ct = null) =>
        Tool.RunAsync(new AnalysisRequest("task-9", _files.Inputs, agents, _files.OutputDir), progress, ct ?? Ct);

    private JsonObject Report() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(_files.OutputDir, MasterMyDataTool.ReportFileName)))!.AsObject();

    [TestMethod]
    public async Task RunAsync_ShouldLeaveOutRowsOfBlanksOnly_AndSaySo()
    {
        // ",," between an export's rows was a golden record of empty cells (one per such row).
        _files.AddText("contacts.csv", "name,email,city\nAnn Lee,ann@lee.com,Leeds\n,,\nBob Ray,bob@ray.org,York\n , ,\n");

        var result = await RunAsync();

        var csv = result.Outputs.Single(o => o.Name.EndsWith(".csv", StringComparison.Ordinal));
        var mastered = MasterTable.Load(new InputFile(csv.Name, csv.Path), Ct);
        Assert.AreEqual(2, mastered.RowCount);
        var report = Report();
        Assert.IsTrue(report["alerts"]!.AsArray().Any(a => ((string?)a!["alert_id"])!.EndsWith("_blank_rows_left_out", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task RunAsync_ShouldReportTheFilesRowNumbers_WhenRowsOfBlanksWereLeftOut()
    {
        // Rows 1 and 2 are blanks only; Bob (row 3) has an invalid e-mail and an extra field, Ann is rows 0 and 4.
        _files.AddText("people.csv", "id,first_name,last_name,email,phone\n1,Ann,Lee,ann@x.com,555-0101\n,,,,\n,,,,\n"
            + "2,Bob,Ray,bob-at-x,555-0102,extra\n1,Ann,Lee,ann@x.com,555-0101\n");

        // semantic-mapper keeps the rows, so survivorship-resolver's input still holds the file's rows.
        var result = await RunAsync(["stewardship-flagger", "semantic-mapper", "survivorship-resolver"]);

        Assert.IsTrue(result.Succeeded);
        var report = Report();
        var clusters = report["agent_results"]!["survivorship-resolver"]!["data"]!["clusters"]!.AsArray()
            .Select(c => string.Join(",", c!["row_indexes"]!.AsArray().Select(r => (int)r!))).ToArray();
        CollectionAssert.AreEqual(new[] { "0,4", "3" }, clusters);
        var steward = report["agent_results"]!["stewardship-flagger"]!["data"]!;
        CollectionAssert.AreEqual(new[] { 3 }, steward["rows_with_extra_fields"]!.AsArray().Select(r => (int)r!).ToArray());
        Assert.IsTrue(report["alerts"]!.AsArray().Any(a => ((string)a!["message"]!).Contains("(first: row 3)", StringComparison.Ordinal)));
        var issueRows = report["row_level_issues"]!.AsArray().Select(i => (int)i!["row_index"]!).Distinct().ToArray();
        CollectionAssert.AreEqual(new[] { 3 }, issueRows);
    }

    [TestMethod]
    public void Tool_ShouldListSixAgentsInOrder_WhenAskedForDefaults()
    {
        string[] expected = ["key-identifier", "contract-enforcer", "semantic-mapper", "survivorship-resolver", "golden-record-builder", "stewardship-flagger"];

        CollectionAssert.AreEqual(expected, Tool.Agents.ToArray());
        CollectionAssert.AreEqual(expected, Tool.DefaultAgents.ToArray());
        Assert.AreEqual("master-my-data", Tool.Id);
    }

    [TestMethod]
    public async Task RunAsync_ShouldAlertOnUnusedParameters_WhenGoldenRecordBuilderHasAMisspeltName()
    {
        _files.AddBytes("master_my_data.csv", File.ReadAllBytes(MasterTestData.SamplePath("master_my_data.csv")));
        _files.AddText("parameters.json", """{"golden-record-builder":{"enable_fuzzy_matching":true,"fuzzy_treshold":85}}""");

        var result = await RunAsync();

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        var report = Report();
        var golden = report["agent_results"]!["golden-record-builder"]!;
        CollectionAssert.AreEqual(new[] { "fuzzy_treshold" }, golden["data"]!["ignored_parameters"]!.AsArray().Select(n => (string?)n).ToArray());
        var alert = report["alerts"]!.AsArray().Single(a => (string?)a!["category"] == "configuration")!;
        Assert.AreEqual("alert_golden_record_builder_unused_parameter_1", (string?)alert["alert_id"]);
        StringAssert.Contains((string?)alert["message"], "Did you mean 'fuzzy_threshold'?");
        Assert.AreEqual(80.0, (double)golden["data"]!["parameters"]!["fuzzy_threshold"]!, "the default stays in force");
    }

    [TestMethod]
    public async Task RunAsync_ShouldCompleteWithContractEnforcerFailed_WhenDefaultChainRunsWithoutContract()
    {
        _files.AddBytes("master_my_data.csv", File.ReadAllBytes(MasterTestData.SamplePath("master_my_data.csv")));
        _files.AddText("parameters.json", """{"golden-record-builder":{"match_key_columns":["EmailAddress"],"source_column":"SourceSystem"}}""");
        var progress = new RecordingProgress();

        var result = await RunAsync(progress: progress);

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        var report = Report();
        var failed = report["metadata"]!["failed_agents"]!.AsArray();
        Assert.HasCount(1, failed);
        Assert.AreEqual("contract-enforcer", (string?)failed[0]!["agent_id"]);
        Assert.AreEqual("CONTRACT_MISSING", (string?)failed[0]!["error_code"]);
        CollectionAssert.AreEquivalent(new[] { "key-identifier", "semantic-mapper", "survivorship-resolver", "golden-record-builder", "stewardship-flagger" },
            report["agent_results"]!.AsObject().Select(kv => kv.Key).ToArray());
        Assert.AreEqual("5/6", (string?)report["executive_summary"]![0]!["value"]);
        Assert.AreEqual("master-my-data", (string?)report["metadata"]!["tool"]);
        CollectionAssert.AreEqual(new[] { 15, 28, 41, 55, 68, 81, 95 }, progress.Reports.Select(p => p.Progress).ToArray());

        var csv = result.Outputs.Single(o => o.Name.EndsWith(".csv", StringComparison.Ordinal));
        Assert.AreEqual("master_my_data_mastered_20250102_030405.csv", csv.Name);
        var mastered = MasterTable.Load(new InputFile(csv.Name, csv.Path), Ct);
        Assert.AreEqual(87, mastered.RowCount);
        Assert.IsGreaterThanOrEqualTo(0, mastered.Find("__stewardship_issues__"));
        Assert.IsGreaterThanOrEqualTo(0, mastered.Find("__trust_score__"));
        Assert.AreEqual("Email", mastered.Columns[mastered.Find("EmailAddress")]);
    }

    [TestMethod]
    public async Task RunAsync_ShouldMasterAListOfCopiesIntoOneRecordEach_WhenNoKeyColumnQualifies()
    {
        // Every row a copy of another, the company column 40 % distinct: no key, so 10 rows came out as 10 records.
        _files.AddText("vendors.csv", "company,city,country,category\n" + string.Concat(
            Enumerable.Repeat("Acme Corp,Boston,US,hardware\n", 3).Concat(Enumerable.Repeat("Globex,Paris,FR,software\n", 3))
                .Concat(Enumerable.Repeat("Initech,Austin,US,services\n", 2)).Concat(Enumerable.Repeat("Umbrella,Berlin,DE,pharma\n", 2))));

        var result = await RunAsync();

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        var csv = result.Outputs.Single(o => o.Name.EndsWith(".csv", StringComparison.Ordinal));
        var mastered = MasterTable.Load(new InputFile(csv.Name, csv.Path), Ct);
        Assert.AreEqual(4, mastered.RowCount);
        int sources = mastered.Find("__source_count__");
        CollectionAssert.AreEqual(new[] { "3", "3", "2", "2" }, Enumerable.Range(0, 4).Select(r => mastered[r, sources]).ToArray());
    }

    [TestMethod]
    public async Task RunAsync_ShouldKeepTwoAddressesApart_WhenTheyDifferOnlyInPunctuation()
    {
        // bob@ray.org and bob@r-ay.org are two mailboxes; the shared-mailbox rule keyed them without punctuation
        // ("bobrayorg") and gave one golden record, with one of the two e-mails.
        _files.AddText("people.csv", "name,email,city\nBob Ray,bob@ray.org,York\n,bob@r-ay.org,York\n");

        var result = await RunAsync();

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        var csv = result.Outputs.Single(o => o.Name.EndsWith(".csv", StringComparison.Ordinal));
        var mastered = MasterTable.Load(new InputFile(csv.Name, csv.Path), Ct);
        int email = mastered.Find("email");
        CollectionAssert.AreEquivalent(new[] { "bob@ray.org", "bob@r-ay.org" }, Enumerable.Range(0, mastered.RowCount).Select(r => mastered[r, email]).ToArray());
    }

    [TestMethod]
    [DataRow("contract-enforcer", """{"contract-enforcer": {"contract": {"required_columns": ["k", "a", "b"], "uniqueness_constraints": [["a", "b"]]}}}""",
        "uniqueness_violation", "a+b", 2, DisplayName = "a unique pair: its two columns (it counted one, 'a+b')")]
    [DataRow("contract-enforcer", """{"contract-enforcer": {"contract": {"required_columns": ["k", "a", "b"], "uniqueness_constraints": [["A", "B"]]}}}""",
        "uniqueness_violation", "a+b", 2, DisplayName = "a unique pair written in another case: named as the file has it (it said 'A+B', and other agents' 'a' counted again)")]
    [DataRow("golden-record-builder", """{"golden-record-builder": {"match_key_columns": ["k"], "default_survivorship_rule": "first", "min_trust_score": 0.95}}""",
        "low_trust_score", "__trust_score__", 0, DisplayName = "a low-trust golden record: no column of the file (it counted __trust_score__)")]
    public async Task RunAsync_ShouldCountOnlyTheFilesColumnsAsAffected_WhenIssuesNameAKeyOfTwoColumnsOrTheTrustScore(
        string agent, string parameters, string issueType, string label, int affected)
    {
        _files.AddText("pairs.csv", "k,a,b\n1,x,p\n1,x,p\n2,yy,q\n2,zz,q\n");
        _files.AddText("parameters.json", parameters);

        var result = await RunAsync([agent]);

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        var summary = Report()["issue_summary"]!;
        Assert.AreEqual(1L, (long)summary["by_type"]![issueType]!, summary.ToJsonString());
        Assert.AreEqual((long)affected, (long)summary["affected_columns"]!, summary.ToJsonString());
        var labels = Report()["row_level_issues"]!.AsArray().Select(i => (string?)i!["column"]).ToArray();
        CollectionAssert.Contains(labels, label, "the issue still names what it is about");
    }

    [TestMethod]
    public async Task RunAsync_ShouldWriteOnlyTheReport_WhenNoAgentProducesAFile()
    {
        _files.AddText("mastered_cleaned_data.csv", "id,v\n1,a\n2,b\n");

        var result = await RunAsync(["key-identifier"]);

        Assert.IsTrue(result.Succeeded);
        CollectionAssert.AreEqual(new[] { MasterMyDataTool.ReportFileName, "master_my_data_analysis.xlsx" }, result.Outputs.Select(o => o.Name).ToArray());
        Assert.HasCount(1, Report()["agent_results"]!.AsObject());
    }

    [TestMethod]
    public async Task RunAsync_ShouldStripChainPrefixes_WhenNamingTheMasteredFile()
    {
        _files.AddText("cleaned_data.csv", "id,v\n1,a\n2,b\n");

        var result = await RunAsync(["semantic-mapper"]);

        Assert.AreEqual("data_mastered_20250102_030405.csv", result.Outputs.Single(o => o.ContentType == "text/csv").Name);
        Assert.IsTrue(File.Exists(result.Outputs.Single(o => o.ContentType == "text/csv").Path));
        Assert.IsEmpty(Directory.GetFiles(_files.OutputDir, "*.tmp"));
    }

    [TestMethod]
    public async Task RunAsync_ShouldShortenTheMasteredFileName_WhenTheInputNameIsTooLongForOne()
    {
        // 240 characters + "_mastered_…csv.tmp" passed the file system's 255 bytes: the run failed at its end (local mode).
        _files.AddText(new string('é', 120) + ".csv", "id,v\n1,a\n2,b\n");

        var result = await RunAsync(["semantic-mapper"]);

        Assert.IsTrue(result.Succeeded, result.ErrorMessage);
        string name = result.Outputs.Single(o => o.ContentType == "text/csv").Name;
        Assert.AreEqual(new string('é', 111) + "_mastered_20250102_030405.csv", name); // 222 bytes + 29
        Assert.IsTrue(File.Exists(Path.Combine(_files.OutputDir, name)));
    }

    [TestMethod]
    [DataRow("""{"golden-record-builder":{"fuzzy_threshold":200}}""", AnalysisErrorCodes.InvalidParameters)]
    [DataRow("""{"unified-profiler":{}}""", AnalysisErrorCodes.UnknownAgent)]
    [DataRow("""{"golden-record-builder":{"default_survivorship_rule":"coin_flip"}}""", AnalysisErrorCodes.InvalidParameters)]
    public async Task RunAsync_ShouldFail_WhenParametersAreBad(string json, string code)
    {
        _files.AddText("data.csv", "id,v\n1,a\n");
        _files.AddText("parameters.json", json);

        var result = await RunAsync();

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(code, result.ErrorCode);
        Assert.IsEmpty(result.Outputs);
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailWithInvalidInputFile_WhenPrimaryIsEmptyOrUnknownAgentIsRequested()
    {
        _files.AddText("data.csv", "");
        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, (await RunAsync()).ErrorCode);
        Assert.AreEqual(AnalysisErrorCodes.UnknownAgent, (await RunAsync(["unified-profiler"])).ErrorCode);
    }

    [TestMethod]
    public async Task RunAsync_ShouldThrowOperationCanceled_WhenCancelledDuringTheRun()
    {
        _files.AddText("data.csv", "a\n1\n2\n");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var progress = new RecordingProgress(_ => cts.Cancel());

        await Assert.ThrowsAsync<OperationCanceledException>(() => RunAsync(null, progress, cts.Token));
    }

    [TestMethod]
    public async Task RunAsync_ShouldAlert_WhenRowsHaveMoreFieldsThanTheHeader()
    {
        // "$1,000" unquoted shifts the row: Boston is lost and city reads "000". Never silently.
        _files.AddText("customers.csv", "id,name,amount,city\n1,Ann,$1,000,Boston\n2,Bob,$5,Austin\n");

        var result = await RunAsync(agents: ["key-identifier"]);

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        var report = Report();
        var alert = report["alerts"]!.AsArray().Single(a => (string?)a!["category"] == "input")!;
        Assert.AreEqual("high", (string?)alert["severity"]);
        StringAssert.Contains((string?)alert["message"], "1 row(s)");
        CollectionAssert.AreEqual(new[] { 0 }, report["agent_results"]!["key-identifier"]!["data"]!["rows_with_extra_fields"]!.AsArray().Select(n => (int)n!).ToArray());
    }

    [TestMethod]
    public async Task RunAsync_ShouldAlertInTheFirstAgentThatSucceeds_WhenTheFirstAgentFails()
    {
        // contract-enforcer fails without a contract: the alert was its to give, and ",000" went without a word.
        _files.AddText("rag.csv", "id,name,amount\n1,Ann,100\n2,Bob,$1,000\n3,Cy,300\n");

        var result = await RunAsync(agents: ["contract-enforcer", "semantic-mapper"]);

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        var report = Report();
        var alert = report["alerts"]!.AsArray().Single(a => (string?)a!["category"] == "input")!;
        Assert.AreEqual("alert_semantic_mapper_rows_with_extra_fields", (string?)alert["alert_id"]);
        CollectionAssert.AreEqual(new[] { 1 }, report["agent_results"]!["semantic-mapper"]!["data"]!["rows_with_extra_fields"]!.AsArray().Select(n => (int)n!).ToArray());
        Assert.AreEqual(1, (int?)report["metadata"]!["rows_with_extra_fields"]!["rows"]);
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailWithStorageErrorAndWriteNothing_WhenTheInputFolderIsLostWhileTheTableIsRead()
    {
        // The disk failed key-identifier alone (the folder gone while it read the table, back for the next agent): the
        // agent was reported failed with PROCESSING_ERROR and the task COMPLETED, as if the data had been at fault.
        _files.AddText("people.csv", "id,name\n1,Ann\n2,Bob\n");
        var loseDisk = RecordingProgress.LosingFolderWhile(KeyIdentifierAgent.AgentId, _files.InputDir);

        var result = await RunAsync(progress: loseDisk);

        Assert.IsFalse(result.Succeeded, "the run went on past the disk failure");
        Assert.AreEqual(AnalysisErrorCodes.StorageError, result.ErrorCode, result.ErrorMessage);
        Assert.IsEmpty(Directory.GetFileSystemEntries(_files.OutputDir));
        Assert.HasCount(1, loseDisk.Reports); // no agent ran after key-identifier
    }

    [TestMethod]
    public async Task RunAsync_ShouldCountRowsWithExtraFieldsInTheMetadata_WhenNoAgentSucceeds()
    {
        _files.AddText("rag.csv", "id,name,amount\n1,Ann,100\n2,Bob,$1,000\n");

        var result = await RunAsync(agents: ["contract-enforcer"]);

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        Assert.AreEqual(1, (int?)Report()["metadata"]!["rows_with_extra_fields"]!["rows"]);
    }

    [TestMethod]
    [DataRow("{\"stewardship-flagger\": {\"good_threshold\": 95}}", "stewardship-flagger.good_threshold")]
    [DataRow("{\"contract-enforcer\": {\"contract\": {\"required_column\": [\"id\"]}}}", "contract-enforcer.contract")]
    [DataRow("{\"key-identifier\": {\"entity_key_threshold\": 99.5}}", "key-identifier.entity_key_threshold")]
    public async Task RunAsync_ShouldRefuseAScoreOrContractParameter_BeforeTheFirstAgentRuns(string json, string named)
    {
        _files.AddText("data.csv", "id,name\n1,Ann\n2,Bob\n");
        _files.AddText("parameters.json", json);
        var progress = new RecordingProgress();

        var result = await RunAsync(progress: progress);

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, result.ErrorCode, result.ErrorMessage);
        StringAssert.Contains(result.ErrorMessage, named);
        Assert.IsEmpty(progress.Reports);
    }

    [TestMethod]
    public async Task RunAsync_ShouldLeaveAMissingContractToTheAgent_WhenParametersAreReadUpFront()
    {
        _files.AddText("data.csv", "id,name\n1,Ann\n1,Ann\n");
        _files.AddText("parameters.json", "{\"contract-enforcer\": {\"strict_mode\": false}}");

        var result = await RunAsync(agents: ["key-identifier", "contract-enforcer"]);

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        Assert.AreEqual("CONTRACT_MISSING", (string?)Report()["metadata"]!["failed_agents"]![0]!["error_code"]);
        // A dataset-level finding names no field: null, as profile-my-data and clean-my-data write it (it was "").
        var noPrimaryKey = Report()["issues"]!.AsArray().Single(i => (string?)i!["issue_type"] == "no_primary_key")!;
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, noPrimaryKey["field_name"]?.GetValueKind() ?? System.Text.Json.JsonValueKind.Null);
        Assert.IsTrue(noPrimaryKey.AsObject().ContainsKey("field_name"));
    }
}
