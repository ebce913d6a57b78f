using Agensium.Analysis.Profile;
using static Agensium.Scheduler.Tests.Analysis.ProfileAgents.ProfileAgentSupport;

namespace Agensium.Scheduler.Tests.Analysis.ProfileAgents;

/// <summary>score-risk figures on a hand-made file and on complaince.csv.</summary>
[TestClass]
public sealed class RiskScorerAgentTests
{
    private const string People = """
        email,ids,cardno,contact,zip,full_name,city
        a@x.com,123-45-6789,4111 1111 1111 1111,(555) 123-4567,12345,Alice,Paris
        b@x.com,234-56-7890,4222-2222-2222-2222,555 987 6543,23456,Bob,Lyon
        c@y.org,345-67-8901,4333333333333333,+1 555 222 3333,34567-1234,Carol,Nice
        d@z.io,456-78-9012,4444 4444 4444 4444,555-444-1111,45678,Dan,Paris
        """;

    private AnalysisTestSupport _files = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void Init() => _files = new AnalysisTestSupport();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public void Run_ShouldScoreEachRule_WhenColumnsHoldKnownPatterns()
    {
        var report = Run(People);

        // email: pattern 80 + email name with 100% '@' 75 → capped 100.
        AssertColumn(report, "email", 100, "email", "high");
        // ids/cardno/contact/zip: a pattern only, no keyword → 80. SSN and card are not taken for phones.
        AssertColumn(report, "ids", 80, "ssn", "high");
        AssertColumn(report, "cardno", 80, "credit_card", "high");
        AssertColumn(report, "contact", 80, "phone", "high");
        AssertColumn(report, "zip", 80, "us_zip", "high");
        // full_name: keyword "name" → 60; city: nothing → 0.
        AssertColumn(report, "full_name", 60, null, "medium");
        AssertColumn(report, "city", 0, null, "none");
        // Overall = (100 + 4·80 + 60 + 0) / 7 = 68.571… → medium.
        Assert.AreEqual(68.57, (double)report.SummaryMetrics["overall_risk_score"]!);
        Assert.AreEqual("medium", (string?)report.SummaryMetrics["risk_level"]);
        Assert.AreEqual(6, (int)report.SummaryMetrics["pii_columns"]!);
        Assert.AreEqual("missing encryption", (string?)ColumnOf(report, "ids")["compliance_gaps"]![0]);
        Assert.IsEmpty(ColumnOf(report, "city")["compliance_gaps"]!.AsArray());
    }

    [TestMethod]
    public void Run_ShouldBeDeterministic_WhenSampleIsSmallerThanTheColumn()
    {
        string first = Run(People, """{"pii_sample_size": 2}""").Data.ToJsonString();
        string second = Run(People, """{"pii_sample_size": 2}""").Data.ToJsonString();

        Assert.AreEqual(first, second);
        Assert.AreEqual(2, (int)ColumnOf(Run(People, """{"pii_sample_size": 2}"""), "email")["sample_size"]!);
    }

    [TestMethod]
    public void Run_ShouldFlagEmailPhoneAndSsnWithFrameworks_WhenRunOnComplainceSample()
    {
        var report = new RiskScorerAgent(Clock).Run(Sample("complaince.csv"), Params("score-risk"), TestContext.CancellationToken);

        AssertColumn(report, "email", 100, "email", "high");
        AssertColumn(report, "ssn", 100, "ssn", "high");
        // 555-0101 has only 7 digits: no phone pattern, but the name keyword gives 60.
        AssertColumn(report, "phone_number", 60, null, "medium");
        var frameworks = report.Data["frameworks"]!;
        CollectionAssert.IsSubsetOf(new[] { "email", "phone_number", "Full_Name", "StreetAddress" }, Names(frameworks["GDPR"]!));
        CollectionAssert.Contains(Names(frameworks["CCPA"]!), "ssn");
        CollectionAssert.IsSubsetOf(new[] { "email", "phone_number", "ssn" }, Names(frameworks["HIPAA"]!));
        CollectionAssert.DoesNotContain(Names(frameworks["GDPR"]!), "ssn");
        Assert.IsTrue(report.Issues.Any(i => (string?)i!["field_name"] == "ssn"));
        // DateOfBirth: dates are not phones, the name keyword "birth" gives 60; StartDate has no evidence.
        AssertColumn(report, "DateOfBirth", 60, null, "medium");
        AssertColumn(report, "StartDate", 0, null, "none");
    }

    [TestMethod]
    public void Run_ShouldNotTakeDatesForPhones_WhenIsoDatesFitThePhoneCharacters()
    {
        // "2024-06-10" is 10 characters of digits and '-', which AGENSIUM's phone pattern accepts; dates are excluded.
        var report = Run("started,mobile\n2024-06-10,555-123-4567\n2023-01-31,555-987-6543\n");

        AssertColumn(report, "started", 0, null, "none");
        AssertColumn(report, "mobile", 80, "phone", "high");
    }

    [TestMethod]
    public void Run_ShouldNotTakePandasUnnamedColumnsForNames()
    {
        var report = Run("Unnamed: 3,username\nx,ann99\ny,bob_k\n");

        AssertColumn(report, "Unnamed: 3", 0, null, "none");
        AssertColumn(report, "username", 60, null, "medium");
        CollectionAssert.DoesNotContain(Names(report.Data["frameworks"]!["GDPR"]!), "Unnamed: 3");
    }

    [TestMethod]
    public void Run_ShouldFindEmailsWithLettersOfAnyScript_AndTakeZipPlusFourForZipsNotPhones()
    {
        // An ASCII-only pattern missed hans.müller@beispiel.de (the profiler counts it as an e-mail); 12345-6789 is 10
        // characters of digits and '-', which the phone pattern accepted before the zip pattern was tried.
        var report = Run("contact,postcode\nhans.müller@beispiel.de,12345-6789\nanna@przykład.pl,23456-7890\njosé@correo.es,34567-8901\n");

        AssertColumn(report, "contact", 80, "email", "high");
        AssertColumn(report, "postcode", 80, "us_zip", "high");
    }

    [TestMethod]
    public void Run_ShouldLevelAColumnWithoutRiskNone_WhenAThresholdIsZero()
    {
        var report = Run("city,email\nParis,a@x.com\nLyon,b@x.com\n", """{"medium_risk_threshold": 0, "high_risk_threshold": 0}""");

        AssertColumn(report, "city", 0, null, "none");
        AssertColumn(report, "email", 100, "email", "high");
        Assert.AreEqual(1, (int)report.SummaryMetrics["pii_columns"]!);
    }

    [TestMethod]
    public void Run_ShouldTakeCardsOfOtherLengthsForCards_OnlyWhenTheirLuhnDigitIsRight()
    {
        // American Express (15 digits) and Diners (14) are not four groups of four: with a valid Luhn check digit they
        // are cards, not the phone pattern's; the same lengths with a wrong check digit stay phones.
        // IMEIs are Luhn-checked 15-digit numbers too, but no card network's: phones by AGENSIUM's pattern, not cards.
        var report = Run("amex,diners,digits,imei\n378282246310005,30569309025904,378282246310006,490154203237518\n3714 496353 98431,38520000023237,371449635398432,356938035643809\n378734493671000,30569309025904,378734493671001,867530901234565\n");

        AssertColumn(report, "amex", 80, "credit_card", "high");
        AssertColumn(report, "diners", 80, "credit_card", "high");
        AssertColumn(report, "digits", 80, "phone", "high");
        AssertColumn(report, "imei", 80, "phone", "high");
    }

    [TestMethod]
    public void Run_ShouldNotTakeSixteenDigitIdsForCardsOrPhones_UnlessTheyPassTheCardCheck()
    {
        // Sixteen digits without separators fit AGENSIUM's 4×4 pattern: 16-digit order ids (wrong Luhn digit) and
        // integers past 2^53 (no card network starts with 9) were "credit_card", high risk. They are neither cards
        // nor phones (E.164: at most 15 digits). Luhn-valid Visa numbers written plain, and any four groups written
        // with spaces, stay cards.
        var report = Run("""
            order_id,big_int,visa,printed
            4000123412341235,9007199254740993,4111111111111111,1234 5678 9012 3456
            4000123412341236,9007199254741001,4539578763621486,2345-6789-0123-4567
            4000123412341237,9007199254741196,4000123412341234,3456 7890 1234 5678
            """);

        AssertColumn(report, "order_id", 0, null, "none");
        AssertColumn(report, "big_int", 0, null, "none");
        AssertColumn(report, "visa", 80, "credit_card", "high");
        AssertColumn(report, "printed", 80, "credit_card", "high");
    }

    [TestMethod]
    public void Run_ShouldMatchSensitiveKeywordsAtWordEdges_NotInsideOtherWords()
    {
        // As substrings, "classname" held "ssn" (CCPA, HIPAA), "tournament" "name", "adobe_product" "dob" and
        // "headphones_type" "phone": each scored 60 with frameworks. A keyword that starts or ends a word still counts
        // (so "classname" ends in "name": a word-edge match cannot tell it from "surname").
        var report = Run("""
            classname,tournament,adobe_product,headphones_type,firstName,telephone,date_of_birth,CustomerSSN
            Math,Cup,photoshop,over-ear,Ann,x,y,z
            Art,Open,acrobat,in-ear,Bob,x,y,z
            """);

        Assert.AreEqual("name", (string?)ColumnOf(report, "classname")["sensitive_keyword"]);
        foreach (string column in new[] { "tournament", "adobe_product", "headphones_type" })
        {
            AssertColumn(report, column, 0, null, "none");
            Assert.IsEmpty(ColumnOf(report, column)["frameworks"]!.AsArray(), column);
        }

        Assert.AreEqual("name", (string?)ColumnOf(report, "firstName")["sensitive_keyword"]);
        Assert.AreEqual("phone", (string?)ColumnOf(report, "telephone")["sensitive_keyword"]);
        Assert.AreEqual("birth", (string?)ColumnOf(report, "date_of_birth")["sensitive_keyword"]);
        Assert.AreEqual("ssn", (string?)ColumnOf(report, "CustomerSSN")["sensitive_keyword"]);
        CollectionAssert.Contains(Names(report.Data["frameworks"]!["HIPAA"]!), "CustomerSSN");
        CollectionAssert.DoesNotContain(Names(report.Data["frameworks"]!["CCPA"]!), "adobe_product");
    }

    [TestMethod]
    public void Run_ShouldFindALongerKeywordInsideAWord_WhenTheNameHasNoSeparators()
    {
        // Review: database exports write names in one word; with every keyword needing a word's edge these scored 0.
        var report = Run("""
            billingaddressline1,homephonenumber,BILLINGADDRESSCITY,dateofbirthutc,studio_microphone_model
            x,y,z,w,v
            x,y,z,w,v
            """);

        Assert.AreEqual("address", (string?)ColumnOf(report, "billingaddressline1")["sensitive_keyword"]);
        Assert.AreEqual("phone", (string?)ColumnOf(report, "homephonenumber")["sensitive_keyword"]);
        Assert.AreEqual("address", (string?)ColumnOf(report, "BILLINGADDRESSCITY")["sensitive_keyword"]);
        Assert.AreEqual("birth", (string?)ColumnOf(report, "dateofbirthutc")["sensitive_keyword"]);
        AssertColumn(report, "studio_microphone_model", 0, null, "none");
    }

    [TestMethod]
    public void Run_ShouldDetectIbansOfAnyCountry_OnlyWhenTheirCheckDigitsAreRight()
    {
        // A column of bank accounts had no pattern and no keyword: risk 0. IBANs (MOD 97-10) of Germany, the UK,
        // France, the Netherlands and Italy, plain or grouped, are "iban"; the same codes with a check digit changed are not.
        var report = Run("""
            payee_account,reference,iban
            DE89370400440532013000,DE88370400440532013000,NL91ABNA0417164300
            GB29NWBK60161331926819,GB28NWBK60161331926819,IT60X0542811101000000123456
            FR1420041010050500013M02606,NL90ABNA0417164300,DE89 3704 0044 0532 0130 00
            """);

        AssertColumn(report, "payee_account", 80, "iban", "high");
        AssertColumn(report, "reference", 0, null, "none");
        // pattern 80 + keyword "iban" 60, capped.
        AssertColumn(report, "iban", 100, "iban", "high");
    }

    [TestMethod]
    public void Run_ShouldLevelTheScoreAsShown_WhenAThresholdHasDecimals()
    {
        // email 100, phone 100, x 0: the mean 66.666… is shown 66.67, which is not below a high threshold of 66.67.
        var report = Run("email,phone,x\na@b.com,555-123-4567,1\nc@d.com,555-123-4568,2\n", """{"high_risk_threshold": 66.67, "medium_risk_threshold": 10}""");

        Assert.AreEqual(66.67, (double)report.SummaryMetrics["overall_risk_score"]!);
        Assert.AreEqual("high", (string?)report.SummaryMetrics["risk_level"]);
    }

    [TestMethod]
    public void Run_ShouldFindPersonalDataInsideFreeText_WhenNotesHoldContactDetails()
    {
        // Outside probe: a clinic's notes naming patients with their phone numbers, e-mails and an SSN scored 0 (no
        // whole value fits a pattern, no keyword in "notes") while the patient_id column scored 60. 5 of 6 notes hold
        // personal data inside text: pii_in_text +80. The remarks column holds dates, amounts, an IP address and short
        // numbers only, so it stays 0; a column of bare phone numbers (3 of 6, not more than half) keeps AGENSIUM's
        // keyword score: a value must hold words besides the match.
        var report = Run("""
            patient_id,notes,remarks,phone
            P001,"Seen by Dr. Keller; patient John Smith reachable at 555-123-4567",visit 2024-01-05 paid 1 234.50,+1 (555) 123-4567
            P002,Follow-up call to mary.jones@example.com about results,server 192.168.100.200 ref 12345,555-1234
            P003,No complaints. BP normal.,"invoice 2024/0042 total 12,345.67",0049 30 1234567
            P004,Wife asked to be called on +44 20 7946 0958,room 3.14159265 on 31.03.2024 14:05,12345
            P005,"SSN on file 123-45-6789, insurance pending",ok,(020) 7946 0958
            P006,Email results to r.patel@clinic.org,"v1.2.3 build 20240105, EAN 4006381 333931",not given
            """);

        AssertColumn(report, "notes", 80, "pii_in_text", "high");
        Assert.AreEqual(83.33, (double)ColumnOf(report, "notes")["pattern_match_pct"]!);
        CollectionAssert.AreEqual(new[] { "email", "ssn", "phone" }, Names(ColumnOf(report, "notes")["pii_in_text_kinds"]!));
        AssertColumn(report, "remarks", 0, null, "none");
        AssertColumn(report, "phone", 60, null, "medium");
        Assert.IsTrue(report.Issues.Any(i => (string?)i!["field_name"] == "notes" && ((string?)i["message"])!.Contains("inside text")));
    }

    [TestMethod]
    public void Run_ShouldNotCallFiveDigitNumbersZipCodes_WhenTheNameSaysTheyHoldSomethingElse()
    {
        // Outside probe: AGENSIUM's us_zip is any five digits, so order references and salaries were "us_zip", high
        // risk (and the same salaries at six digits scored 0). A postal name, a name that says nothing (c5) and a
        // compound postal name keep the pattern; identifier and measure names do not.
        var report = Run("""
            order_ref,salary,customer_id,unitPrice,postcode,PLZ,c5,billing_zip_code,country
            50231,45000,10001,12500,10115,80331,02134,02134,50231
            50232,52000,10002,13900,75001,50667,10115,10115,50232
            50233,61000,10003,11000,80331,20095,90210,90210,50233
            """);

        foreach (string column in new[] { "order_ref", "salary", "customer_id", "unitPrice" })
        {
            Assert.IsNull((string?)ColumnOf(report, column)["detected_pattern"], column);
        }

        AssertColumn(report, "salary", 0, null, "none");
        foreach (string column in new[] { "postcode", "PLZ", "c5", "billing_zip_code", "country" })
        {
            AssertColumn(report, column, 80, "us_zip", "high");
        }
    }

    private static string[] Names(System.Text.Json.Nodes.JsonNode list) => [.. list.AsArray().Select(n => (string)n!)];

    private AgentReport Run(string csv, string parameters = "{}") =>
        new RiskScorerAgent(Clock).Run(_files.AddText($"people{_files.Inputs.Count}.csv", csv), Params("score-risk", parameters), TestContext.CancellationToken);

    private static void AssertColumn(AgentReport report, string column, double score, string? pattern, string level)
    {
        var c = ColumnOf(report, column);
        Assert.AreEqual(score, (double)c["risk_score"]!, $"score of {column}");
        Assert.AreEqual(pattern, (string?)c["detected_pattern"], $"pattern of {column}");
        Assert.AreEqual(level, (string?)c["risk_level"], $"level of {column}");
    }
}
