using Agensium.Analysis.Master;
using static Agensium.Scheduler.Tests.Analysis.Master.MasterTestData;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>semantic-mapper renames, value standardisation and score.</summary>
[TestClass]
public sealed class SemanticMapperAgentTests
{
    private static MasterAgentResult Run(string csv, string json = "{}") =>
        new SemanticMapperAgent(Clock).Run(Table(csv), Params(SemanticMapperAgent.AgentId, json), CancellationToken.None);

    [TestMethod]
    public void Run_ShouldRenameAndStandardiseCountries_WhenColumnsUseKnownVariants()
    {
        var result = Run("email_address,Country,widget\na@x.com,u.s.a,1\nb@x.com,England,2\nc@x.com,España,3\n");
        var output = result.Output!;

        CollectionAssert.AreEqual(new[] { "Email", "Country", "widget" }, output.Columns.ToArray());
        CollectionAssert.AreEqual(new[] { "USA", "UK", "Spain" }, MasterTestData.Rows(output).Select(r => r[1]).ToArray());
        // mapped 2 of 3 = 66.67 %; confidences 0.95 (variant) and 1.0 (standard name) ⇒ 33.333 + 48.75 = 82.08.
        Assert.AreEqual(82.08, Metric(result, "semantic_score"), 0.001);
        Assert.AreEqual(3.0, Metric(result, "values_standardized"));
    }

    [TestMethod]
    public void Run_ShouldListWhichValueBecameWhichInEachColumn_MostFrequentFirst()
    {
        var result = Run("country,gender\nDE,F\nDE,male\nu.s.a,f\nGermany,x\n");

        var changes = result.Report.Data["value_changes"]!;
        Assert.AreEqual(3L, (long)changes["country"]!["cells_changed"]!);
        var first = changes["country"]!["changes"]![0]!;
        CollectionAssert.AreEqual(new object[] { "DE", "Germany", 2L }, new object[] { (string)first["from"]!, (string)first["to"]!, (long)first["cells"]! });
        Assert.AreEqual(2, (int)changes["country"]!["distinct_changes"]!);
        Assert.AreEqual(3L, (long)changes["gender"]!["cells_changed"]!, "F, male and f; x stays as written");
        Assert.AreEqual(6.0, Metric(result, "values_standardized"));
    }

    [TestMethod]
    [DataRow("company_name", false)]   // was mapped FullName (0.7), and then matched as a person's name
    [DataRow("ProductName", false)]
    [DataRow("username", false)]
    [DataRow("app name", false)]
    [DataRow("applicant_name", true)]
    [DataRow("customer_name", true)]
    [DataRow("contact name", true)]
    public void Names_ShouldBePeopleOnlyWhenNoWordNamesAThing(string column, bool person)
    {
        Assert.AreEqual(person, SemanticVocabulary.Map(column)?.Standard == "FullName", $"semantic-mapper on {column}");
        Assert.AreEqual(person, ColumnNames.KindOf(column) == MatchFieldKind.FullName, $"match kind of {column}");
    }

    [TestMethod]
    public void Run_ShouldUseCustomMappings_WhenGiven()
    {
        var result = Run("cst,widget\n1,2\n", """{"custom_mappings":{"cst":"customer_id"},"value_mappings":{"widget":{"2":"two"}}}""");

        CollectionAssert.AreEqual(new[] { "customer_id", "widget" }, result.Output!.Columns.ToArray());
        Assert.AreEqual("two", result.Output.Row(0)[1]);
        // 1 of 2 mapped at 1.0 ⇒ 25 + 50 = 75.
        Assert.AreEqual(75.0, Metric(result, "semantic_score"), 0.001);
    }

    [TestMethod]
    public void Run_ShouldRefuseValueMappings_WhoseKeysDifferOnlyInCaseAndValue()
    {
        // Both keys read as "madrid": two answers for one value was a raw "same key" crash of the agent.
        var ex = Assert.ThrowsExactly<Agensium.Analysis.AnalysisException>(() =>
            Run("city\nmadrid\n", """{"value_mappings":{"city":{"madrid":"Madrid","Madrid":"MADRID"}}}"""));

        Assert.AreEqual(Agensium.Analysis.AnalysisErrorCodes.InvalidParameters, ex.ErrorCode);
        StringAssert.Contains(ex.Message, "value_mappings.city maps 'madrid' to 'Madrid' and 'Madrid' to 'MADRID'");
        Assert.AreEqual("Madrid", Run("city\nMADRID\n", """{"value_mappings":{"city":{"madrid":"Madrid","MADRID ":"Madrid"}}}""").Output!.Row(0)[0]);
    }

    [TestMethod]
    public void Run_ShouldSkipGuesses_WhenBelowMinConfidence()
    {
        // "contact_name" is only a 0.70 guess (FullName); with min_confidence 0.8 it stays unmapped.
        var result = Run("contact_name\nAl\n", """{"min_confidence":0.8}""");

        Assert.AreEqual("contact_name", result.Output!.Columns[0]);
        Assert.AreEqual(0.0, Metric(result, "semantic_score"));
    }

    [TestMethod]
    public void Run_ShouldNotRenameAColumn_WhenItsValuesBelieTheNameFragment()
    {
        // email_opt_in holds yes/no: the "email" fragment guess is not borne out, so it keeps its name.
        var output = Run("email_opt_in,contact_mail\nyes,a@x.com\nno,b@x.com\n").Output!;

        CollectionAssert.AreEqual(new[] { "email_opt_in", "Email" }, output.Columns.ToArray());
    }

    [TestMethod]
    public void Run_ShouldLeaveCodesWithDigitsAlone_WhenStandardisingStatusAndCountryValues()
    {
        var output = Run("status,country\nA1,U.S.-1\nA2,USA\nI-9,u.s.\nactive,x\n").Output!;

        CollectionAssert.AreEqual(new[] { "A1", "A2", "I-9", "Active" }, MasterTestData.Rows(output).Select(r => r[0]).ToArray());
        CollectionAssert.AreEqual(new[] { "U.S.-1", "USA", "USA", "x" }, MasterTestData.Rows(output).Select(r => r[1]).ToArray());
    }

    [TestMethod]
    public void Run_ShouldKeepTheNamesADataContractGave_WhenContractEnforcerRanBefore()
    {
        const string contract = """{"contract":{"required_columns":["customer_ref","email_address","postal_code"],"column_mappings":{"cid":"customer_ref","mail":"email_address"}}}""";
        var contracted = new ContractEnforcerAgent(Clock).Run(Table("cid,mail,postal_code,phone_no\n1,a@x.com,02134,555-123-4567\n"),
            Params(ContractEnforcerAgent.AgentId, contract), CancellationToken.None).Output!;

        var result = new SemanticMapperAgent(Clock).Run(contracted, Params(SemanticMapperAgent.AgentId), CancellationToken.None);

        // The contract's names stand (not Email, ZipCode); phone_no, which it does not declare, auto_transform dropped.
        CollectionAssert.AreEqual(new[] { "customer_ref", "email_address", "postal_code" }, result.Output!.Columns.ToArray());
        Assert.HasCount(3, result.Report.Data["contract_columns_kept"]!.AsArray());
    }
    [TestMethod]
    public void Run_ShouldScoreTheColumnsADataContractDeclaresAsMapped_AndStandardiseValuesItDoesNotConstrain()
    {
        // Every column declared: 0 mapped, score 0, "3 column(s) have no standard mapping", and Country's U.S.A kept
        // though the contract says nothing of its values. Status's values are the contract's (allowed_values): kept.
        const string contract = """{"contract":{"required_columns":["Email","Country","Status"],"value_constraints":{"Status":{"allowed_values":["a","i"]}}}}""";
        var contracted = new ContractEnforcerAgent(Clock).Run(Table("Email,Country,Status\na@x.com,U.S.A,a\nb@x.com,España,i\nc@x.com,USA,a\n"),
            Params(ContractEnforcerAgent.AgentId, contract), CancellationToken.None).Output!;

        var result = new SemanticMapperAgent(Clock).Run(contracted, Params(SemanticMapperAgent.AgentId), CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "Email", "Country", "Status" }, result.Output!.Columns.ToArray());
        Assert.AreEqual(3.0, Metric(result, "mapped_columns"));
        Assert.AreEqual(100.0, Metric(result, "semantic_score"), 0.001, "3 of 3 mapped at confidence 1.0");
        Assert.IsFalse(result.Report.Issues.Any(i => (string?)i!["issue_type"] == "unmapped_columns"));
        CollectionAssert.AreEqual(new[] { "USA", "Spain", "USA" }, MasterTestData.Rows(result.Output).Select(r => r[1]).ToArray());
        CollectionAssert.AreEqual(new[] { "a", "i", "a" }, MasterTestData.Rows(result.Output).Select(r => r[2]).ToArray());
    }
}
