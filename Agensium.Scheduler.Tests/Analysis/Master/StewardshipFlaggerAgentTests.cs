using Agensium.Analysis.Master;
using static Agensium.Scheduler.Tests.Analysis.Master.MasterTestData;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>stewardship-flagger flags, output columns and score.</summary>
[TestClass]
public sealed class StewardshipFlaggerAgentTests
{
    private static MasterAgentResult Run(string csv, string json = "{}") =>
        new StewardshipFlaggerAgent(Clock).Run(Table(csv), Params(StewardshipFlaggerAgent.AgentId, json), CancellationToken.None);

    [TestMethod]
    public void Annotate_ShouldPointRequiredColumnsToRequiredFields_WhenStewardshipIsGivenTheContractsName()
    {
        // The alert only said "was not used" and listed every parameter: the MISSING_REQUIRED checks silently did not run.
        var parameters = Params(StewardshipFlaggerAgent.AgentId, """{"required_columns":["name"]}""");
        var result = new StewardshipFlaggerAgent(Clock).Run(Table("name,email\nAnn,a@x.com\n,b@x.com\n"), parameters, CancellationToken.None);

        Agensium.Analysis.Reporting.UnusedParameters.Annotate(result.Report, parameters);

        var alert = result.Report.Alerts.Single(a => ((string?)a!["message"])!.Contains("required_columns", StringComparison.Ordinal));
        StringAssert.Contains((string?)alert!["message"], "Did you mean 'required_fields'?");
    }

    [TestMethod]
    public void Run_ShouldFlagEachKind_WhenRowsBreakTheRules()
    {
        const string json = """
            {"required_fields":["name"],"duplicate_key_columns":["email"],
             "business_rules":[{"name":"adult","condition":{"column":"age","operator":"gt","value":17},"severity":"low"}]}
            """;

        var result = Run("name,email,age\nAl,al@x.com,30\n,AL@x.com,15\nBo,not-an-email,130\n", json);
        var output = result.Output!;

        // Row 1: MISSING_REQUIRED (critical 4), DUPLICATE_SUSPECTED (high 3), BUSINESS_RULE_VIOLATION (low 1).
        // Row 2: INVALID_FORMAT email (medium 2), OUTLIER_VALUE age 130 (medium 2).
        Assert.AreEqual(5.0, Metric(result, "total_issues"));
        Assert.AreEqual(2.0, Metric(result, "records_flagged"));
        CollectionAssert.AreEqual(new[] { "", "", "false" }, output.Row(0)[3..]);
        Assert.AreEqual("MISSING_REQUIRED:name;DUPLICATE_SUSPECTED:email;BUSINESS_RULE_VIOLATION:age", output.Row(1)[3]);
        Assert.AreEqual("2025-01-02T03:04:05Z", output.Row(1)[4]);
        Assert.AreEqual("true", output.Row(2)[5]);
        // density: 1000·5/9 ≥ 100 ⇒ 0; severity: 100 − 100·12/(4·3) = 0 ⇒ score 0.
        Assert.AreEqual(0.0, Metric(result, "stewardship_score"));
        // The review alert counts the fields flagged (name, email, age), not the kinds of flag (five).
        Assert.AreEqual(3, (int?)result.Report.Alerts.Single(a => (string?)a!["category"] == "stewardship")!["affected_fields_count"]);
    }

    [TestMethod]
    public void Run_ShouldFlagANullTokenAsMissing_NotAsAWrongFormatOrADuplicateKey()
    {
        // 'N/A' in a required e-mail column was INVALID_FORMAT (medium) where an empty cell is MISSING_REQUIRED
        // (critical); two rows keyed 'N/A' were suspected duplicates (outside figures probe).
        var result = Run("id,email\n1,a@x.com\n2,N/A\n3,\n4,n/a\n",
            """{"required_fields": ["email"], "duplicate_key_columns": ["email"]}""");
        var output = result.Output!;

        Assert.AreEqual("", output.Row(0)[2]);
        Assert.AreEqual("MISSING_REQUIRED:email", output.Row(1)[2]);
        Assert.AreEqual("MISSING_REQUIRED:email", output.Row(2)[2]);
        Assert.AreEqual("MISSING_REQUIRED:email", output.Row(3)[2]);
        Assert.AreEqual(3.0, Metric(result, "total_issues"));
        Assert.IsTrue(result.Report.RowIssues.Kept.Any(i => (string?)i["message"] == "Required field email holds the null token 'N/A'."));
    }

    [TestMethod]
    public void Run_ShouldNotSuspectADuplicate_WhenTwoKeysDifferOnlyInWhereAUnitSeparatorStands()
    {
        // The key cells were joined with U+001F: "x␟y" + "z" and "x" + "y␟z" were one key, the second row flagged.
        var result = Run("a,b\n\"x\u001Fy\",z\nx,\"y\u001Fz\"\nx,y\n", """{"duplicate_key_columns": ["a", "b"]}""");

        Assert.AreEqual(0.0, Metric(result, "total_issues"), result.Output!.Row(1)[2]);
    }

    [TestMethod]
    public void Run_ShouldCountEachDuplicateKeyColumnOnce_WhenTheReviewAlertCountsFields()
    {
        var result = Run("email,name,age\na@x.com,Al,30\nA@x.com,al,31\nb@x.com,Bo,20\n",
            """{"duplicate_key_columns": ["email", "name"], "required_fields": ["email"]}""");

        // One DUPLICATE_SUSPECTED flag on "email+name": the fields are email and name, not a third one.
        Assert.AreEqual(2, (int?)result.Report.Alerts.Single(a => (string?)a!["category"] == "stewardship")!["affected_fields_count"]);
    }

    [TestMethod]
    public void Run_ShouldCompareAmountsAndDatesByValue_WhenABusinessRuleOrdersThem()
    {
        // '$1,500.00', '1,500', '01/15/2024' and '15/01/2024' were compared as text and flagged.
        const string json = """
            {"business_rules":[{"name":"min_limit","condition":{"column":"credit_limit","operator":"gt","value":1000}},
                               {"name":"after2023","condition":{"column":"signup","operator":"gt","value":"2023-12-31"}},
                               {"name":"us_signup","condition":{"column":"us_signup","operator":"lt","value":"2024-06-01"}}]}
            """;

        var result = Run("id,credit_limit,signup,us_signup\n1,\"$1,500.00\",15/01/2024,01/15/2024\n2,\"1,500\",13/02/2024,07/04/2024\n3,900,01/12/2023,02/01/2024\n", json);

        var messages = result.Report.RowIssues.Kept.Where(i => (string?)i["issue_type"] == "BUSINESS_RULE_VIOLATION").Select(i => (string?)i["message"]).ToList();
        // Only row 2: 900 is not above 1000, 1 December 2023 is not after 2023; row 1: 4 July 2024 is not before June.
        CollectionAssert.AreEquivalent(new[]
        {
            "Rule min_limit: credit_limit gt 1000 does not hold for '900'.",
            "Rule after2023: signup gt 2023-12-31 does not hold for '01/12/2023'.",
            "Rule us_signup: us_signup lt 2024-06-01 does not hold for '07/04/2024'.",
        }, messages, string.Join(" | ", messages));
    }

    [TestMethod]
    public void Run_ShouldReadAmountsInTheColumnsNotation_WhenABusinessRuleOrRangeChecksADecimalCommaColumn()
    {
        const string json = """{"business_rules":[{"name":"min_order","condition":{"column":"betrag","operator":"gt","value":100}}]}""";

        var result = Run("id,betrag,rabatt_pct\n1,\"1.234,56\",\"12,5\"\n2,\"999,99\",\"150,5\"\n3,\"12,50\",\"3,75\"\n4,\"0,5\",\"0,25\"\n", json);

        var issues = result.Report.RowIssues.Kept.Select(i => $"{(string?)i["issue_type"]}: {(string?)i["message"]}").ToList();
        // 1234.56 and 999.99 are above 100, 12.5 and 0.5 are not (as text, "1.234,56" was below "100" and "12,50" above);
        // 150.5 % is outside 0–100 (as text it was no number and passed).
        // data.parameters shows the rule it checked (it was only in overrides).
        var used = result.Report.Data["parameters"]!["business_rules"]!.AsArray().Single()!;
        Assert.AreEqual("min_order", (string?)used["name"]);
        Assert.AreEqual("betrag", (string?)used["condition"]!["column"]);
        Assert.AreEqual("gt", (string?)used["condition"]!["operator"]);
        CollectionAssert.AreEquivalent(new[]
        {
            "BUSINESS_RULE_VIOLATION: Rule min_order: betrag gt 100 does not hold for '12,50'.",
            "BUSINESS_RULE_VIOLATION: Rule min_order: betrag gt 100 does not hold for '0,5'.",
            "OUTLIER_VALUE: rabatt_pct 150,5 is outside 0–100.",
        }, issues, string.Join(" | ", issues));
    }

    [TestMethod]
    public void Run_ShouldReadARulesStringValueAsTheColumnsCells_AndAJsonNumberWithADecimalPoint()
    {
        // In a column that writes decimal commas the cell "1,500" is 1.5; a rule's "1,500" written as a string is read
        // the same way (it was 1500, so "12,50" failed "gt 1,500"), a JSON number 1.234 stays 1.234 (not 1234), and a
        // string the column's notation cannot read ("2.5") falls back to a decimal point.
        const string json = """
            {"business_rules":[
              {"name":"above","condition":{"column":"betrag","operator":"gt","value":"1,500"}},
              {"name":"same","condition":{"column":"betrag","operator":"ne","value":"1,500"}},
              {"name":"number","condition":{"column":"betrag","operator":"gt","value":1.234}},
              {"name":"point","condition":{"column":"betrag","operator":"lt","value":"2.5"}}]}
            """;

        var result = Run("id,betrag\n1,\"1,500\"\n2,\"12,50\"\n3,\"0,5\"\n4,\"2,75\"\n", json);

        var issues = result.Report.RowIssues.Kept.Select(i => (string?)i["message"]).ToList();
        CollectionAssert.AreEquivalent(new[]
        {
            "Rule above: betrag gt 1,500 does not hold for '1,500'.",
            "Rule above: betrag gt 1,500 does not hold for '0,5'.",
            "Rule same: betrag ne 1,500 does not hold for '1,500'.",
            "Rule number: betrag gt 1.234 does not hold for '0,5'.",
            "Rule point: betrag lt 2.5 does not hold for '12,50'.",
            "Rule point: betrag lt 2.5 does not hold for '2,75'.",
        }, issues, string.Join(" | ", issues));
        // data.parameters keeps each value as it was given: a number stays a number.
        var used = result.Report.Data["parameters"]!["business_rules"]!.AsArray();
        Assert.AreEqual(System.Text.Json.JsonValueKind.String, used[0]!["condition"]!["value"]!.GetValueKind());
        Assert.AreEqual(1.234, (double)used[2]!["condition"]!["value"]!);
    }

    [TestMethod]
    public void Run_ShouldReadAPercentColumnWithItsSignInTheColumnsNotation()
    {
        // "12,5%" was judged with its sign: the column read as decimal points, "150,5%" never read, never flagged.
        var result = Run("id,rabatt_pct\n1,\"12,5%\"\n2,\"150,5%\"\n3,\"3,75%\"\n4,\"0,25 %\"\n");

        var issues = result.Report.RowIssues.Kept.Select(i => $"{(string?)i["issue_type"]}: {(string?)i["message"]}").ToList();
        CollectionAssert.AreEqual(new[] { "OUTLIER_VALUE: rabatt_pct 150,5% is outside 0–100." }, issues, string.Join(" | ", issues));
    }

    [TestMethod]
    public void Run_ShouldComputeWeightedScore_WhenFewIssuesInManyCells()
    {
        var csv = "email,a,b,c,d\n" + string.Concat(Enumerable.Range(0, 99).Select(i => $"u{i}@x.com,1,2,3,4\n")) + "bad,1,2,3,4\n";

        var result = Run(csv);

        // 1 INVALID_FORMAT (weight 2) in 100 rows × 5 columns: density 100 − 1000/500 = 98; severity 100 − 200/400 = 99.5.
        // 0.6·98 + 0.4·99.5 = 98.6.
        Assert.AreEqual(98.6, Metric(result, "stewardship_score"), 0.001);
        Assert.AreEqual("email", (string?)result.Report.RowIssues.Kept[0]["column"]);
        Assert.AreEqual(99, (int?)result.Report.RowIssues.Kept[0]["row_index"]);
    }

    [TestMethod]
    public void Run_ShouldFlagLowConfidence_WhenTrustColumnIsBelowMinimum()
    {
        var result = Run("v,__trust_score__\nx,0.4\ny,0.9\n");

        Assert.AreEqual(1.0, Metric(result, "total_issues"));
        Assert.AreEqual("LOW_CONFIDENCE:__trust_score__", result.Output!.Row(0)[2]);
    }

    [TestMethod]
    public void Run_ShouldCheckFormatsGuessedFromNames_OnlyWhereTheValuesBearThemOut()
    {
        // hotel is no phone column, updated_by no date column, mailing_address no e-mail column: nothing to flag.
        // phone is a phone column (2 of 3 values are phones), so its "call me" is flagged.
        var result = Run("hotel,updated_by,mailing_address,phone\nRitz,ann,1 Main St,555-123-4567\nHilton,bob,2 Elm St,555-987-6543\nPlaza,cy,3 Oak Ave,call me\n");

        Assert.AreEqual(1.0, Metric(result, "total_issues"));
        Assert.AreEqual("INVALID_FORMAT:phone", result.Output!.Row(2)[4]);
    }

    [TestMethod]
    public void Run_ShouldAcceptNationalPhoneNumbersOfE164Lengths_AndFlagTooFewOrTooManyDigits()
    {
        // s41: numbers of fewer than 10 digits were INVALID_FORMAT: Berlin's "030 123456", Vienna's "01 234567",
        // Munich's "089 12345", Norway's "12 34 56 78". Six digits, or more than E.164's 15, are still flagged.
        var result = Run("id,phone\n1,030 123456\n2,01 234567\n3,089 12345\n4,12 34 56 78\n5,01 23 45 67 89\n6,123456\n7,+49 1234 5678901234\n",
            "{\"format_rules\":{\"phone\":\"phone\"}}");

        string[] flags = [.. Enumerable.Range(0, 7).Select(r => result.Output!.Row(r)[2])];
        CollectionAssert.AreEqual(new[] { "", "", "", "", "", "INVALID_FORMAT:phone", "INVALID_FORMAT:phone" }, flags, string.Join("|", flags));
    }

    [TestMethod]
    public void Run_ShouldFlagDatesZipCodesAndAmountsInAPhoneField_ThoughTheyHaveAPhonesDigits()
    {
        // Review s41: with national numbers from 7 digits, a date, a ZIP+4 or an amount shifted into the phone field
        // passed as a phone; a dotted phone with a trunk 0 (Berlin's 030.123.456) or groups of other lengths still is one.
        var result = Run("id,phone\n1,2024-06-10\n2,10.06.2024\n3,12/31/2024\n4,02134-1234\n5,1.234.567\n6,030.123.456\n7,555.123.4567\n8,06.12.34.56.78\n",
            "{\"format_rules\":{\"phone\":\"phone\"}}");

        string[] flags = [.. Enumerable.Range(0, 8).Select(r => result.Output!.Row(r)[2])];
        CollectionAssert.AreEqual(new[] { "INVALID_FORMAT:phone", "INVALID_FORMAT:phone", "INVALID_FORMAT:phone", "INVALID_FORMAT:phone",
            "INVALID_FORMAT:phone", "", "", "" }, flags, string.Join("|", flags));
    }

    [TestMethod]
    public void Run_ShouldReadTheGoldenTrust_WhenTheResolversConfidenceColumnComesFirst()
    {
        // The golden record's trust 0.9 is below 0.95; the resolver's stale confidence 1.0 must not hide it.
        var result = Run("k,__resolution_confidence__,__trust_score__\n1,1.0,0.9\n", """{"min_confidence":0.95}""");

        Assert.AreEqual("true", Cell(result.Output!, 0, "__needs_review__"));
    }

    [TestMethod]
    public void Run_ShouldCheckAPercentageWrittenWithItsSign_AgainstItsRange()
    {
        var result = Run("percentage\n50%\n150%\n150\n");

        Assert.AreEqual(2.0, Metric(result, "total_issues"));
        StringAssert.StartsWith(result.Output!.Row(1)[1], "OUTLIER_VALUE:percentage");
    }

    [TestMethod]
    public void Run_ShouldAlertOnEveryColumnItsParametersNameButTheDataLacks()
    {
        const string json = """
            {"required_fields":["emal"],"format_rules":{"phnoe":"phone"},"duplicate_key_columns":["emial"],
             "business_rules":[{"name":"r","condition":{"column":"agee","operator":"gt","value":"0"}}]}
            """;

        var result = Run("rec,email,phone,age\n1,a@x.com,555-123-4567,30\n", json);

        var messages = result.Report.Alerts.Where(a => (string?)a!["category"] == "configuration").Select(a => (string)a!["message"]!).ToList();
        Assert.HasCount(4, messages, string.Join(" | ", messages));
        Assert.IsTrue(messages.Any(m => m.Contains("'emal' named in stewardship-flagger.required_fields", StringComparison.Ordinal) && m.Contains("Did you mean 'email'?", StringComparison.Ordinal)));
        Assert.IsTrue(messages.Any(m => m.Contains("'agee' named in stewardship-flagger.business_rules", StringComparison.Ordinal)));
    }
}
