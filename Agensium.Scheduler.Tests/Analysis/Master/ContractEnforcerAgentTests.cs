using Agensium.Analysis;
using Agensium.Analysis.Master;
using static Agensium.Scheduler.Tests.Analysis.Master.MasterTestData;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>contract-enforcer checks, transformations and score.</summary>
[TestClass]
public sealed class ContractEnforcerAgentTests
{
    private static MasterAgentResult Run(string csv, string json) =>
        new ContractEnforcerAgent(Clock).Run(Table(csv), Params(ContractEnforcerAgent.AgentId, json), CancellationToken.None);

    [TestMethod]
    public void Run_ShouldThrowAgentError_WhenNoContractIsGiven()
    {
        var ex = Assert.ThrowsExactly<MasterAgentException>(() => Run("a\n1\n", "{}"));

        Assert.AreEqual("CONTRACT_MISSING", ex.ErrorCode);
    }

    [TestMethod]
    public void Run_ShouldRenameCastDropAndScore_WhenAutoTransformIsOn()
    {
        const string contract = """
            {"contract": {"required_columns": ["id", "age"], "optional_columns": ["status"],
              "column_mappings": {"years": "age"}, "column_types": {"id": "integer", "age": "integer"},
              "value_constraints": {"status": {"allowed_values": ["Active", "Closed"]}}}}
            """;

        var result = Run("id,years,status,junk\n1.0,30,active,x\n2,abc,Closed,y\n", contract);
        var output = result.Output!;

        CollectionAssert.AreEqual(new[] { "id", "age", "status" }, output.Columns.ToArray());
        CollectionAssert.AreEqual(new[] { "1", "30", "Active" }, output.Row(0));
        // Fixes: rename 1, drop junk 1, "1.0"→"1" 1, "active"→"Active" 1 = 4; violations: "abc" not an integer = 1.
        Assert.AreEqual(4.0, Metric(result, "transformations_applied"));
        Assert.AreEqual(1.0, Metric(result, "value_violations"));
        // structural 100; value 100·(1 − 1/6) = 83.33; fixed ratio 4/5 = 80 ⇒ 40 + 33.333 + 16 = 89.33 partially_compliant.
        Assert.AreEqual(89.33, Metric(result, "compliance_score"), 0.001);
        Assert.AreEqual("partially_compliant", (string?)result.Report.SummaryMetrics["compliance_status"]);
    }

    [TestMethod]
    public void Run_ShouldReadAContractsColumnNames_WrittenWithOtherSpacesUnderscoresOrDashes_AsTheFilesColumns()
    {
        // "Patient ID" / "Birth Date" for the file's patient_id / birth_date were missing required columns, and
        // auto_transform dropped the very columns the contract declared (the output kept 2 of 5).
        const string contract = """
            {"contract": {"required_columns": ["Patient ID", "First Name", "LAST_NAME", "birth-date"],
              "column_types": {"Birth Date": "date"}, "value_constraints": {"first name": {"not_null": true}},
              "uniqueness_constraints": ["patient id"]}}
            """;

        var result = Run("patient_id,first_name,last_name,birth_date,notes\nP1,Ann,Lee,2001-02-03,x\nP1,,Kim,03/04/2002,y\n", contract);
        var output = result.Output!;

        CollectionAssert.AreEqual(new[] { "patient_id", "first_name", "last_name", "birth_date" }, output.Columns.ToArray());
        Assert.AreEqual(0.0, Metric(result, "missing_required_columns"));
        Assert.AreEqual(1.0, Metric(result, "uniqueness_violations"), "P1 twice");
        Assert.AreEqual("2002-03-04", output.Row(1)[3], "the declared date type cast the column");
        var messages = result.Report.RowIssues.Kept.Select(i => (string?)i["message"]).ToList();
        CollectionAssert.Contains(messages, "Duplicate value for unique patient_id.");
        Assert.AreEqual(2, messages.Count, "the not_null constraint of 'first name' checked first_name, and the duplicate id: " + string.Join(" | ", messages));
        var matched = result.Report.Data["contract_columns_matched_loosely"]!.AsArray()
            .Select(m => $"{(string?)m!["contract"]}={(string?)m["column"]}").ToList();
        CollectionAssert.AreEquivalent(new[] { "Patient ID=patient_id", "First Name=first_name", "birth-date=birth_date", "Birth Date=birth_date", "first name=first_name", "patient id=patient_id" }, matched);
        Assert.IsTrue(result.Report.Alerts.Any(a => (string?)a!["severity"] == "low" && ((string?)a["message"] ?? "").Contains("'Patient ID' as 'patient_id'")));
    }

    [TestMethod]
    public void Run_ShouldNotReadAContractName_AsAColumnThatLacksItsSign()
    {
        // Review: "Discount %" was read as the file's discount (an amount) with everything but letters and digits left
        // aside, and auto_transform dropped discount_pct, the column meant; compliance said 100.
        var result = Run("customer,discount,discount_pct\nA,5.00,10\nB,2.50,5\n",
            """{"contract": {"required_columns": ["customer", "Discount %"]}}""");

        Assert.AreEqual(1.0, Metric(result, "missing_required_columns"), "'Discount %' is in no column of the file");
        Assert.IsNull(result.Report.Data["contract_columns_matched_loosely"]);
    }

    [TestMethod]
    public void Run_ShouldLeaveAContractNameAsGiven_WhenTwoColumnsWriteItWithOtherSpaces()
    {
        var result = Run("first_name,first name,x\nA,B,1\n", """{"contract": {"required_columns": ["First-Name"]}}""");

        Assert.AreEqual(1.0, Metric(result, "missing_required_columns"), "ambiguous: neither column is taken for it");
        Assert.IsNull(result.Report.Data["contract_columns_matched_loosely"]);
    }

    [TestMethod]
    public void Run_ShouldReadNumbersInTheColumnsNotation_WhenTheColumnWritesDecimalCommas()
    {
        // A declared float "12,50" was "not a valid float", and a bound called it "below the minimum" whatever its value.
        var result = Run("betrag;menge\n12,50;1\n1.234,56;2\n0,5;3\nabc;4\n",
            """{"contract": {"column_types": {"betrag": "float"}, "value_constraints": {"betrag": {"min": 1, "max": 2000}}}}""");

        CollectionAssert.AreEqual(new[] { "12.5", "1234.56", "0.5", "abc" }, Enumerable.Range(0, 4).Select(r => result.Output!.Row(r)[0]).ToArray());
        var messages = result.Report.RowIssues.Kept.Select(i => (string?)i["message"]).ToList();
        CollectionAssert.AreEquivalent(new[] { "'0.5' is below the minimum 1", "'abc' is not a valid float" }, messages);
    }

    [TestMethod]
    public void Run_ShouldReadAmountsInUsGroupsAndWithACurrencySign_AsItReadsDecimalCommas()
    {
        // "42,866.56" was "not a valid float", "$12.50" too, and "100,000.00" was "not a number" for a bound.
        var result = Run("amount,qty\n\"42,866.56\",\"1,234,567\"\n$12.50,7\n\"100,000.00\",3\n5,x\n",
            """{"contract": {"column_types": {"amount": "float", "qty": "integer"}, "value_constraints": {"amount": {"min": 1, "max": 50000}}}}""");

        CollectionAssert.AreEqual(new[] { "42866.56", "12.5", "100000", "5" }, Enumerable.Range(0, 4).Select(r => result.Output!.Row(r)[0]).ToArray());
        CollectionAssert.AreEqual(new[] { "1234567", "7", "3", "x" }, Enumerable.Range(0, 4).Select(r => result.Output!.Row(r)[1]).ToArray());
        var messages = result.Report.RowIssues.Kept.Select(i => (string?)i["message"]).ToList();
        CollectionAssert.AreEquivalent(new[] { "'100000' is above the maximum 50000", "'x' is not a valid integer" }, messages);
    }

    [TestMethod]
    public void Run_ShouldCheckBoundsInTheColumnsNotation_AndSayWhenAValueIsNoNumber()
    {
        var result = Run("betrag;menge\n12,50;1\n1.234,56;2\n0,5;3\nabc;4\n", """{"contract": {"value_constraints": {"betrag": {"min": 1}}}}""");

        var messages = result.Report.RowIssues.Kept.Select(i => (string?)i["message"]).ToList();
        CollectionAssert.AreEquivalent(new[] { "'0,5' is below the minimum 1", "'abc' is not a number, so it cannot be checked against the minimum" }, messages);
        Assert.AreEqual("12,50", result.Output!.Row(0)[0], "no type declared: the value is kept as written");
    }

    [TestMethod]
    public void Run_ShouldRenameAColumnWhoseNameDiffersOnlyInCase_AndSayWhenATargetIsTaken()
    {
        // "Phone" → "phone" was skipped silently: the target "existed" (the column itself, ignoring case).
        var result = Run("Phone,FName,first_name\n1,a,b\n",
            """{"contract": {"column_mappings": {"Phone": "phone", "FName": "first_name"}, "optional_columns": ["phone", "first_name", "FName"]}}""");

        CollectionAssert.AreEqual(new[] { "phone", "FName", "first_name" }, result.Output!.Columns.ToArray());
        var issue = result.Report.Issues.Single(i => (string?)i!["issue_type"] == "mapping_conflict")!;
        StringAssert.Contains((string?)issue["message"], "'FName' was not renamed to 'first_name': the file already has a column 'first_name'");
    }

    [TestMethod]
    public void Run_ShouldKeepAColumnWhoseMappingWasRefused_AndRaiseAConfigurationAlert()
    {
        // {"mail": "email"} on a file with both: a mapping_conflict issue only (no configuration alert, so no CLI warning),
        // then auto_transform dropped mail as undeclared and its values left the output with a drop_columns entry alone.
        var result = Run("id,mail,email,junk\n1,a@x.ie,b@x.ie,j\n",
            """{"contract": {"required_columns": ["id", "email"], "column_mappings": {"mail": "email"}}}""");

        CollectionAssert.AreEqual(new[] { "id", "mail", "email" }, result.Output!.Columns.Where(c => !c.StartsWith("__", StringComparison.Ordinal)).ToArray());
        Assert.AreEqual("a@x.ie", result.Output.Row(0)[1]);
        var alert = result.Report.Alerts.Single(a => (string?)a!["category"] == "configuration")!;
        StringAssert.Contains((string?)alert["message"], "contract-enforcer.contract column_mappings");
        StringAssert.Contains((string?)alert["message"], "'mail' → 'email' (the file has 'email')");
        var dropped = result.Report.Data["transformations"]!.AsArray().Single(t => (string?)t!["type"] == "drop_columns")!;
        CollectionAssert.AreEqual(new[] { "junk" }, dropped["columns"]!.AsArray().Select(c => (string?)c).ToArray());
    }

    [TestMethod]
    public void Run_ShouldKeepAColumnItRenamed_WhenOnlyColumnMappingsNamesTheTarget()
    {
        // phone → phone_number was renamed, then dropped by auto_transform as a column the contract does not declare.
        var result = Run("id,phone,junk\n1,555-0101,x\n",
            """{"contract": {"required_columns": ["id"], "column_mappings": {"phone": "phone_number"}}}""");

        CollectionAssert.AreEqual(new[] { "id", "phone_number" }, result.Output!.Columns.Where(c => !c.StartsWith("__", StringComparison.Ordinal)).ToArray());
    }

    [TestMethod]
    public void Run_ShouldCheckRangesWrittenWithTheOriginalsKeyNames_AndRefuseUnknownConstraints()
    {
        // min_value/max_value (the original backend's names) were ignored: ages -5 and 130 passed as compliant.
        var result = Run("age,score\n30,0.5\n-5,1.5\n130,-0.1\n",
            """{"contract": {"value_constraints": {"age": {"min_value": 0, "max_value": 120}, "score": {"minimum": 0, "maximum": 1}}}}""");

        Assert.AreEqual(4.0, Metric(result, "value_violations"));

        var ex = Assert.ThrowsExactly<AnalysisException>(() => Run("age\n1\n", """{"contract": {"value_constraints": {"age": {"range": [0, 120]}}}}"""));
        Assert.AreEqual("INVALID_PARAMETERS", ex.ErrorCode);
        StringAssert.Contains(ex.Message, "'range'");
    }

    [TestMethod]
    public void Run_ShouldListEveryValueItRewrites_WhenFixingAllowedValues()
    {
        var result = Run("status\nactive\nACTIVE\nInactive\n active \n",
            """{"contract": {"value_constraints": {"status": {"allowed_values": ["active", "inactive"]}}}}""");

        CollectionAssert.AreEqual(new[] { "active", "active", "inactive", "active" }, Enumerable.Range(0, 4).Select(r => result.Output!.Row(r)[0]).ToArray());
        Assert.AreEqual(3.0, Metric(result, "transformations_applied"));
        var fixes = result.Report.Data["transformations"]!.AsArray().Single(t => (string?)t!["type"] == "value_fixes")!;
        Assert.AreEqual("status", (string?)fixes["column"]);
        Assert.AreEqual(3L, (long)fixes["values_changed"]!, "the count in the list equals the count in the metrics");
        CollectionAssert.Contains(fixes["examples"]!.AsArray().Select(e => (string?)e!["from"]).ToArray(), "ACTIVE");
    }

    [TestMethod]
    public void Run_ShouldKeepEveryColumn_WhenTheContractDeclaresNoneOfThem()
    {
        // A misspelt contract: auto_transform would otherwise drop every column and leave rows without data.
        var result = Run("name,email\nAnn,a@x.com\nBob,b@x.com\n", """{"contract":{"required_columns":["nmae"]}}""");

        CollectionAssert.AreEqual(new[] { "name", "email" }, result.Output!.Columns.ToArray());
        CollectionAssert.AreEqual(new[] { "Ann", "a@x.com" }, result.Output.Row(0));
        Assert.IsTrue(result.Report.Alerts.Any(a => (string?)a!["severity"] == "critical" && ((string?)a["message"])!.Contains("declares none of the file's 2 column(s)", StringComparison.Ordinal)),
            result.Report.Alerts.ToJsonString());
        Assert.AreEqual(1.0, Metric(result, "missing_required_columns"));
    }

    [TestMethod]
    public void Run_ShouldStopAtMissingRequiredColumn_WhenStrictModeIsOn()
    {
        var result = Run("a,b\n1,1\n1,2\n", """{"strict_mode":true,"contract":{"required_columns":["id"],"uniqueness_constraints":["a"]}}""");

        Assert.AreEqual(1.0, Metric(result, "missing_required_columns"));
        Assert.AreEqual(0.0, Metric(result, "uniqueness_violations"));
        Assert.AreEqual("critical", (string?)result.Report.Alerts[0]!["severity"]);
        // structural 0; value 100 (nothing checked); fixed 0 of 1 ⇒ 0 + 40 + 0 = 40.
        Assert.AreEqual(40.0, Metric(result, "compliance_score"), 0.001);
    }

    [TestMethod]
    public void Run_ShouldCountDuplicates_WhenUniquenessConstraintIsBroken()
    {
        var result = Run("a,b\n1,1\n1,2\n1,3\n", """{"contract":{"uniqueness_constraints":["a"]}}""");

        Assert.AreEqual(2.0, Metric(result, "uniqueness_violations"));
        Assert.AreEqual(2L, result.Report.RowIssues.Total);
    }

    [TestMethod]
    public void Run_ShouldCountNoDuplicate_AmongRowsWithoutAValueInTheUniqueKey()
    {
        // Found by the stop-51 outside probe: two rows without an e-mail (blank, "N/A") were a uniqueness violation, as
        // if a missing value repeated another; a file with 1,000 blank e-mails had 999.
        var result = Run("id,email\n1,a@x.com\n2,\n3,N/A\n4,a@x.com\n5, \n",
            """{"contract":{"required_columns":["id"],"uniqueness_constraints":["email"]}}""");

        var issues = result.Report.RowIssues.Kept.Select(i => $"{(int?)i["row_index"]}:{(string?)i["issue_type"]}").ToList();
        CollectionAssert.AreEqual(new[] { "3:uniqueness_violation" }, issues, string.Join(" | ", issues));
        Assert.AreEqual(1.0, Metric(result, "uniqueness_violations"));
    }

    [TestMethod]
    public void Run_ShouldKeepAndCheckAUniqueColumn_WhenTheContractNamesItOnlyThere()
    {
        // auto_transform dropped 'email' as undeclared before its uniqueness was checked: 0 violations, "compliant".
        var result = Run("id,email,note\n1,a@x.com,x\n2,a@x.com,y\n3,b@x.com,z\n",
            """{"contract":{"required_columns":["id"],"uniqueness_constraints":["email"]}}""");

        Assert.AreEqual(1.0, Metric(result, "uniqueness_violations"));
        CollectionAssert.AreEqual(new[] { "id", "email" }, result.Output!.Columns.ToArray());
    }

    [TestMethod]
    public void Run_ShouldReadANullTokenAsAMissingValue_RequiredByNotNullAndNoWrongType()
    {
        // Found by the stop-51 outside probe: "N/A" in a not_null column passed, while "NULL" in a date column was
        // "'NULL' is not a valid date" and "n/a" in an integer one "not a valid integer": a missing value called a wrong one.
        const string contract = """
            {"contract": {"required_columns": ["code", "joined", "score"], "column_types": {"joined": "date", "score": "integer"},
              "value_constraints": {"code": {"not_null": true, "allowed_values": ["A1", "B2"]}, "score": {"min": 0, "max": 10}}}}
            """;

        var result = Run("code,joined,score\nN/A,NULL,n/a\nA1,2024-01-02,5\n,-,7\n", contract);

        var issues = result.Report.RowIssues.Kept.Select(i => $"{(int?)i["row_index"]}:{(string?)i["column"]}:{(string?)i["message"]}").ToList();
        CollectionAssert.AreEquivalent(new[] { "0:code:value is required", "2:code:value is required" }, issues, string.Join(" | ", issues));
        Assert.AreEqual(2.0, Metric(result, "value_violations"));
        CollectionAssert.AreEqual(new[] { "N/A", "NULL", "n/a" }, result.Output!.Row(0), "a null token is kept as written");
    }

    [TestMethod]
    public void Run_ShouldCountLengthsInCharacters_AnEmojiAsOne()
    {
        // The stop-51 outside probe: "😀😀" was "longer than 2" (four UTF-16 units) and "😀a" met min_length 3.
        var result = Run("tag\n😀😀\nabc\n😀a\n", """{"contract": {"required_columns": ["tag"], "value_constraints": {"tag": {"min_length": 2, "max_length": 2}}}}""");

        var issues = result.Report.RowIssues.Kept.Select(i => $"{(int?)i["row_index"]}:{(string?)i["message"]}").ToList();
        CollectionAssert.AreEqual(new[] { "1:'abc' is longer than 2" }, issues, string.Join(" | ", issues));
    }

    [TestMethod]
    public void Run_ShouldRejectUnknownType_WhenContractNamesOne()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => Run("a\n1\n", """{"contract":{"column_types":{"a":"money"}}}"""));

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, ex.ErrorCode);
        // The stop-51 outside probe: the message did not say which types there are.
        StringAssert.Contains(ex.Message, "unknown type 'money' (known: string, text, str, integer, int, float, number, numeric, double, decimal, date, datetime, boolean, bool, email)");
    }

    [TestMethod]
    public void Run_ShouldSayWhichOrderItCastDatesIn_AsTheCleanAgentsDo_WhenTheOrderIsInQuestion()
    {
        // Stop 44: a declared date type cast 01/02/2024 month-first, 31.12.2024 day-first beside 12/31/2024, and
        // 13/04/2024 beside 04/13/2024, all silently; type-fixer and field-standardization say so with an issue.
        const string contract = """
            {"contract": {"required_columns": ["paid"], "column_types": {"paid": "date", "vague": "date", "both": "date", "clear": "date"}}}
            """;

        var result = Run("paid,vague,both,clear\n12/31/2024,01/02/2024,13/04/2024,13/04/2024\n31.12.2024,03/04/2024,04/13/2024,01/02/2024\n12/31/2024,01/02/2024,01/02/2024,2024-05-06\n", contract);

        var rows = MasterTestData.Rows(result.Output!);
        CollectionAssert.AreEqual(new[] { "2024-12-31", "2024-12-31", "2024-12-31" }, rows.Select(r => r[0]).ToArray());
        CollectionAssert.AreEqual(new[] { "2024-04-13", "2024-02-01", "2024-05-06" }, rows.Select(r => r[3]).ToArray(), "13/04 shows a day-first column");
        var issues = result.Report.Issues.Select(i => ((string?)i!["field_name"], (string?)i["issue_type"], (string?)i["message"])).ToList();
        var paid = issues.Single(i => i.Item1 == "paid");
        Assert.AreEqual("mixed_date_order", paid.Item2);
        StringAssert.Contains(paid.Item3, "2 x/y/yyyy date(s) that can only be month-first");
        StringAssert.Contains(paid.Item3, "1 dotted date(s) (d.M.yyyy, such as 31.12.2024) were read day-first");
        Assert.AreEqual("ambiguous_date_order", issues.Single(i => i.Item1 == "vague").Item2);
        Assert.AreEqual("mixed_date_order", issues.Single(i => i.Item1 == "both").Item2);
        Assert.IsFalse(issues.Any(i => i.Item1 == "clear"), "nothing to ask");
    }

    [TestMethod]
    public void Run_ShouldCastDatesInTheColumnsOrderAndKeepEveryDigit_WhenTypesAreDatesAndNumbers()
    {
        const string contract = """
            {"contract": {"required_columns": ["signup", "acct", "amount"],
              "column_types": {"signup": "date", "acct": "integer", "amount": "number"}}}
            """;

        var result = Run("signup,acct,amount\n12/01/2024,1234567890123456,12345678901234567890\n01/13/2024,7,2.5\n2021-12-31T20:00:00-08:00,8,3\nMar 4 2021,9,4\n", contract);
        var rows = MasterTestData.Rows(result.Output!);

        CollectionAssert.AreEqual(new[] { "2024-12-01", "2024-01-13", "2021-12-31 20:00:00-08:00", "2021-03-04" }, rows.Select(r => r[0]).ToArray());
        Assert.AreEqual("1234567890123456", rows[0][1]);
        Assert.AreEqual("12345678901234567890", rows[0][2]);
        Assert.AreEqual(0.0, Metric(result, "value_violations"));
    }
}
